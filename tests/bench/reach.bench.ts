// `npm run bench:reach -- --events N`: fills one organisation with N events over the last year (shares, repeated
// reach snapshots per post, clicks on tracked links, and the other event types as noise), then times one member's
// one-year `GET /v1/me/reach` through the Hono app (`app.request`, the real route: auth, validation, answer schema).
// Prints p50/p95 per bucket; ends with one JSON line {"events", "reach_p95_ms", …}.
//
// Write path: events go through `storeEvents` (server/rollups.ts), the function `POST /v1/events` calls after zod
// validation: the same INSERT and the same roll-up statements in the same transaction, in batches of 500. The route
// itself is skipped only because it refuses events older than 90 days (and validates each event with zod, which is
// not what is measured here). Clicks go through `recordClicks`, the function `GET /v1/r/:code` calls, in batches.
// Members enrol through `POST /v1/enroll`; content items and links are inserted like the admin and link routes do.
//
// PGlite (the default hub store) in a temporary data folder, like `npm start`; and Postgres when one answers:
// SPOKE_BENCH_DATABASE_URL, else SPOKE_TEST_DATABASE_URL, else the local cluster of .ci/run
// (postgres://spoke:spoke@127.0.0.1:5432/spoke_test); a fresh database is created and dropped. `--only pglite|postgres`
// runs one. Knobs: --members M (default N / 2000, at least 20), --runs R (timed requests, default 300), --data-dir D
// (PGlite: fill D and keep it; run again with the same D to time without refilling).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { ReachResponseSchema } from '../../lib/contract/hub';
import { createHubApp } from '../../server/app';
import { newToken, sha256 } from '../../server/auth';
import { testConfig } from '../../server/config';
import { type Database, openDatabase } from '../../server/db';
import { type ClickInput, recordClicks, type StoredEvent, storeEvents } from '../../server/rollups';
import { createOrganisation } from '../../server/seed';
import { createInvite } from '../../server/services/invites';
import { rng } from '../seeded-random';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const EVENTS = Number(arg('events') ?? 100_000);
const MEMBERS = Number(arg('members') ?? Math.max(20, Math.round(EVENTS / 2_000)));
const RUNS = Number(arg('runs') ?? 300);
const ONLY = arg('only');
/** PGlite: keep the filled folder here; a later run with the same folder only times. */
const DATA_DIR = arg('data-dir');
const CONTENT_ITEMS = 150;
const BATCH = 500;
const DAY_MS = 86_400_000;
const pgUrl =
  process.env.SPOKE_BENCH_DATABASE_URL ||
  process.env.SPOKE_TEST_DATABASE_URL ||
  'postgres://spoke:spoke@127.0.0.1:5432/spoke_test';

interface MemberPlan {
  events: StoredEvent[];
  clicks: Array<{ contentIndex: number; network: string; day: string; visitor: string; bot: boolean }>;
  links: Set<string>;
}

const NOISE: Array<() => { type: string; props: Record<string, unknown> }> = [
  () => ({ type: 'suggestion_shown', props: { count: 5 } }),
  () => ({ type: 'rule_triggered', props: { ruleId: 'DISC-001', severity: 'warning', count: 2 } }),
  () => ({ type: 'fix_applied', props: { ruleId: 'DISC-001' } }),
  () => ({ type: 'share_cancelled', props: {} }),
  () => ({ type: 'guideline_feedback', props: { ruleId: 'SEC-001', verdict: 'not_helpful' } }),
];

/**
 * One member's year: per share (≈ 20 items) a share_started and a post_published (80 % approved content with its
 * tracked link, 20 % the member's own post), 4–12 snapshots over up to 30 days with a growing view count, about 5 link
 * clicks (10 % bots, some repeats) for shared content, and about 6 noise events of the other types.
 */
