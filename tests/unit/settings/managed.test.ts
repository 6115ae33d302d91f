// The settings an organisation sets through browser management: validated field by field (one wrong value never
// takes the others, nor Spoke, down), merged over the member's own site switches, shaping the connect form and the
// background's enrolment, and declared to Chrome by a schema generated from the same zod schemas.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackgroundServices } from '@/lib/background/services';
import { SpokeDatabase } from '@/lib/db';
import { MessageError } from '@/lib/messaging/error';
import type { GuidelineService } from '@/lib/policy/guideline-service';
import { mirrorManagedSiteRules, readManagedSettings } from '@/lib/settings/managed';
import { chromeManagedSchema, parseManagedSettings } from '@/lib/settings/managed-schema';
import { effectiveSiteSwitches, managedSiteRules, siteLock } from '@/lib/settings/site-rules';
import { ENROL_MESSAGES } from '@/lib/sync/enrol-fields';
import { connectStart, hubAllowed } from '@/lib/sync/join-link';
import { SSO_MESSAGES } from '@/lib/sync/sso';
import { syncStatus } from '@/lib/sync/status';
import { syncNow } from '@/lib/sync/sync';

afterEach(() => fakeBrowser.reset());

const PINNED = 'https://spoke.acme.example';

describe('parseManagedSettings', () => {
  it('takes every valid setting, the hub address normalised as the connect form stores it', () => {
    const warn = vi.fn();
    const settings = parseManagedSettings(
      {
        hubUrl: ' https://spoke.acme.example/ ',
        pinHub: true,
        signInMode: 'invite',
        sites: { linkedin: true, x: false },
        memberMayTurnOffSites: false,
      },
      warn,
    );
    expect(settings).toEqual({
      hubUrl: PINNED,
      pinHub: true,
      signInMode: 'invite',
      sites: { linkedin: true, x: false },
      memberMayTurnOffSites: false,
    });
    expect(warn).not.toHaveBeenCalled();
  });

  it('drops each unusable value on its own, with a warning naming it, and keeps the rest', () => {
    const warn = vi.fn();
    const settings = parseManagedSettings(
      {
        hubUrl: 'http://spoke.acme.example', // plain http off this computer
        pinHub: 'yes',
        signInMode: 'saml',
        sites: { linkedin: false, x: 'off', facebook: true },
        memberMayTurnOffSites: true,
        theme: 'dark',
      },
      warn,
    );
    expect(settings).toEqual({ sites: { linkedin: false }, memberMayTurnOffSites: true });
    const warned = warn.mock.calls.map(([message]) => message as string);
    for (const name of ['"hubUrl"', '"pinHub"', '"signInMode"', '"sites.x"', '"sites.facebook"', '"theme"']) {
      expect(warned.some((message) => message.includes(name))).toBe(true);
    }
    expect(warned).toHaveLength(6);
  });

  it('refuses hub addresses Spoke would refuse in the connect form', () => {
    const hub = (hubUrl: unknown) => parseManagedSettings({ hubUrl }, () => undefined).hubUrl;
    expect(hub('https://spoke.acme.example/base/')).toBe('https://spoke.acme.example/base');
    expect(hub('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787'); // a hub on this computer (tests, demos)
    expect(hub('https://spoke.acme.example/?code=1')).toBeUndefined();
    expect(hub('https://user:secret@spoke.acme.example')).toBeUndefined();
    expect(hub('javascript:alert(1)')).toBeUndefined();
    expect(hub(42)).toBeUndefined();
  });

  it('says a pin without a hub pins nothing', () => {
    const warn = vi.fn();
    expect(parseManagedSettings({ pinHub: true, hubUrl: 'ftp://x' }, warn)).toEqual({ pinHub: true });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('needs a valid "hubUrl"'));
    expect(connectStart({ hub: 'https://other.example', code: 'ABCD-EFGH' }, { pinHub: true })).toEqual({
      hub: 'https://other.example',
      code: 'ABCD-EFGH',
      hubPinned: false,
    });
  });

  it('never throws, whatever the browser hands over', () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        parseManagedSettings(raw, () => undefined);
        managedSiteRules(raw);
      }),
    );
    expect(parseManagedSettings(undefined, () => undefined)).toEqual({});
    expect(parseManagedSettings(['hubUrl'], () => undefined)).toEqual({});
  });

  it('agrees with the content scripts’ zod-free reading of the site rules', () => {
    const value = fc.oneof(fc.boolean(), fc.constantFrom('true', 0, 1, null), fc.anything());
    const raw = fc.record(
      {
        sites: fc.oneof(fc.record({ linkedin: value, x: value, facebook: value }, { requiredKeys: [] }), fc.anything()),
        memberMayTurnOffSites: value,
        hubUrl: fc.string(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(raw, (managed) => {
        const { sites, memberMayTurnOffSites } = parseManagedSettings(managed, () => undefined);
        const expected = {
          ...(sites && { sites }),
          ...(memberMayTurnOffSites !== undefined && { memberMayTurnOffSites }),
        };
        expect(managedSiteRules(managed)).toEqual(expected);
      }),
    );
  });
});

