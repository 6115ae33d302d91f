import type { Me, MeExportPage } from '@/lib/contract/hub-member';
import { EMPTY_SYNC, type Enrolment, type PolicyRow, type SpokeDatabase } from '@/lib/db';
import { readManagedSettings } from '@/lib/settings/managed';
import { hubSitePackItem } from '@/lib/sites/pack-store';
import { normaliseHubUrl } from './enrol-fields';
import { createHubClient, type HubClient, HubError } from './hub-client';
import { hubAllowed } from './join-link';
import { backoffMs, type FlushResult, flushOutbox } from './outbox';
import { syncErrorKind } from './status';

type Fetch = typeof fetch;

export async function clientFor(db: SpokeDatabase, fetch?: Fetch): Promise<HubClient | null> {
  const enrolment = await db.getSetting('enrolment');
  return enrolment ? createHubClient({ hubUrl: enrolment.hubUrl, token: enrolment.token, fetch }) : null;
}

/** Joins the organisation with an invite code. Nothing is recorded yet: consent comes next. */
export async function enroll(
  db: SpokeDatabase,
  request: { hubUrl: string; inviteCode: string; displayName: string; deviceLabel?: string },
  fetch?: Fetch,
): Promise<Me> {
  const hubUrl = normaliseHubUrl(request.hubUrl);
  // The page checked it already (lib/sync/enrol-fields.ts); a bad address never leaves the browser.
  if (!hubUrl) throw new HubError('The hub address is not one Spoke accepts.', 400);
  const client = createHubClient({ hubUrl, fetch });
  const { token, me } = await client.enroll({
    inviteCode: request.inviteCode.trim(),
    displayName: request.displayName.trim(),
    deviceLabel: request.deviceLabel,
  });
  await enrolWith(db, { hubUrl, token, me });
  return me;
}

/** A new enrolment (by invite or single sign-on): whatever this device held before is forgotten; no consent yet. */
export async function enrolWith(db: SpokeDatabase, enrolment: Enrolment): Promise<void> {
  await db.transaction('rw', [db.settings, db.library, db.policy, db.outbox, db.batches, db.shares], async () => {
    await Promise.all([
      db.library.clear(),
      db.policy.clear(),
      db.outbox.clear(),
      db.batches.clear(),
      db.shares.clear(),
    ]);
    await db.settings.clear();
    await db.setSetting('enrolment', enrolment);
    await db.setSetting('sync', EMPTY_SYNC);
  });
}

const DAY_MS = 86_400_000;

/**
 * A device signed in through the organisation's identity provider asks it, through the hub, to vouch for the member
 * again: once a day, or sooner when the organisation's period is short (half of it), so the token never runs out
 * while the member is active. The hub's 401 `sign-in-required` (the IdP refused: a user disabled there) is returned
 * for the sync to stop on; anything else (offline, the IdP away) leaves the token as it is, valid until it expires.
 */
async function refreshSignInIfDue(db: SpokeDatabase, client: HubClient, now: number): Promise<HubError | null> {
  const enrolment = await db.getSetting('enrolment');
  const sso = enrolment?.me.sso;
  if (!enrolment || !sso) return null;
  const verifiedAt = Date.parse(sso.verifiedAt);
  const period = Date.parse(sso.expiresAt) - verifiedAt;
  if (now < verifiedAt + Math.min(DAY_MS, period / 2)) return null;
  try {
    const refreshed = await client.ssoRefresh();
    const current = await db.getSetting('enrolment');
    if (current?.token === enrolment.token) {
      await db.setSetting('enrolment', { ...current, me: { ...current.me, sso: refreshed } });
    }
    return null;
  } catch (error) {
    return error instanceof HubError && error.status === 401 ? error : null;
  }
}

/** The member agreed to what Spoke records; from now on events are kept and sent. */
export async function giveConsent(db: SpokeDatabase, leaderboardOptIn: boolean, now = Date.now()): Promise<void> {
  await db.setSetting('consent', { at: now, leaderboardOptIn });
}

/** Forgets the enrolment and everything synced or queued on this device: Spoke is back at its first screen. */
async function forgetEverything(db: SpokeDatabase): Promise<void> {
  const tables = [db.settings, db.library, db.policy, db.outbox, db.batches, db.shares, db.reach];
  await db.transaction('rw', tables, async () => {
    await Promise.all(tables.map((table) => table.clear()));
  });
  // The organisation's site pack goes too: the built-in definitions apply again.
  await hubSitePackItem.setValue(null);
}

