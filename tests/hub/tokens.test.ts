// Invites and device tokens as a member, a CoE member and an attacker notice them: an expired or revoked invite
// enrols no one (whoever joined with it stays); only the current token rotates; the previous one works through its
// grace period, and used after it, or to rotate, revokes the device (both tokens stop); a revoked device and a
// deactivated member stop at once, on every hub instance, a token another instance still has cached included.
// The end of a grace period or of an invite is the database's clock passing it: the tests move the deadline back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubApp } from '../../server/app';
import {
  backends,
  call,
  enroll,
  type Member,
  makeEvent,
  makeWorld,
  openTestDb,
  type TestDb,
  type World,
} from './support';

describe.each(backends)('invites and tokens on %s', (backend) => {
  let t: TestDb;
  let w: World;
  beforeAll(async () => {
    t = await openTestDb(backend);
    w = await makeWorld(t.db);
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  const invite = async (maxUses = 5) => {
    const response = await call(w.app, 'POST', '/v1/admin/invites', {
      token: w.a.coe.token,
      body: { businessUnitId: w.a.units.Sales, maxUses },
    });
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string; code: string };
  };
  const tryEnrol = (code: string) =>
    call(w.app, 'POST', '/v1/enroll', { body: { inviteCode: code, displayName: 'Newcomer' } });
  const member = async (name: string): Promise<Member> => enroll(w.app, (await invite(1)).code, name);
  const me = (token: string, app = w.app) => call(app, 'GET', '/v1/me', { token });
  const rotate = (token: string) => call(w.app, 'POST', '/v1/me/token', { token, body: {} });
  const rotated = async (token: string) => {
    const response = await rotate(token);
    expect(response.status).toBe(200);
    return ((await response.json()) as { token: string }).token;
  };
  const deviceOf = async (memberId: string) =>
    (
      await w.db.query<{ revoked: boolean }>(
        'SELECT revoked_at IS NOT NULL AS revoked FROM devices WHERE member_id = $1',
        [memberId],
      )
    )[0];
  const events = async (memberId: string) =>
    Number(
      (await w.db.query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE member_id = $1', [memberId]))[0]?.n,
    );
  /** Another hub instance on the same database that keeps tokens cached for an hour. */
  const cachingInstance = () =>
    createHubApp({ version: 'test', db: w.db, config: { ...w.config, authCacheSeconds: 3600 } });
  const send = (app: World['app'], token: string) =>
    call(app, 'POST', '/v1/events', { token, body: { sentAt: new Date().toISOString(), events: [makeEvent()] } });

  it('enrols no one with an invite past its expiry', async () => {
    const { id, code } = await invite();
    expect((await tryEnrol(code)).status).toBe(201);
    await w.db.query("UPDATE invites SET expires_at = now() - interval '1 second' WHERE id = $1", [id]);
    const refused = await tryEnrol(code);
    expect(refused.status).toBe(404);
    expect(((await refused.json()) as { detail: string }).detail).toContain('expired');
  });

  it('enrols no one with a revoked invite; whoever joined with it stays', async () => {
    const { id, code } = await invite();
    const kim = await enroll(w.app, code, 'Kim');
    const revoked = await call(w.app, 'DELETE', `/v1/admin/invites/${id}`, { token: w.a.coe.token });
    expect(revoked.status).toBe(200);
    expect((await tryEnrol(code)).status).toBe(404);
    expect((await me(kim.token)).status).toBe(200);
  });

  it('keeps the previous token working through its grace period, then revokes the device when it comes back', async () => {
    const finn = await member('Finn');
    const current = await rotated(finn.token);
    expect((await me(finn.token)).status).toBe(200);
    expect((await me(current)).status).toBe(200);
    await w.db.query("UPDATE devices SET previous_valid_until = now() - interval '1 second' WHERE member_id = $1", [
      finn.id,
    ]);
    expect(await deviceOf(finn.id)).toEqual({ revoked: false });
    // The old token once more: stolen, or its holder never got the new one. Both stop.
    const reused = await me(finn.token);
    expect(reused.status).toBe(401);
    expect(await reused.json()).toMatchObject({ code: 'unauthenticated' });
    expect(await deviceOf(finn.id)).toEqual({ revoked: true });
    expect((await me(current)).status).toBe(401);
  });

  it('rotates only with the current token: the previous one, rotating in its grace period, revokes the device', async () => {
    const gil = await member('Gil');
    const current = await rotated(gil.token);
    // Whoever holds the old token cannot take the device over by rotating it again.
    expect((await rotate(gil.token)).status).toBe(401);
    expect(await deviceOf(gil.id)).toEqual({ revoked: true });
    expect((await me(current)).status).toBe(401);
    expect((await me(gil.token)).status).toBe(401);
  });

  it('rotates again with the new token; a token two rotations old is simply unknown', async () => {
    const hana = await member('Hana');
    const second = await rotated(hana.token);
    const third = await rotated(second);
    expect((await me(third)).status).toBe(200);
    expect((await me(second)).status).toBe(200); // in its grace period
    expect((await me(hana.token)).status).toBe(401);
    expect(await deviceOf(hana.id)).toEqual({ revoked: false });
    expect((await me(third)).status).toBe(200);
  });

  it('stops a revoked device at once, also where another instance has its token cached', async () => {
    const cached = cachingInstance();
    const ida = await member('Ida');
    expect((await send(cached, ida.token)).status).toBe(200);
    const device = ((await (await me(ida.token)).json()) as { device: { id: string } }).device.id;
    expect((await call(w.app, 'DELETE', `/v1/me/devices/${device}`, { token: ida.token })).status).toBe(200);
    expect((await send(cached, ida.token)).status).toBe(401);
    expect((await me(ida.token, cached)).status).toBe(401);
    expect((await me(ida.token)).status).toBe(401);
    expect(await events(ida.id)).toBe(1);
  });

  it('stops a deactivated member at once, also where another instance has their token cached', async () => {
    const cached = cachingInstance();
    const jan = await member('Jan');
    const current = await rotated(jan.token);
    expect((await send(cached, current)).status).toBe(200);
    const off = await call(w.app, 'POST', `/v1/admin/members/${jan.id}/deactivate`, { token: w.a.coe.token, body: {} });
    expect(off.status).toBe(200);
    expect((await send(cached, current)).status).toBe(401);
    expect((await me(current, cached)).status).toBe(401);
    expect((await me(jan.token)).status).toBe(401); // the previous token, in its grace period, too
    expect(await events(jan.id)).toBe(1);
  });
});