function planMember(budget: number, contentIds: string[], linkCode: (c: number, n: string) => string, seed: number) {
  const random = rng(seed);
  const now = Date.now();
  const start = now - 365 * DAY_MS;
  const plan: MemberPlan = { events: [], clicks: [], links: new Set() };
  let items = 0;
  let seq = 0;
  const push = (type: string, at: number, network: string, props: Record<string, unknown>, contentId?: string) => {
    plan.events.push({
      id: randomUUID(),
      seq: seq++,
      type,
      network,
      content_id: contentId ?? null,
      occurred_at: new Date(Math.min(at, now - 60_000)).toISOString(),
      props,
    });
    items++;
  };
  while (items < budget) {
    const at = start + random() * 365 * DAY_MS;
    const network = random() < 0.7 ? 'linkedin' : 'x';
    const approved = random() < 0.8;
    const contentIndex = Math.floor(random() * contentIds.length);
    const contentId = approved ? contentIds[contentIndex] : undefined;
    const code = approved ? linkCode(contentIndex, network) : undefined;
    if (code) plan.links.add(`${contentIndex} ${network}`);
    if (approved) push('share_started', at - 30_000, network, { via: 'sidepanel' }, contentId);
    push('post_published', at, network, { postKind: 'post', ...(code ? { linkCode: code } : {}) }, contentId);
    const postRef = createHash('sha256').update(`${seed}-${at}`).digest('base64url').slice(0, 22);
    const finalViews = Math.round(50 + Math.exp(5 + random() * 3));
    const snapshots = 4 + Math.floor(random() * 9);
    let t = at;
    for (let i = 0; i < snapshots; i++) {
      t += random() * 4 * DAY_MS;
      if (t > now - 60_000) break;
      const grown = 1 - Math.exp(-(t - at) / (3 * DAY_MS));
      const views = Math.round(finalViews * grown);
      push(
        'reach_snapshot',
        t,
        network,
        {
          postRef,
          views,
          reactions: Math.round(views * 0.02),
          comments: Math.round(views * 0.003),
          reposts: Math.round(views * 0.001),
          ...(code ? { linkCode: code } : {}),
        },
        contentId,
      );
    }
    if (code) {
      const clicks = Math.floor(random() * 10);
      let visitor = '';
      for (let i = 0; i < clicks; i++) {
        const day = new Date(Math.min(at + random() * 10 * DAY_MS, now)).toISOString().slice(0, 10);
        if (!visitor || random() > 0.1) visitor = randomBytes(12).toString('base64url');
        plan.clicks.push({ contentIndex, network, day, visitor, bot: random() < 0.1 });
        items++;
      }
    }
    for (let i = Math.floor(random() * 12); i > 0; i--) {
      const noise = (NOISE[Math.floor(random() * NOISE.length)] as () => { type: string; props: object })();
      push(noise.type, start + random() * 365 * DAY_MS, network, noise.props as Record<string, unknown>);
    }
  }
  plan.events.sort((a, b) => a.occurred_at.localeCompare(b.occurred_at));
  return plan;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;

async function run(db: Database, label: string) {
  const config = testConfig({ authCacheSeconds: 5 }); // the hub's default token cache
  const app = createHubApp({ version: 'bench', db, config });
  const [kept] = await db.query<{ member: string; org: string }>(
    `SELECT m.id AS member, m.org_id AS org FROM members m JOIN orgs o ON o.id = m.org_id
      WHERE o.name = 'Reach bench' AND m.display_name = 'Advocate 1'`,
  );
  let filled: Filled;
  if (kept) {
    // A folder filled by an earlier run (--data-dir): a new device token for the timed member, as enrolment makes.
    const token = newToken();
    const [member] = await db.query<{ business_unit_id: string }>(
      'SELECT business_unit_id FROM members WHERE id = $1',
      [kept.member],
    );
    await db.query('INSERT INTO devices (id, org_id, member_id, token_hash) VALUES ($1, $2, $3, $4)', [
      randomUUID(),
      kept.org,
      kept.member,
      sha256(token),
    ]);
    const [count] = await db.query<{ n: string }>('SELECT count(*) AS n FROM events WHERE org_id = $1', [kept.org]);
    console.log(`[${label}] reusing the filled folder (${count?.n} events; unit ${member?.business_unit_id})`);
    filled = { fillSeconds: 0, items: Number(count?.n), token, memberId: kept.member };
  } else {
    filled = await fill(db, app, label);
  }
  return { ...filled, ...(await time(db, app, label, filled)) };
}

interface Filled {
  fillSeconds: number;
  items: number;
  token: string;
  memberId: string;
}

async function fill(db: Database, app: ReturnType<typeof createHubApp>, label: string): Promise<Filled> {
  const t0 = performance.now();
  const org = await createOrganisation(db, 'Reach bench', ['Engineering', 'Sales', 'Marketing']);
  const unitIds = Object.values(org.units);
  const invites = await Promise.all(
    unitIds.map(
      async (unit) =>
        (
          await createInvite(db, {
            orgId: org.orgId,
            businessUnitId: unit,
            role: 'advocate',
            maxUses: MEMBERS,
            expiresInHours: 1,
          })
        ).code,
    ),
  );
  // Published before the year of history, as the hub counts shares only of items in the library at the time.
  const contentIds = Array.from({ length: CONTENT_ITEMS }, () => randomUUID());
  await db.query(
    `INSERT INTO content_items (id, org_id, title, url, variants, status, published_at)
     SELECT (x->>'id')::uuid, $1, x->>'title', 'https://example.com/' || (x->>'id'), '{"linkedin":{"text":"Read"}}',
            'published', now() - interval '400 days'
       FROM jsonb_array_elements(($2::text)::jsonb) x`,
    [org.orgId, JSON.stringify(contentIds.map((id, i) => ({ id, title: `Approved post ${i + 1}` })))],
  );

  // Weights: a long tail of occasional sharers and a few heavy ones; member 0 (the one timed) is the heaviest.
  const weights = Array.from({ length: MEMBERS }, (_, i) => (i === 0 ? 4 : Math.exp(rng(i + 1)() * 2 - 1)));
  let stored = 0;
  let clicksStored = 0;
  let timedToken = '';
  let timedId = '';
  for (let m = 0; m < MEMBERS; m++) {
    const invite = invites[m % invites.length] as string;
    const enrolled = await app.request('/v1/enroll', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ inviteCode: invite, displayName: `Advocate ${m + 1}` }),
    });
    if (enrolled.status !== 201) throw new Error(`enrol failed: ${enrolled.status} ${await enrolled.text()}`);
    const me = (await enrolled.json()) as { token: string; me: { id: string; businessUnit: { id: string } } };
    const [device] = await db.query<{ id: string }>('SELECT id FROM devices WHERE member_id = $1', [me.me.id]);
    if (m === 0) {
      timedToken = me.token;
      timedId = me.me.id;
    }
    const owner = {
      orgId: org.orgId,
      memberId: me.me.id,
      deviceId: device?.id as string,
      businessUnitId: me.me.businessUnit.id,
    };
    const codeOf = (c: number, n: string) =>
      createHash('sha256').update(`${me.me.id} ${c} ${n}`).digest('base64url').slice(0, 12);
    const budget = Math.max(
      20,
      Math.round(((EVENTS - stored - clicksStored) * (weights[m] as number)) / sumFrom(weights, m)),
    );
    const plan = planMember(m === MEMBERS - 1 ? EVENTS - stored - clicksStored : budget, contentIds, codeOf, m + 7);
    // Links, as POST /v1/links stores them.
    const links = [...plan.links].map((key) => {
      const [c, network] = key.split(' ') as [string, string];
      const contentId = contentIds[Number(c)] as string;
      return {
        code: codeOf(Number(c), network),
        contentId,
        network,
        destination: `https://example.com/${contentId}?utm_source=${network}`,
      };
    });
    if (links.length > 0) {
      await db.query(
        `INSERT INTO links (code, org_id, member_id, content_id, network, destination)
         SELECT x.code, $1, $2, x."contentId", x.network, x.destination
           FROM jsonb_to_recordset(($3::text)::jsonb) AS x(code text, "contentId" uuid, network text, destination text)`,
        [org.orgId, owner.memberId, JSON.stringify(links)],
      );
    }
    for (let i = 0; i < plan.events.length; i += BATCH) {
      await storeEvents(db, owner, plan.events.slice(i, i + BATCH));
    }
    const clicks: ClickInput[] = plan.clicks.map((c) => ({
      code: codeOf(c.contentIndex, c.network),
      orgId: org.orgId,
      day: c.day,
      visitorHash: c.visitor,
      bot: c.bot,
    }));
    for (let i = 0; i < clicks.length; i += BATCH) await recordClicks(db, clicks.slice(i, i + BATCH));
    stored += plan.events.length;
    clicksStored += plan.clicks.length;
    if (m % Math.max(1, Math.round(MEMBERS / 10)) === 0 || m === MEMBERS - 1) {
      const rate = Math.round((stored + clicksStored) / ((performance.now() - t0) / 1000));
      console.log(
        `[${label}] ${m + 1}/${MEMBERS} members, ${stored + clicksStored} items (${stored} events, ${clicksStored} clicks), ${rate}/s`,
      );
    }
  }
  const fillSeconds = (performance.now() - t0) / 1000;
  console.log(
    `[${label}] filled ${stored + clicksStored} items (${stored} events, ${clicksStored} clicks) for ${MEMBERS} members in ${fillSeconds.toFixed(0)} s`,
  );
  return { fillSeconds, items: stored + clicksStored, token: timedToken, memberId: timedId };
}