/**
 * Revokes this device's token at the hub (best effort: offline, the token is forgotten anyway and the CoE can
 * revoke it), then forgets the enrolment and everything synced or queued on this device.
 */
export async function signOut(db: SpokeDatabase, fetch?: Fetch): Promise<void> {
  const enrolment = await db.getSetting('enrolment');
  if (enrolment) {
    const client = createHubClient({ hubUrl: enrolment.hubUrl, token: enrolment.token, fetch });
    await client.revokeDevice(enrolment.me.device.id).catch(() => undefined);
  }
  await forgetEverything(db);
}

/**
 * "Delete me": the hub erases the member first (and throws when it can't: nothing is forgotten then, so the member
 * can try again), then this device forgets everything.
 */
export async function eraseMe(db: SpokeDatabase, fetch?: Fetch): Promise<void> {
  const client = await clientFor(db, fetch);
  if (client) await client.deleteMe();
  await forgetEverything(db);
}

/** The longest `Retry-After` an export page waits for (longer: the member tries again later). */
const EXPORT_RETRY_LIMIT_MS = 20_000;

/**
 * One page of the member's export. A long export can run into the member's rate limit: a 429 waits as the hub says
 * (a few times, briefly) and asks again, so the download goes on rather than failing halfway.
 */
export async function exportPage(
  client: HubClient,
  cursor?: string,
  wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
): Promise<MeExportPage> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.exportPage(cursor);
    } catch (error) {
      const retryAfterMs = error instanceof HubError && error.status === 429 ? (error.retryAfterMs ?? 1000) : null;
      if (retryAfterMs === null || retryAfterMs > EXPORT_RETRY_LIMIT_MS || attempt >= 5) throw error;
      await wait(retryAfterMs);
    }
  }
}

/** Applies the library delta (or the full library) since the last pull. */
async function pullLibrary(db: SpokeDatabase, client: HubClient): Promise<number> {
  const sync = (await db.getSetting('sync')) ?? EMPTY_SYNC;
  const answer = await client.library(sync.librarySince, sync.libraryEtag);
  if (answer.notModified) return 0;
  const { items, tombstones, cursor, full } = answer.data;
  await db.transaction('rw', db.library, db.settings, async () => {
    if (full) await db.library.clear();
    await db.library.bulkPut(items);
    await db.library.bulkDelete(tombstones.map((t) => t.id));
    const current = (await db.getSetting('sync')) ?? EMPTY_SYNC;
    await db.setSetting('sync', { ...current, librarySince: cursor, libraryEtag: answer.etag ?? undefined });
  });
  return items.length + tombstones.length;
}

/** Fetches the effective policy when it changed; returns the new row, or null when it is unchanged. */
async function pullPolicy(db: SpokeDatabase, client: HubClient, now = Date.now()): Promise<PolicyRow | null> {
  const sync = (await db.getSetting('sync')) ?? EMPTY_SYNC;
  let answer: Awaited<ReturnType<HubClient['policy']>>;
  try {
    answer = await client.policy(sync.policyEtag);
  } catch (error) {
    if (error instanceof HubError && error.status === 404) return null; // the organisation has no policy yet
    throw error;
  }
  if (answer.notModified) return null;
  const row: PolicyRow = { key: 'current', version: answer.data.version, pack: answer.data.pack, fetchedAt: now };
  await db.transaction('rw', db.policy, db.settings, async () => {
    await db.policy.put(row);
    const current = (await db.getSetting('sync')) ?? EMPTY_SYNC;
    await db.setSetting('sync', { ...current, policyEtag: answer.etag ?? undefined });
  });
  return row;
}

/**
 * Takes the organisation's site pack when it changed, for every content script to apply at once; none published
 * (404) means the built-in pack. A pack this version cannot read (a newer format, say) is left aside without
 * failing the sync: the definitions in use keep working.
 */
async function pullSitePack(client: HubClient, now: number): Promise<void> {
  const stored = await hubSitePackItem.getValue();
  let answer: Awaited<ReturnType<HubClient['sitePack']>>;
  try {
    answer = await client.sitePack(stored?.etag);
  } catch (error) {
    if (error instanceof HubError && error.status === 404) {
      if (stored) await hubSitePackItem.setValue(null);
      return;
    }
    if (error instanceof HubError && error.status >= 200 && error.status < 300) return;
    throw error;
  }
  if (answer.notModified) return;
  await hubSitePackItem.setValue({ pack: answer.data.pack, etag: answer.etag ?? undefined, fetchedAt: now });
}