describe('site switches under the organisation', () => {
  const own = { linkedin: false, x: true };

  it('keeps the member’s own switches where the organisation set nothing', () => {
    expect(effectiveSiteSwitches(own, {})).toEqual(own);
    expect(siteLock({}, 'x')).toBeNull();
  });

  it('turns a site the organisation switched off off for good, whatever the member chose', () => {
    expect(effectiveSiteSwitches(own, { sites: { x: false } })).toEqual({ linkedin: false, x: false });
    expect(siteLock({ sites: { x: false } }, 'x')).toBe('off');
  });

  it('leaves a site the organisation switched on to the member, unless members may not turn Spoke off', () => {
    expect(effectiveSiteSwitches(own, { sites: { linkedin: true } })).toEqual(own);
    expect(siteLock({ sites: { linkedin: true } }, 'linkedin')).toBeNull();
    const held = { sites: { x: false }, memberMayTurnOffSites: false };
    expect(effectiveSiteSwitches(own, held)).toEqual({ linkedin: true, x: false });
    expect(siteLock(held, 'linkedin')).toBe('on');
    expect(siteLock(held, 'x')).toBe('off');
  });
});

describe('joining under a pinned hub', () => {
  const pinned = { hubUrl: PINNED, pinHub: true };

  it('fills in an unpinned hub, and lets a join link name another', () => {
    const suggested = { hubUrl: PINNED };
    expect(connectStart({ hub: '', code: '' }, suggested)).toEqual({ hub: PINNED, code: '', hubPinned: false });
    expect(connectStart({ hub: 'https://other.example', code: 'ABCD-EFGH' }, suggested)).toEqual({
      hub: 'https://other.example',
      code: 'ABCD-EFGH',
      hubPinned: false,
    });
    expect(hubAllowed('https://other.example', suggested)).toBe(true);
  });

  it('takes a join link to the pinned hub, however its address is written', () => {
    expect(connectStart({ hub: `${PINNED}/`, code: 'ABCD-EFGH' }, pinned)).toEqual({
      hub: PINNED,
      code: 'ABCD-EFGH',
      hubPinned: true,
    });
    expect(connectStart({ hub: '', code: '' }, pinned)).toEqual({ hub: PINNED, code: '', hubPinned: true });
  });

  it('refuses a join link to another hub, naming the pinned one, and drops its code', () => {
    const start = connectStart({ hub: 'https://evil.example', code: 'ABCD-EFGH' }, pinned);
    expect(start).toMatchObject({ hub: PINNED, code: '', hubPinned: true });
    expect(start.refusal).toBe(
      `This join link is for another hub (https://evil.example). Your organisation lets Spoke connect only to its own hub, ${PINNED}. Ask your CoE for a join link to ${PINNED}.`,
    );
    expect(hubAllowed('https://evil.example', pinned)).toBe(false);
    expect(hubAllowed(`${PINNED}/`, pinned)).toBe(true);
  });
});