async function time(db: Database, app: ReturnType<typeof createHubApp>, label: string, filled: Filled) {
  const timedToken = filled.token;
  const [timedEvents] = await db.query<{ n: number | string }>(
    'SELECT count(*) AS n FROM events WHERE member_id = $1',
    [filled.memberId],
  );
  console.log(`[${label}] the timed member has ${Number(timedEvents?.n)} events`);
  const today = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 364 * DAY_MS).toISOString().slice(0, 10);
  const results: Record<string, { p50: number; p95: number; bytes: number; cpuMs: number }> = {};
  for (const bucket of ['day', 'week'] as const) {
    const url = `/v1/me/reach?from=${from}&to=${today}&bucket=${bucket}`;
    const request = () => app.request(url, { headers: { authorization: `Bearer ${timedToken}` } });
    const first = await request();
    if (first.status !== 200) throw new Error(`reach failed: ${first.status} ${await first.text()}`);
    const body = ReachResponseSchema.parse(await first.json());
    for (let i = 0; i < 20; i++) await (await request()).arrayBuffer();
    const times: number[] = [];
    let bytes = 0;
    // CPU time of this process per request: the machine may be shared, and then wall time includes waiting for a core.
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      const res = await request();
      bytes = (await res.arrayBuffer()).byteLength;
      times.push(performance.now() - s);
    }
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000 / RUNS;
    times.sort((a, b) => a - b);
    results[bucket] = { p50: percentile(times, 50), p95: percentile(times, 95), bytes, cpuMs };
    console.log(
      `[${label}] reach bucket=${bucket}: p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms, ` +
        `CPU ${cpuMs.toFixed(2)} ms per request, ` +
        `${bytes} bytes; totals ${JSON.stringify(body.totals)}, ${body.series.length} series rows, ${body.posts.length} posts, ` +
        `streak ${JSON.stringify(body.streak)}`,
    );
  }
  return {
    timedMemberEvents: Number(timedEvents?.n),
    p95: Math.max(results.day?.p95 ?? 0, results.week?.p95 ?? 0),
    results,
  };
}

