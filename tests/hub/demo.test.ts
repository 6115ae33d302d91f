// What `npm start` runs: the hub on a fresh PGlite folder with SPOKE_SEED_DEMO=true prints an advocate and a CoE
// invite code that work; the demo organisation has units, published items for LinkedIn and X, and the core policy.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AnalyticsResponseSchema, LibraryResponseSchema, PolicyResponseSchema } from '../../lib/contract/hub';
import { type SpawnedHub, startHub } from './spawn';

const root = path.resolve(import.meta.dirname, '../..');

describe('npm start: the demo organisation', () => {
  const dataDir = path.join(root, '.spoke', `demo-${randomBytes(4).toString('hex')}`);
  let hub: SpawnedHub | undefined;
  afterAll(() => {
    hub?.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints working advocate and CoE invite codes', { timeout: 90_000 }, async () => {
    hub = await startHub({ SPOKE_DATA_DIR: dataDir, DATABASE_URL: '', SPOKE_SEED_DEMO: 'true' });
    // The codes are printed before the hub listens; the pipe may deliver them just after the ready message.
    for (let i = 0; i < 100 && !hub.stdout().includes('CoE invite code'); i++)
      await new Promise((r) => setTimeout(r, 50));
    const advocateCode = /advocate invite code[^:]*:\s*(\S+)/.exec(hub.stdout())?.[1];
    const coeCode = /CoE invite code:\s*(\S+)/.exec(hub.stdout())?.[1];
    expect(advocateCode).toBeTruthy();
    expect(coeCode).toBeTruthy();
    const enroll = async (inviteCode: string) => {
      const res = await fetch(`${hub?.base}/v1/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ inviteCode, displayName: 'Demo' }),
      });
      expect(res.status).toBe(201);
      return { authorization: `Bearer ${((await res.json()) as { token: string }).token}` };
    };
    const advocate = await enroll(advocateCode as string);
    const coe = await enroll(coeCode as string);
    const library = LibraryResponseSchema.parse(
      await (await fetch(`${hub.base}/v1/library`, { headers: advocate })).json(),
    );
    expect(library.items.length).toBeGreaterThanOrEqual(6);
    expect(library.items.every((i) => i.variants.linkedin && i.variants.x)).toBe(true);
    const policy = await fetch(`${hub.base}/v1/policy`, { headers: advocate });
    expect(policy.status).toBe(200);
    expect(PolicyResponseSchema.parse(await policy.json()).version).toBe(1);
    const content = (await (await fetch(`${hub.base}/v1/admin/content`, { headers: coe })).json()) as {
      items: unknown[];
    };
    expect(content.items).toHaveLength(12);
    const units = (await (await fetch(`${hub.base}/v1/admin/business-units`, { headers: coe })).json()) as {
      businessUnits: unknown[];
    };
    expect(units.businessUnits.length).toBe(4);
    AnalyticsResponseSchema.parse(await (await fetch(`${hub.base}/v1/admin/analytics`, { headers: coe })).json());
    expect((await fetch(`${hub.base}/v1/admin/content`, { headers: advocate })).status).toBe(403);
  });
});
