import { defineConfig } from 'wxt';

// `wxt build --mode e2e` is the one build flag the E2E suite uses: it opens the in-page shadow roots so
// Playwright can see inside them (see components/in-page/shadow-mode.ts). Nothing else may differ.
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  imports: false, // explicit imports everywhere, so a reader sees where every name comes from
  // The E2E build must run the same production code: only the mode (and so the shadow-root mode) differs.
  vite: (env) => (env.mode === 'e2e' ? { define: { 'process.env.NODE_ENV': JSON.stringify('production') } } : {}),
  manifest: ({ browser }) => ({
    name: 'Spoke',
    description:
      'Guideline tips while you write on LinkedIn and X, approved content in one click, and your own reach. Your drafts never leave your device.',
    permissions: browser === 'firefox' ? ['storage'] : ['storage', 'sidePanel'],
    action: { default_title: 'Spoke' },
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'spoke@spoke-advocacy.org',
          data_collection_permissions: { required: ['none'] },
        },
      },
    }),
  }),
  zip: {
    includeSources: [
      'entrypoints',
      'components',
      'lib',
      'public',
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'wxt.config.ts',
    ],
  },
});
