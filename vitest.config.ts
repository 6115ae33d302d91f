import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Two projects behind `npm test`: `unit` runs extension code in happy-dom with WXT's fake browser; `hub` runs the
// server in plain Node, as it runs in production.
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          environment: 'happy-dom',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          setupFiles: ['./tests/unit/setup.ts'],
          restoreMocks: true,
        },
      },
      {
        test: {
          name: 'hub',
          environment: 'node',
          include: ['tests/hub/**/*.test.ts'],
        },
      },
    ],
  },
});
