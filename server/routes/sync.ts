// What the extension syncs: /v1/library, /v1/policy, /v1/site-pack and /v1/events.
import { createHash } from 'node:crypto';
import {
  EventBatchRequestSchema,
  EventBatchResponseSchema,
  LibraryQuerySchema,
  LibraryResponseSchema,
  MAX_EVENT_BATCH_BYTES,
  PolicyResponseSchema,
} from '../../lib/contract/hub';
import { EventBatchEnvelopeSchema } from '../../lib/contract/hub-events';
import { SitePackResponseSchema } from '../../lib/contract/site-pack';
import { effectivePolicyFor, memberPackOf } from '../policy';
import { fieldErrors, HttpError } from '../problem';
import { memberBuckets } from '../rate-limit';
import { hubRoute, NO_STORE, NOT_MODIFIED, router, success } from '../routing';
import { library, libraryHead } from '../services/content';
import { batchStored, ingest } from '../services/ingest';
import { currentSitePack } from '../services/site-packs';

/** Answers with an ETag are private and revalidated. */
const REVALIDATE = 'private, no-cache';

const getLibrary = hubRoute(
  { access: 'member' },
  {
    method: 'get',
    path: '/v1/library',
    tags: ['sync'],
    summary: 'Approved content for the member: full, or the delta since a cursor with tombstones (ETag)',
    request: { query: LibraryQuerySchema },
    responses: { 200: success(LibraryResponseSchema), 304: NOT_MODIFIED },
  },
);

const getPolicy = hubRoute(
  { access: 'member', errors: [404] },
  {
    method: 'get',
    path: '/v1/policy',
    tags: ['sync'],
    summary: "The effective guideline policy for the member's business unit (ETag)",
    responses: { 200: success(PolicyResponseSchema), 304: NOT_MODIFIED },
  },
);

const getSitePack = hubRoute(
  { access: 'member', errors: [404] },
  {
    method: 'get',
    path: '/v1/site-pack',
    tags: ['sync'],
    summary:
      "The site pack (composer definitions) the member's organisation published (ETag); 404: use the built-in one",
    responses: { 200: success(SitePackResponseSchema), 304: NOT_MODIFIED },
  },
);

const postEvents = hubRoute(
  {
    access: 'member',
    // The batch statement checks the member and device again (server/member-lock.ts).
    cachedAuth: true,
    rawBody: true,
    bodyDoc: EventBatchRequestSchema,
    bodyLimit: MAX_EVENT_BATCH_BYTES,
    errors: [400, 413, 422, 429],
  },
  {
    method: 'post',
    path: '/v1/events',
    tags: ['sync'],
    summary: 'Ingest up to 500 participation events (idempotent); one result per event',
    description:
      'Body: EventBatchRequest (≤ 500 events, ≤ 512 KB). Send `Idempotency-Key` (≤ 255 characters): a retry with the same key and body gets the first answer; the same key with another body gets 422. Events are also de-duplicated by id. Under load the hub answers 429 with `Retry-After`.',
    responses: { 200: success(EventBatchResponseSchema) },
  },
);

export const syncRoutes = [getLibrary, getPolicy, getSitePack, postEvents];

