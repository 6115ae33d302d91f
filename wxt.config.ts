import { defineConfig } from 'wxt';

// `WXT_E2E=1 wxt build` is the one build flag the E2E suite uses: it opens the in-page shadow roots so
// Playwright can see inside them (see components/in-page/shadow-mode.ts). Nothing else may differ.
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  imports: false, // explicit imports everywhere, so a reader sees where every name comes from
  // The E2E build must run the same production code: only the mode (and so the shadow-root mode) differs.
  // The E2E build (WXT_E2E=1) is the production build in its own folder; only the shadow-root mode differs.
  outDirTemplate: process.env.WXT_E2E === '1' ? '{{browser}}-mv{{manifestVersion}}-e2e' : undefined,
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
