// What the extension syncs: /v1/library, /v1/policy, /v1/events, /v1/links, and the public /v1/r/:code.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import {
  CreateLinkRequestSchema,
  CreateLinkResponseSchema,
  EventBatchRequestSchema,
  type EventBatchResponse,
  EventBatchResponseSchema,
  type EventResult,
  EventSchema,
  LibraryQuerySchema,
  LibraryResponseSchema,
  LinkCodeParamSchema,
  MAX_EVENT_BATCH_BYTES,
  PolicyResponseSchema,
} from '../../lib/contract/hub';
import { EventBatchEnvelopeSchema } from '../../lib/contract/hub-events';
import { effectivePolicyFor, packForMember } from '../policy';
import { fieldErrors, HttpError, pathOf } from '../problem';
import { chainOf, iso, loadUnits } from '../queries';
import { recordClicks, type StoredEvent, storeEvents } from '../rollups';
import { clientIp, defineRoute, type RouteDef } from '../route-table';

/** Events older than this (after clock correction) are refused. */
const MAX_EVENT_AGE_MS = 90 * 86_400_000;
/** How far in the future an event may claim to be (after correction). */
const MAX_EVENT_FUTURE_MS = 5 * 60_000;

interface ContentRow {
  id: string;
  title: string;
  url: string | null;
  variants: Record<string, { text: string }>;
  hashtags: string[];
  tags: string[];
  business_unit_ids: string[];
  locale: string;
  starts_at: Date | null;
  expires_at: Date | null;
  status: string;
  version: number;
  rev: string | number;
  deleted_at: Date | null;
  updated_at: Date;
  published_at: Date | null;
}