export interface SyncResult {
  libraryChanges: number;
  policy: PolicyRow | null;
  flush: FlushResult | null;
  /** When to try again after a transient failure (epoch ms). */
  retryAt?: number;
}

/**
 * One sync of a database at a time. A call during one waits for it and then runs once more (callers that arrive
 * meanwhile share that run): two flushes side by side would send the same unfinished batches twice.
 */
const syncs = new WeakMap<SpokeDatabase, { running: Promise<SyncResult>; next?: Promise<SyncResult> }>();
const settledListeners = new Set<(result: SyncResult) => void>();

/** Tells `listener` how every sync ended, whoever started it (the scheduler arms a retry from it). */
export function onSyncSettled(listener: (result: SyncResult) => void): () => void {
  settledListeners.add(listener);
  return () => settledListeners.delete(listener);
}

export function syncNow(db: SpokeDatabase, fetch?: Fetch, now?: number): Promise<SyncResult> {
  const current = syncs.get(db);
  if (current?.next) return current.next;
  const start = (): Promise<SyncResult> => {
    const running = runSync(db, fetch, now ?? Date.now()).then((result) => {
      for (const listener of settledListeners) {
        try {
          listener(result);
        } catch {
          // A listener's failure is not the sync's.
        }
      }
      return result;
    });
    const state = { running };
    syncs.set(db, state);
    const clear = () => {
      if (syncs.get(db) === state) syncs.delete(db);
    };
    running.then(clear, clear);
    return running;
  };
  if (!current) return start();
  const next = current.running.then(start, start);
  current.next = next;
  return next;
}

/**
 * One sync: outbox flushed (only after consent), library, policy and site pack pulled. A flush refused for good (4xx) doesn't
 * stop the pulls, and a failed pull doesn't stop the flush; errors are kept as a sentence in the sync state for the popup, the outbox keeps its
 * events, and a transient failure asks to be retried.
 */
async function runSync(db: SpokeDatabase, fetch: Fetch | undefined, now: number): Promise<SyncResult> {
  const client = await clientFor(db, fetch);
  if (!client) return { libraryChanges: 0, policy: null, flush: null };
  const enrolment = await db.getSetting('enrolment');
  if (enrolment && !hubAllowed(enrolment.hubUrl, await readManagedSettings())) {
    // The organisation pinned another hub since this browser joined this one: nothing more goes to it, nothing
    // comes from it. The member's own data stays theirs to download or erase there (clientFor still answers).
    const current = (await db.getSetting('sync')) ?? EMPTY_SYNC;
    await db.setSetting('sync', {
      ...current,
      lastError: 'The organisation pinned another hub.',
      lastErrorKind: 'hub-not-allowed',
      retryAt: undefined,
    });
    return { libraryChanges: 0, policy: null, flush: null };
  }
  let error: unknown;
  let libraryChanges = 0;
  let policy: PolicyRow | null = null;
  // A device whose identity provider no longer vouches for the member gets nowhere until they sign in again.
  const signIn = await refreshSignInIfDue(db, client, now);
  // Events first: they are what the member is waiting to see counted; the pulls are cheap when nothing changed.
  const flush = !signIn && (await db.getSetting('consent')) ? await flushOutbox(db, client, now) : null;
  // A flush that stopped on a passing failure (hub down, busy, timing out) says the pulls would fail too: they wait
  // for the retry instead of holding it up (a hung pull costs 15 s).
  if (!signIn && !flush?.error?.transient) {
    try {
      libraryChanges = await pullLibrary(db, client);
      policy = await pullPolicy(db, client, now);
      await pullSitePack(client, now);
    } catch (failure) {
      error = failure;
    }
  }
  // The flush's error says most about the member's data (e.g. "try again in 60 s"); a pull error otherwise.
  error = signIn ?? flush?.error ?? error;
  const current = (await db.getSetting('sync')) ?? EMPTY_SYNC;
  if (!error) {
    await db.setSetting('sync', { ...current, lastSyncAt: now, lastError: undefined, lastErrorKind: undefined });
    return { libraryChanges, policy, flush };
  }
  const hubError = error instanceof HubError ? error : new HubError('Sync failed for an unknown reason.', 0);
  let retryAt = flush?.retryAt;
  if (retryAt === undefined && hubError.transient)
    retryAt = Date.now() + backoffMs(current.failures, hubError.retryAfterMs);
  await db.setSetting('sync', {
    ...current,
    lastError: hubError.message,
    lastErrorKind: syncErrorKind(hubError),
    failures: flush?.error ? current.failures : current.failures + 1,
    retryAt,
  });
  return { libraryChanges, policy, flush, retryAt };
}
