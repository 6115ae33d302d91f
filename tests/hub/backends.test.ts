// The hub suite runs on PGlite always and on Postgres when SPOKE_TEST_DATABASE_URL is set; in CI (CI=true) Postgres
// is required, so a missing database is a failure here (and in every Postgres suite), never a silent skip.
import { describe, expect, it } from 'vitest';
import { backends, postgresUrl } from './support';

const isCi = process.env.CI === 'true' || process.env.CI === '1';

describe('hub test backends', () => {
  it('includes PGlite, and Postgres whenever a database is configured or CI=true', () => {
    expect(backends).toContain('pglite');
    if (postgresUrl || isCi) expect(backends).toContain('postgres');
  });

  it.runIf(isCi)('has a Postgres database in CI (SPOKE_TEST_DATABASE_URL, exported by .ci/run)', () => {
    expect(postgresUrl, 'CI=true but SPOKE_TEST_DATABASE_URL is not set').toBeTruthy();
  });
});