function sumFrom(values: number[], start: number): number {
  let sum = 0;
  for (let i = start; i < values.length; i++) sum += values[i] as number;
  return sum;
}

async function postgresAvailable(): Promise<boolean> {
  const probe = postgres(pgUrl, { max: 1, onnotice: () => {}, connect_timeout: 3 });
  try {
    await probe`SELECT 1`;
    return true;
  } catch {
    return false;
  } finally {
    await probe.end({ timeout: 1 });
  }
}

const summary: Record<string, unknown> = { events: EVENTS, members: MEMBERS };
if (ONLY !== 'postgres') {
  const dir = DATA_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'spoke-reach-bench-'));
  const db = await openDatabase({ dataDir: dir });
  try {
    const r = await run(db, 'pglite');
    Object.assign(summary, {
      reach_p95_ms: Number(r.p95.toFixed(2)),
      pglite_day_p50_ms: Number(r.results.day?.p50.toFixed(2)),
      pglite_week_p95_ms: Number(r.results.week?.p95.toFixed(2)),
      pglite_cpu_ms_per_request: Number(r.results.day?.cpuMs.toFixed(2)),
      pglite_fill_s: Math.round(r.fillSeconds),
      timed_member_events: r.timedMemberEvents,
    });
  } finally {
    await db.close();
    if (!DATA_DIR) rmSync(dir, { recursive: true, force: true });
  }
}
if (ONLY !== 'pglite') {
  if (await postgresAvailable()) {
    const name = `spoke_reach_${randomBytes(5).toString('hex')}`;
    const admin = postgres(pgUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const url = new URL(pgUrl);
    url.pathname = `/${name}`;
    const db = await openDatabase({ url: url.toString(), poolSize: 4 });
    try {
      const r = await run(db, 'postgres');
      Object.assign(summary, {
        postgres_reach_p95_ms: Number(r.p95.toFixed(2)),
        postgres_reach_p50_ms: Number(r.results.day?.p50.toFixed(2)),
        postgres_fill_s: Math.round(r.fillSeconds),
      });
      if (ONLY === 'postgres') summary.reach_p95_ms = Number(r.p95.toFixed(2));
    } finally {
      await db.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      await admin.end();
    }
  } else {
    console.log(`[postgres] skipped: nothing answers at ${pgUrl.replace(/:[^:@/]+@/, ':***@')}`);
    summary.postgres = 'unavailable';
  }
}
console.log(JSON.stringify(summary));