describe('the background under managed settings', () => {
  const services = () => {
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ version: '0.1.0' } as never);
    return createBackgroundServices({} as GuidelineService, () => undefined);
  };
  const request = { hubUrl: 'https://evil.example', inviteCode: 'ABCD-EFGH-1234', displayName: 'Avery' };

  it('reads the browser’s managed storage', async () => {
    await fakeBrowser.storage.managed.set({ hubUrl: `${PINNED}/`, pinHub: true, sites: { x: false } });
    expect(await readManagedSettings()).toEqual({ hubUrl: PINNED, pinHub: true, sites: { x: false } });
  });

  it('keeps the site rules where the content scripts read them at once, and follows changes', async () => {
    await fakeBrowser.storage.managed.set({ hubUrl: PINNED, sites: { x: false, linkedin: 'no' } });
    const unwatch = mirrorManagedSiteRules();
    const mirrored = async () => (await fakeBrowser.storage.local.get('managedSiteRules')).managedSiteRules;
    await vi.waitFor(async () => expect(await mirrored()).toEqual({ sites: { x: false } }));
    await fakeBrowser.storage.managed.set({ memberMayTurnOffSites: false });
    await vi.waitFor(async () =>
      expect(await mirrored()).toEqual({ sites: { x: false }, memberMayTurnOffSites: false }),
    );
    unwatch();
  });

  it('refuses to enrol with another hub than the pinned one, before any request leaves', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch');
    await fakeBrowser.storage.managed.set({ hubUrl: PINNED, pinHub: true });
    const refusal = await services()
      .enroll(request)
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(MessageError);
    expect((refusal as MessageError).fields).toEqual([
      { field: 'hubUrl', message: `Your organisation lets Spoke connect only to its own hub, ${PINNED}.` },
    ]);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('refuses invite codes when the organisation signs its members in itself', async () => {
    await fakeBrowser.storage.managed.set({ signInMode: 'sso' });
    await expect(services().enroll(request)).rejects.toThrow(ENROL_MESSAGES.organisationSignIn);
  });

  it('refuses single sign-on with another hub than the pinned one, or when the organisation uses invites', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch');
    await fakeBrowser.storage.managed.set({ hubUrl: PINNED, pinHub: true });
    const refusal = await services()
      .signInWithOrganisation({ hubUrl: 'https://other.example', organisation: 'acme' })
      .catch((error: unknown) => error);
    expect((refusal as MessageError).fields).toEqual([
      { field: 'hubUrl', message: `Your organisation lets Spoke connect only to its own hub, ${PINNED}.` },
    ]);
    await fakeBrowser.storage.managed.set({ signInMode: 'invite' });
    await expect(services().signInWithOrganisation({ hubUrl: PINNED, organisation: 'acme' })).rejects.toThrow(
      SSO_MESSAGES.invitesOnly,
    );
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('a browser that joined another hub before the organisation pinned its own', () => {
  it('sends nothing more to it and says why, until the pin allows it again', async () => {
    const db = new SpokeDatabase(`test-${crypto.randomUUID()}`);
    await db.setSetting('enrolment', { hubUrl: 'https://old.example', token: 'spk_test', me: {} } as never);
    await db.setSetting('consent', { at: 1, leaderboardOptIn: false });
    await fakeBrowser.storage.managed.set({ hubUrl: PINNED, pinHub: true });
    const fetch = vi.fn(async () => new Response('{}', { status: 500 }));
    await syncNow(db, fetch);
    expect(fetch).not.toHaveBeenCalled();
    const sync = await db.getSetting('sync');
    expect(sync?.lastErrorKind).toBe('hub-not-allowed');
    expect(syncStatus(sync as NonNullable<typeof sync>, 2)).toEqual({
      tone: 'error',
      headline: 'Your organisation now allows another hub: Spoke stopped syncing with this one.',
      detail:
        'Sign out in Spoke’s settings, then connect to your organisation’s hub. Until then Spoke keeps 2 updates on this device.',
    });

    await fakeBrowser.storage.managed.set({ pinHub: false });
    await syncNow(db, fetch);
    expect(fetch).toHaveBeenCalled(); // allowed again: the sync reaches the hub (which fails here)
    await db.delete();
  });
});

describe('chromeManagedSchema', () => {
  it('declares every setting with a type, in the form Chrome accepts (an object without additionalProperties)', () => {
    const schema = chromeManagedSchema() as {
      type: string;
      properties: Record<string, { type: string; enum?: string[]; properties?: Record<string, { type: string }> }>;
    };
    expect(schema.type).toBe('object');
    expect(Object.keys(schema)).toEqual(['type', 'properties']);
    expect(Object.keys(schema.properties)).toEqual([
      'hubUrl',
      'pinHub',
      'signInMode',
      'sites',
      'memberMayTurnOffSites',
    ]);
    expect(schema.properties.signInMode).toMatchObject({ type: 'string', enum: ['sso', 'invite'] });
    expect(schema.properties.sites?.properties).toMatchObject({
      linkedin: { type: 'boolean' },
      x: { type: 'boolean' },
    });
    for (const property of Object.values(schema.properties)) expect(property.type).toBeTypeOf('string');
    expect(JSON.stringify(schema)).not.toMatch(/\$schema|additionalProperties|format|pattern/);
  });
});
