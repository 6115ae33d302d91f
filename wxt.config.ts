import { defineConfig } from 'wxt';
import { chromeManagedSchema } from './lib/settings/managed-schema';
import { allSiteMatches } from './lib/sites/hosts';

/** Chrome's schema of the settings an organisation may set (storage.managed); Firefox reads them without one. */
const MANAGED_SCHEMA_FILE = 'managed_schema.json';

// `WXT_E2E=1 wxt build` is the one build flag the E2E suite uses: it opens the in-page shadow roots so
// Playwright can see inside them (see components/in-page/shadow-mode.ts). Nothing else may differ.
const SPOKE_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtGX9xkoAo/w144vwFqpgbnxt8jOvsM+nElUmNNLKMSqqrK+/gUya8GT3+5haujDylz7PtixtpSKFuamy+WZPj8VUZ0UQB++8zCH8dPIb2pv7LSKAOL/dVeoCbRTiOkISiTQtI4l/wRACLsOFnRTgxhGcWaFUWZy2SwjpwrfGuVTvzRpV7Z43cNvMsqMHR2sKxf9mLAlH+IrnMlw5BweRLuahvKA+NtYg2WlxQQmqnAtIalPDopD0njM9NvTeC+UKQzq2z99x+DX6o7H14hsRRS2B/Tz/u09GgqYcCduCrRL1a8GMg50S0E1yHz/cytBCglhait+dhy61UGBehvAXwwIDAQAB';

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
    // `identity`: "Sign in with your organisation" opens the company's sign-in page in the browser's own window and
    // gets its answer back (README, "SSO"); it reads nothing of the browser's accounts.
    // `offscreen` (Chrome): a hidden extension page keeps the compiled policy while the service worker sleeps, so the
    // first keystroke after a pause is checked at once (lib/background/offscreen.ts); it shows no warning.
    permissions:
      browser === 'firefox'
        ? ['storage', 'alarms', 'identity']
        : ['storage', 'alarms', 'sidePanel', 'identity', 'offscreen'],
    // The sites Spoke's content scripts run on (lib/sites/hosts.ts), so the side panel can tell which network the
    // current tab shows; the background trusts messages from these hosts only.
    host_permissions: allSiteMatches(),
    action: { default_title: 'Spoke' },
    // A fixed public key pins the extension id (dhdhjhogeaomelbceofajjicgiiaccpm) for unpacked builds, so the hub's
    // CORS allow-list can name it. The store assigns its own id; this key has no private half in the repo.
    ...(browser !== 'firefox' && { key: SPOKE_PUBLIC_KEY, storage: { managed_schema: MANAGED_SCHEMA_FILE } }),
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'spoke@spoke-advocacy.org',
          data_collection_permissions: { required: ['none'] },
        },
      },
    }),
  }),
  hooks: {
    // Generated from the zod schemas that validate the values (lib/settings/managed-schema.ts): one source of truth.
    'build:publicAssets': (wxt, files) => {
      if (wxt.config.browser === 'firefox') return;
      files.push({
        relativeDest: MANAGED_SCHEMA_FILE,
        contents: `${JSON.stringify(chromeManagedSchema(), null, 2)}\n`,
      });
    },
  },
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