export const syncRoutes: RouteDef[] = [
  defineRoute({
    method: 'get',
    path: '/v1/library',
    access: 'member',
    tag: 'sync',
    summary: 'Approved content for the member: full, or the delta since a cursor with tombstones (ETag)',
    query: LibraryQuerySchema,
    response: LibraryResponseSchema,
    errors: [304],
    async handler({ c, hub, auth, query }) {
      const since = query.since ? Number(query.since) : 0;
      const [head] = await hub.db.query<{ rev: string | number | null }>(
        'SELECT max(rev) AS rev FROM content_items WHERE org_id = $1',
        [auth.orgId],
      );
      const cursor = String(head?.rev ?? 0);
      const chain = chainOf(await loadUnits(hub.db, auth.orgId), auth.businessUnitId);
      // The unit chain is part of the tag: moving a unit changes what its members see.
      const etag = `W/"lib-${cursor}-${since}-${shortHash(chain.join(','))}"`;
      if (c.req.header('if-none-match') === etag) {
        return c.body(null, 304, { etag, 'cache-control': 'private, no-cache' });
      }
      const visibleTo = new Set(chain);
      const now = Date.now();
      const rows = await hub.db.query<ContentRow>(
        `SELECT id, title, url, variants, hashtags, tags, business_unit_ids, locale, starts_at, expires_at, status,
                version, rev, deleted_at, updated_at, published_at
           FROM content_items WHERE org_id = $1 AND rev > $2 ORDER BY rev`,
        [auth.orgId, since],
      );
      const items = [];
      const tombstones = [];
      for (const row of rows) {
        const targeted = row.business_unit_ids.length === 0 || row.business_unit_ids.some((id) => visibleTo.has(id));
        const live = !row.expires_at || new Date(row.expires_at).getTime() > now;
        if (row.status === 'published' && !row.deleted_at && targeted && live) {
          items.push({
            id: row.id,
            title: row.title,
            url: row.url,
            variants: row.variants,
            hashtags: row.hashtags,
            tags: row.tags,
            businessUnitIds: row.business_unit_ids,
            locale: row.locale,
            startsAt: iso(row.starts_at),
            expiresAt: iso(row.expires_at),
            version: row.version,
            updatedAt: iso(row.updated_at) ?? '',
            publishedAt: iso(row.published_at),
          });
        } else if (since > 0) {
          tombstones.push({ id: row.id });
        }
      }
      return {
        body: { items, tombstones, cursor, full: since === 0 },
        headers: { etag, 'cache-control': 'private, no-cache' },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/policy',
    access: 'member',
    tag: 'sync',
    summary: "The effective guideline policy for the member's business unit (ETag)",
    response: PolicyResponseSchema,
    errors: [304, 404],
    async handler({ c, hub, auth }) {
      const effective = await effectivePolicyFor(hub.db, auth.orgId, auth.businessUnitId);
      if (!effective) throw new HttpError(404, 'This organisation has not published a policy yet.');
      // "m": the member's resolution of the pack (packForMember); a change to it must not answer 304 to old copies.
      const etag = `W/"policy-${effective.version}-${shortHash(effective.chain.join(','))}-m"`;
      const headers = { etag, 'cache-control': 'private, no-cache' };
      if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
      return {
        body: {
          version: effective.version,
          businessUnitId: auth.businessUnitId,
          publishedAt: effective.createdAt,
          pack: packForMember(effective.pack, effective.chain, hub.config.publicUrl),
        },
        headers,
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/events',
    access: 'member',
    tag: 'sync',
    summary: 'Ingest up to 500 participation events (idempotent); one result per event',
    description:
      'Body: EventBatchRequest (≤ 500 events, ≤ 512 KB). Send `Idempotency-Key` (≤ 255 characters): a retry with the same key and body gets the first answer; the same key with another body gets 422. Events are also de-duplicated by id. Under load the hub answers 429 with `Retry-After`.',
    rawBody: true,
    bodyDoc: EventBatchRequestSchema,
    bodyLimit: MAX_EVENT_BATCH_BYTES,
    response: EventBatchResponseSchema,
    errors: [400, 413, 422, 429],
    async handler({ c, hub, auth, body, rawText }) {
      const key = c.req.header('idempotency-key');
      if (key !== undefined && (key.length < 1 || key.length > 255 || !/^[\x21-\x7e]+$/.test(key))) {
        throw new HttpError(400, 'Idempotency-Key must be 1–255 visible ASCII characters.', [
          { path: 'header.Idempotency-Key', message: 'Use 1–255 visible ASCII characters (a UUID, say).' },
        ]);
      }
      const envelope = EventBatchEnvelopeSchema.safeParse(body);
      if (!envelope.success) throw new HttpError(400, 'The batch is not valid.', fieldErrors(envelope.error, 'body'));
      const quota = hub.limiter.takeMany(
        `e:${auth.memberId}`,
        envelope.data.events.length,
        hub.config.memberEventsPerHour,
        3_600_000,
      );
      if (!quota.ok) {
        throw new HttpError(
          429,
          `This member sent more than ${hub.config.memberEventsPerHour} events in an hour; retry in ${quota.retryAfter} s.`,
          undefined,
          { 'retry-after': String(quota.retryAfter) },
        );
      }
      if (hub.inflight.batches >= hub.config.maxInflightBatches) {
        throw new HttpError(429, 'The hub is busy; retry this batch in a moment.', undefined, { 'retry-after': '1' });
      }
      hub.inflight.batches++;
      try {
        return { body: await ingest(hub, auth, envelope.data, key, rawText) };
      } finally {
        hub.inflight.batches--;
      }
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/links',
    access: 'member',
    tag: 'sync',
    summary: 'A tracked link for sharing a published content item on a network',
    body: CreateLinkRequestSchema,
    response: CreateLinkResponseSchema,
    status: 201,
    errors: [404, 409],
    async handler({ hub, auth, body }) {
      const [item] = await hub.db.query<{ url: string | null; business_unit_ids: string[] }>(
        `SELECT url, business_unit_ids FROM content_items
          WHERE org_id = $1 AND id = $2 AND status = 'published' AND deleted_at IS NULL`,
        [auth.orgId, body.contentId],
      );
      if (!item) throw new HttpError(404, 'No published content item with this id.');
      if (item.business_unit_ids.length > 0) {
        const chain = new Set(chainOf(await loadUnits(hub.db, auth.orgId), auth.businessUnitId));
        if (!item.business_unit_ids.some((id) => chain.has(id))) {
          throw new HttpError(404, 'No published content item with this id.');
        }
      }
      if (!item.url) throw new HttpError(409, 'This content item has no link to track.');
      const destination = withUtm(item.url, body.network, body.contentId);
      const code = randomBytes(9).toString('base64url');
      await hub.db.query(
        `INSERT INTO links (code, org_id, member_id, content_id, network, destination)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (org_id, member_id, content_id, network) DO NOTHING`,
        [code, auth.orgId, auth.memberId, body.contentId, body.network, destination],
      );
      const [link] = await hub.db.query<{ code: string; destination: string }>(
        'SELECT code, destination FROM links WHERE org_id = $1 AND member_id = $2 AND content_id = $3 AND network = $4',
        [auth.orgId, auth.memberId, body.contentId, body.network],
      );
      if (!link) throw new HttpError(409, 'The link could not be created; try again.');
      return {
        body: { code: link.code, url: `${hub.config.publicUrl}/v1/r/${link.code}`, destination: link.destination },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/r/:code',
    access: 'public',
    tag: 'links',
    summary: 'Follow a tracked link: 302 to the destination; counts the click (bots filtered)',
    params: LinkCodeParamSchema,
    rateKey: 'ip',
    errors: [302, 404],
    async handler({ c, hub, params }) {
      const [link] = await hub.db.query<{ code: string; org_id: string; destination: string }>(
        'SELECT code, org_id, destination FROM links WHERE code = $1',
        [params.code],
      );
      if (!link) throw new HttpError(404, 'This link does not exist (any more).');
      const ua = c.req.header('user-agent') ?? '';
      const bot = c.req.method === 'HEAD' || ua === '' || BOT_UA.test(ua) || c.req.header('purpose') === 'prefetch';
      const day = new Date().toISOString().slice(0, 10);
      const salt = createHmac('sha256', hub.config.clickSecret).update(day).digest();
      const visitor = createHash('sha256')
        .update(salt)
        .update(clientIp(c, hub.config.trustProxy))
        .update('\n')
        .update(ua)
        .digest('base64url');
      await recordClicks(hub.db, [{ code: link.code, orgId: link.org_id, day, visitorHash: visitor, bot }]);
      return new Response(null, {
        status: 302,
        headers: { location: link.destination, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
      });
    },
  }),
];

const BOT_UA =
  /bot|crawl|spider|slurp|preview|facebookexternalhit|linkedinbot|twitterbot|slackbot|embedly|whatsapp|telegram|discord|skype|headless|curl|wget|python-requests|go-http-client|java\/|okhttp|axios|node-fetch|undici/i;

/** The destination with UTM parameters: who shared is never part of it. */
export function withUtm(url: string, network: string, contentId: string): string {
  const target = new URL(url);
  target.searchParams.set('utm_source', network);
  target.searchParams.set('utm_medium', 'employee_advocacy');
  target.searchParams.set('utm_campaign', 'spoke');
  target.searchParams.set('utm_content', contentId);
  return target.toString();
}

/**
 * Validates each event on its own, then writes the batch in ONE transaction: the idempotency key, if any, every valid
 * event with `ON CONFLICT DO NOTHING`, and the roll-ups of the events inserted. Either the whole batch is stored or
 * none of it.
 */
export async function ingest(
  hub: { db: import('../db').Database },
  auth: { orgId: string; memberId: string; deviceId: string; businessUnitId: string },
  batch: { sentAt: string; events: unknown[] },
  key: string | undefined,
  /** The request body as sent: the idempotency fingerprint. */
  rawText?: string,
): Promise<EventBatchResponse> {
  const now = Date.now();
  const skew = now - Date.parse(batch.sentAt);
  const results: EventResult[] = new Array(batch.events.length);
  const rows: StoredEvent[] = [];
  const rowIndex: number[] = [];
  const seen = new Map<string, number>();
  for (let index = 0; index < batch.events.length; index++) {
    const parsed = EventSchema.safeParse(batch.events[index]);
    const rawId = (batch.events[index] as { id?: unknown } | null)?.id;
    const id = typeof rawId === 'string' && rawId.length <= 64 ? rawId : undefined;
    if (!parsed.success) {
      const [first] = fieldErrors(parsed.error, `events.${index}`);
      const issuePath = parsed.error.issues[0]?.path ?? [];
      results[index] = {
        index,
        id,
        status: 'rejected',
        reason: first?.message ?? 'Not a valid event.',
        path: pathOf(issuePath, `events.${index}`),
      };
      continue;
    }
    const event = parsed.data;
    const occurred = Date.parse(event.occurredAt) + (Number.isFinite(skew) ? skew : 0);
    if (occurred > now + MAX_EVENT_FUTURE_MS || occurred < now - MAX_EVENT_AGE_MS) {
      results[index] = {
        index,
        id: event.id,
        status: 'rejected',
        reason: 'occurredAt is more than 90 days old or in the future, even after clock correction.',
        path: `events.${index}.occurredAt`,
      };
      continue;
    }
    const lowered = event.id.toLowerCase();
    if (seen.has(lowered)) {
      results[index] = { index, id: event.id, status: 'duplicate' };
      continue;
    }
    seen.set(lowered, index);
    rowIndex.push(index);
    rows.push({
      id: lowered,
      seq: event.seq,
      type: event.type,
      network: event.network,
      content_id: event.contentId ?? null,
      occurred_at: new Date(occurred).toISOString(),
      props: event.props,
    });
  }

  let inserted = new Set<string>();
  if (rows.length > 0) {
    const fingerprint =
      key === undefined
        ? undefined
        : createHash('sha256')
            .update(rawText ?? JSON.stringify(batch))
            .digest('hex');
    const stored = await storeEvents(
      hub.db,
      auth,
      rows,
      key !== undefined && fingerprint !== undefined ? { key, fingerprint } : undefined,
    );
    if (stored.fresh) {
      inserted = new Set(stored.ids);
    } else {
      // A retry: same key. Same body → rebuild the first answer from what that batch stored.
      const [prior] = await hub.db.query<{ fingerprint: string }>(
        'SELECT fingerprint FROM idempotency_keys WHERE org_id = $1 AND member_id = $2 AND key = $3',
        [auth.orgId, auth.memberId, key],
      );
      if (prior && prior.fingerprint !== fingerprint) {
        throw new HttpError(422, 'This Idempotency-Key was already used with a different batch.', [
          { path: 'header.Idempotency-Key', message: 'Use a new key for a new batch.' },
        ]);
      }
      const again = await hub.db.query<{ id: string }>(
        `SELECT client_event_id::text AS id FROM events
          WHERE org_id = $1 AND member_id = $2 AND batch_key = $3
            AND client_event_id IN (SELECT (jsonb_array_elements(($4::text)::jsonb)->>'id')::uuid)`,
        [auth.orgId, auth.memberId, key, JSON.stringify(rows)],
      );
      inserted = new Set(again.map((r) => r.id));
    }
  }
  for (let i = 0; i < rows.length; i++) {
    const index = rowIndex[i] as number;
    const row = rows[i] as StoredEvent;
    const id = (batch.events[index] as { id: string }).id;
    results[index] = { index, id, status: inserted.has(row.id) ? 'accepted' : 'duplicate' };
  }
  let accepted = 0;
  let duplicate = 0;
  let rejected = 0;
  for (const r of results) {
    if (r.status === 'accepted') accepted++;
    else if (r.status === 'duplicate') duplicate++;
    else rejected++;
  }
  return { accepted, duplicate, rejected, results };
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 16);
}
