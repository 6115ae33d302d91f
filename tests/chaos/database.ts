// A Postgres database of its own for a chaos run, and the fault an operator's restart or failover causes: every
// connection cut and new ones refused for a while (ALLOW_CONNECTIONS false + pg_terminate_backend), confined to this
// database so other users of the cluster are not disturbed.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

export interface ChaosDatabase {
  /** The URL the hub is started with. */
  url: string;
  /** The database goes away: connections cut, new ones refused. */
  away(): Promise<void>;
  /** …and comes back. */
  back(): Promise<void>;
  drop(): Promise<void>;
}

export async function freshDatabase(clusterUrl: string): Promise<ChaosDatabase> {
  const name = `spoke_chaos_${randomBytes(6).toString('hex')}`;
  const admin = postgres(clusterUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async away() {
      await admin.unsafe(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`);
      await admin.unsafe(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`,
      );
    },
    async back() {
      await admin.unsafe(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS true`);
    },
    async drop() {
      await admin.unsafe(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS true`).catch(() => {});
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      await admin.end();
    },
  };
}