export function syncRouter() {
  const r = router()
    .openapi(getLibrary.route, async (c) => {
      const { db } = c.var.hub;
      const auth = c.var.auth;
      const query = c.req.valid('query');
      const since = query.since ? Number(query.since) : 0;
      const { cursor, chain } = await libraryHead(db, auth.orgId, auth.businessUnitId);
      // The unit chain is part of the tag: moving a unit changes what its members see.
      const etag = `W/"lib-${cursor}-${since}-${shortHash(chain.join(','))}"`;
      const headers = { etag, 'cache-control': REVALIDATE };
      if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
      const body = await library(db, auth.orgId, chain, since, cursor);
      return c.json(LibraryResponseSchema.parse(body), 200, headers);
    })
    .openapi(getPolicy.route, async (c) => {
      const auth = c.var.auth;
      const effective = await effectivePolicyFor(c.var.hub.db, auth.orgId, auth.businessUnitId);
      if (!effective) throw new HttpError(404, 'This organisation has not published a policy yet.');
      // "s": the member's form of the pack (memberPackOf: resolved, no examples, secret dictionaries sealed); a change
      // to it must not answer 304 to old copies.
      const etag = `W/"policy-${effective.version}-${shortHash(effective.chain.join(','))}-s"`;
      const headers = { etag, 'cache-control': REVALIDATE };
      if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
      const body = {
        version: effective.version,
        businessUnitId: auth.businessUnitId,
        publishedAt: effective.createdAt,
        pack: memberPackOf(auth.orgId, effective, c.var.hub.config.publicUrl),
      };
      return c.json(PolicyResponseSchema.parse(body), 200, headers);
    })
    .openapi(getSitePack.route, async (c) => {
      const stored = await currentSitePack(c.var.hub.db, c.var.auth.orgId);
      if (!stored) throw new HttpError(404, 'This organisation has not published a site pack; use the built-in one.');
      const etag = `W/"sites-${shortHash(`${stored.publishedAt} ${JSON.stringify(stored.pack)}`)}"`;
      const headers = { etag, 'cache-control': REVALIDATE };
      if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
      const body = { pack: stored.pack, publishedAt: stored.publishedAt };
      return c.json(SitePackResponseSchema.parse(body), 200, headers);
    })
    .openapi(postEvents.route, async (c) => {
      const hub = c.var.hub;
      const auth = c.var.auth;
      const key = c.req.header('idempotency-key');
      if (key !== undefined && (key.length < 1 || key.length > 255 || !/^[\x21-\x7e]+$/.test(key))) {
        throw new HttpError(400, 'Idempotency-Key must be 1–255 visible ASCII characters.', [
          { path: 'header.Idempotency-Key', message: 'Use 1–255 visible ASCII characters (a UUID, say).' },
        ]);
      }
      const { text, json } = c.var.rawBody;
      const envelope = EventBatchEnvelopeSchema.safeParse(json);
      if (!envelope.success) throw new HttpError(400, 'The batch is not valid.', fieldErrors(envelope.error, 'body'));
      const events = envelope.data.events.length;
      const bucket = memberBuckets.events(auth.memberId);
      const cap = hub.config.memberEventsPerHour;
      // Only the events a batch stores count against the cap: a retried batch (its answer lost on the way) is not
      // charged; events already stored, refused ones and a batch that failed whole are given back. An outbox that
      // retries is never locked out by its own retries.
      const charged = (await batchStored(hub.db, auth, key)) ? 0 : events;
      const quota = await hub.limiter.take(bucket, charged, cap, 3_600_000);
      if (!quota.ok) {
        throw new HttpError(
          429,
          `This member sent more than ${cap} events in an hour; retry in ${quota.retryAfter} s.`,
          undefined,
          { 'retry-after': String(quota.retryAfter) },
        );
      }
      let stored = 0;
      try {
        if (hub.inflight.batches >= hub.config.maxInflightBatches) {
          throw new HttpError(429, 'The hub is busy; retry this batch in a moment.', undefined, { 'retry-after': '1' });
        }
        hub.inflight.batches++;
        try {
          const result = await ingest(hub.db, auth, envelope.data, key, text);
          stored = result.stored;
          c.set('ingested', result);
          return c.json(EventBatchResponseSchema.parse(result.response), 200, NO_STORE);
        } finally {
          hub.inflight.batches--;
        }
      } finally {
        if (stored < charged) {
          await hub.limiter.giveBack(bucket, charged - stored, cap, 3_600_000).catch(() => undefined);
        }
      }
    });
  // The events route reads its body itself (one result per event); the document shows the batch it expects.
  if (postEvents.documented) r.openAPIRegistry.registerPath(postEvents.documented);
  return r;
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 16);
}
