import Dexie, { type EntityTable } from 'dexie';
import type { Network } from '@/lib/contract/common';
import type { LibraryItem } from '@/lib/contract/hub-content';
import type { Event } from '@/lib/contract/hub-events';
import type { LeaderboardResponse, Me, ReachResponse } from '@/lib/contract/hub-member';
import type { ReachPeriod } from '@/lib/contract/messages';

/**
 * Spoke's database in the extension origin (IndexedDB of chrome-extension://<id>): pages and the service worker
 * share it; the sites' pages and content scripts can't reach it. Nothing here ever holds draft text.
 */

/** Where this device is enrolled. The token never leaves the extension origin (not even chrome.storage, which
 * content scripts can read). */
export interface Enrolment {
  hubUrl: string;
  token: string;
  me: Me;
  /** Signed in through the organisation's identity provider: its name on the hub, to sign in again. */
  sso?: { organisation: string };
}

interface Consent {
  /** When the member agreed (epoch ms); nothing is recorded before. */
  at: number;
  leaderboardOptIn: boolean;
}

/**
 * Why the last sync failed: the hub could not be reached or was busy (`offline`: it heals by itself), it no longer
 * knows this device (`revoked`, 401), the organisation's identity provider must vouch for the member again
 * (`sign-in`, 401 `sign-in-required`), it refused the request (`refused`), or the organisation pinned another hub
 * since this browser joined this one (`hub-not-allowed`: Spoke sends it nothing more).
 */
export type SyncErrorKind = 'offline' | 'revoked' | 'sign-in' | 'refused' | 'hub-not-allowed';

export interface SyncState {
  lastSyncAt?: number;
  /** A sentence for logs and tools when the last sync failed; pages show `lib/sync/status.ts` instead. */
  lastError?: string;
  lastErrorKind?: SyncErrorKind;
  librarySince?: string;
  libraryEtag?: string;
  policyEtag?: string;
  /** Events dropped after 30 days without reaching the hub, shown to the member. */
  dropped: number;
  /** Next flush not before this time (backoff or the hub's Retry-After). */
  retryAt?: number;
  failures: number;
}

/** The member's reach as the hub last reported it, shown offline too. */
interface ReachCache {
  days: ReachPeriod;
  fetchedAt: number;
  report: ReachResponse;
  /** Null when the hub has no leaderboard for this member (not opted in, or it failed). */
  leaderboard: LeaderboardResponse | null;
  /** Why the last refresh failed, in words; the cached report stays. */
  error?: string;
}

export interface SettingsRows {
  enrolment: Enrolment;
  consent: Consent;
  sync: SyncState;
  /** The per-device event sequence counter. */
  seq: number;
  reach: ReachCache;
  /** The member's own weekly share goal (local only). */
  weeklyGoal: number;
  /** When the member closed the welcome shown after consent (it is not shown again on this enrolment). */
  welcomeDismissedAt: number;
}

export interface SettingRow<K extends keyof SettingsRows = keyof SettingsRows> {
  key: K;
  value: SettingsRows[K];
}

/** One participation event waiting for the hub. */
export interface OutboxRow {
  id: string;
  seq: number;
  /** Epoch ms when it was recorded; events older than 30 days are dropped. */
  createdAt: number;
  event: Event;
}

export interface BatchRow {
  key: string;
  eventIds: string[];
  createdAt: number;
  /** The `sentAt` of the first attempt: a retry must send the very same body under the same key. */
  sentAt?: string;
}

export interface PolicyRow {
  key: 'current';
  version: number;
  pack: Record<string, unknown>;
  fetchedAt: number;
}

/** What this member shared, to rank "not yet shared by me" and to reconcile offline links. */
export interface ShareRow {
  id?: number;
  contentId: string;
  network: Network;
  at: number;
  url: string;
  linkCode?: string;
  /** When the member pressed Post on the composer this share went into (the outbox forgets once it is sent). */
  publishedAt?: number;
}

/**
 * One of the member's own posts as Spoke last saw it. `postId` (the site's id) stays on this device; the hub only
 * gets `postRef`, a salted hash of it.
 */
export interface ReachRow {
  postRef: string;
  network: Network;
  postId: string;
  /** The approved item and tracked link it shared, when it was published through Spoke. */
  contentId?: string;
  linkCode?: string;
  views: number;
  reactions?: number;
  comments?: number;
  reposts?: number;
  firstSeenAt: number;
  lastSeenAt: number;
  /** When a snapshot of it was last recorded, and with which counts (throttling). */
  recordedAt?: number;
  recordedKey?: string;
}

export class SpokeDatabase extends Dexie {
  settings!: EntityTable<SettingRow, 'key'>;
  library!: EntityTable<LibraryItem, 'id'>;
  outbox!: EntityTable<OutboxRow, 'id'>;
  batches!: EntityTable<BatchRow, 'key'>;
  policy!: EntityTable<PolicyRow, 'key'>;
  shares!: EntityTable<ShareRow, 'id'>;
  reach!: EntityTable<ReachRow, 'postRef'>;

  constructor(name = 'spoke') {
    super(name);
    // Versioned schema: add a version(n) with an upgrade() for every change; never edit an old one.
    this.version(1).stores({
      settings: 'key',
      library: 'id, updatedAt',
      outbox: 'id, seq, createdAt, batchKey',
      batches: 'key, createdAt',
      policy: 'key',
      shares: '++id, contentId, at',
    });
    // 2: the member's own posts and their latest counts (a new table: nothing to migrate).
    this.version(2).stores({ reach: 'postRef, network, lastSeenAt' });
    // 3: a batch lists its events (BatchRow.eventIds); events no longer carry their batch key, so its index goes.
    this.version(3)
      .stores({ outbox: 'id, seq, createdAt' })
      .upgrade((tx) =>
        tx
          .table('outbox')
          .toCollection()
          .modify((row: Record<string, unknown>) => {
            delete row.batchKey;
          }),
      );
  }

  async getSetting<K extends keyof SettingsRows>(key: K): Promise<SettingsRows[K] | undefined> {
    const row = (await this.settings.get(key)) as SettingRow<K> | undefined;
    return row?.value;
  }

  async setSetting<K extends keyof SettingsRows>(key: K, value: SettingsRows[K]): Promise<void> {
    await this.settings.put({ key, value } as SettingRow);
  }
}

export const db = new SpokeDatabase();

export const EMPTY_SYNC: SyncState = { dropped: 0, failures: 0 };
