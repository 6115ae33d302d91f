import type { Network } from '@/lib/contract/common';
import type { LeaderboardResponse } from '@/lib/contract/hub-member';
import type { PostLinkedRequest, ReachPeriod, ReachSeenRequest } from '@/lib/contract/messages';
import type { ReachRow, SpokeDatabase } from '@/lib/db';
import { HubError } from '@/lib/sync/hub-client';
import { recordEvent } from '@/lib/sync/outbox';
import { clientFor } from '@/lib/sync/sync';

/** A post's counts are recorded at most this often; repeated snapshots of a post form its curve. */
export const SNAPSHOT_INTERVAL_MS = 30 * 60 * 1000;
/** How long after Post a "View post" toast is attributed to what was shared in that tab. */
const LINK_WINDOW_MS = 2 * 60 * 1000;

/**
 * The post reference the hub gets: SHA-256 over the organisation, network and the site's post id, so the hub can
 * follow one post's curve without holding an id anybody could look up.
 */
export async function postRefOf(orgId: string, network: Network, postId: string): Promise<string> {
  const bytes = new TextEncoder().encode(`spoke-reach:${orgId}:${network}:${postId}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest.slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const countsKey = (row: Pick<ReachRow, 'views' | 'reactions' | 'comments' | 'reposts'>) =>
  [row.views, row.reactions ?? '', row.comments ?? '', row.reposts ?? ''].join('/');

function periodOf(days: ReachPeriod, now: number): { from: string; to: string } {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: day(now - (days - 1) * 86_400_000), to: day(now) };
}

/**
 * Why the report could not be refreshed, in words that say what happens next: offline is not the member's doing
 * (never "check the address" once connected), and no sentence of the hub's reaches the page.
 */
function reachFailure(error: unknown): string {
  if (error instanceof HubError && error.transient) return "Offline: the hub can't be reached right now.";
  if (error instanceof HubError && error.status === 401) {
    return 'This browser is no longer connected to your company’s hub. Sign out in settings and connect again.';
  }
  return 'Your reach could not be loaded. Try again later.';
}

/** Own-post reach: snapshots from what the sites show, linking a new post to its share, and the report. */
export function createReachService(db: SpokeDatabase, clock: () => number = Date.now) {
  /** What was published from each tab through a share, until the site shows the new post's id. */
  const publishedInTab = new Map<number, { contentId: string; linkCode?: string; at: number }>();
  /**
   * Reports from several tabs arrive at once; each reads a post's row and decides what to record from it, so they
   * run one after the other (a link must never be lost to a snapshot decided on the row as it was before).
   */
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  async function upsert(
    network: Network,
    postId: string,
    update: (row: ReachRow | undefined) => Partial<ReachRow>,
  ): Promise<ReachRow | null> {
    const enrolment = await db.getSetting('enrolment');
    if (!enrolment || !(await db.getSetting('consent'))) return null; // nothing is kept before consent
    const postRef = await postRefOf(enrolment.me.organisation.id, network, postId);
    return db.transaction('rw', db.reach, async () => {
      const before = await db.reach.get(postRef);
      const now = clock();
      const row: ReachRow = {
        postRef,
        network,
        postId,
        views: 0,
        firstSeenAt: now,
        lastSeenAt: now,
        ...before,
        ...update(before),
      };
      await db.reach.put(row);
      return row;
    });
  }

  /** Records a snapshot when the post is new to Spoke, newly linked, or its counts changed after the interval. */
  async function maybeRecord(row: ReachRow, force: boolean): Promise<void> {
    const now = clock();
    const key = countsKey(row);
    const due =
      row.recordedAt === undefined || (key !== row.recordedKey && now - row.recordedAt >= SNAPSHOT_INTERVAL_MS);
    if (!force && !due) return;
    const recorded = await recordEvent(
      db,
      {
        type: 'reach_snapshot',
        network: row.network,
        contentId: row.contentId,
        props: {
          postRef: row.postRef,
          linkCode: row.linkCode,
          views: row.views,
          reactions: row.reactions,
          comments: row.comments,
          reposts: row.reposts,
        },
      },
      now,
    );
    if (recorded) await db.reach.update(row.postRef, { recordedAt: now, recordedKey: key });
  }

  async function seenNow(request: ReachSeenRequest): Promise<void> {
    for (const post of request.posts) {
      const row = await upsert(request.network, post.postId, () => ({
        views: post.views,
        reactions: post.reactions,
        comments: post.comments,
        reposts: post.reposts,
        lastSeenAt: clock(),
      }));
      if (row) await maybeRecord(row, false);
    }
  }

  async function linkedNow(
    request: PostLinkedRequest,
    shared: { contentId: string; linkCode?: string; at: number } | undefined,
  ): Promise<void> {
    if (!shared || clock() - shared.at > LINK_WINDOW_MS) return; // a post made without Spoke's share
    const row = await upsert(request.network, request.postId, (before) => ({
      contentId: shared.contentId,
      linkCode: shared.linkCode,
      views: before?.views ?? 0,
    }));
    // Its first counts arrive when the site shows the post; a post already seen is re-sent with its link now.
    if (row?.recordedAt !== undefined) await maybeRecord(row, true);
  }

  return {
    /** A share from this tab was just published: the next "View post" id in this tab belongs to it. */
    published(tabId: number, shared: { contentId: string; linkCode?: string }) {
      publishedInTab.set(tabId, { ...shared, at: clock() });
    },

    seen(request: ReachSeenRequest): Promise<void> {
      return serially(() => seenNow(request));
    },

    linked(request: PostLinkedRequest, tabId: number | undefined): Promise<void> {
      // The share is taken at once: the tab's next post may follow before the queue gets here.
      const shared = tabId === undefined ? undefined : publishedInTab.get(tabId);
      if (tabId !== undefined) publishedInTab.delete(tabId);
      return serially(() => linkedNow(request, shared));
    },

    /** Fetches the period's report (and the leaderboard) into the database; a failure keeps the last report. */
    async refresh(days: ReachPeriod): Promise<void> {
      const client = await clientFor(db);
      if (!client) throw new Error('Connect Spoke to your hub in Settings to see your reach.');
      const period = periodOf(days, clock());
      try {
        const [report, leaderboard] = await Promise.all([
          client.reach({ ...period, bucket: days > 90 ? 'week' : 'day' }),
          client.leaderboard(period).catch((): LeaderboardResponse | null => null),
        ]);
        await db.setSetting('reach', { days, fetchedAt: clock(), report, leaderboard });
      } catch (error) {
        const cached = await db.getSetting('reach');
        const message = reachFailure(error);
        if (cached) await db.setSetting('reach', { ...cached, error: message });
        throw new Error(message);
      }
    },
  };
}
