// An organisation with a year of history for the hub's benches (bench:reach, bench:analytics): members enrol through
// `POST /v1/enroll`, their events go through `storeEvents` (server/rollups.ts) — the function `POST /v1/events` calls
// after zod validation: the same INSERT and the same roll-up statements in the same transaction, in batches of 500 —
// and clicks through `recordClicks`, the function `GET /v1/r/:code` calls. The route itself is skipped only because it
// refuses events older than 90 days (and validates each event with zod, which is not what is measured). Content
// items and links are inserted like the admin and link routes do.
//
// Activity is skewed like a real programme: a fifth of the members never sent anything, a sixth stopped half a year
// ago, the rest share by a heavy-tailed (Pareto) weight; member 1 (whose reach bench:reach times) shares ten times as
// much as the mean. Rules fire by a Zipf law over 40 rule ids, some findings are dismissed or marked not helpful.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import postgres from 'postgres';
import type { createHubApp } from '../../server/app';
import { newToken, sha256 } from '../../server/auth';
import { type Database, openDatabase } from '../../server/db';
import { type ClickInput, recordClicks, type StoredEvent, storeEvents } from '../../server/rollups';
import { createOrganisation } from '../../server/seed';
import { createInvite } from '../../server/services/invites';
import { rng } from '../seeded-random';

const CONTENT_ITEMS = 150;
const BATCH = 500;
/** The organisation bench:reach and bench:analytics fill and time: one name, so that one fill serves both. */
export const BENCH_ORG = 'Bench organisation';

export const DAY_MS = 86_400_000;
const RULE_IDS = Array.from({ length: 40 }, (_, i) => `BENCH-${String(i + 1).padStart(3, '0')}`);
const SURFACES = ['linkedin-share-box', 'linkedin-comment', 'x-compose', 'x-reply', 'unknown'];
const COVERAGE_KINDS = ['editor_unrecognised', 'generic_fallback', 'post_button_missing', 'toast_unmatched'];

export interface FillOptions {
  orgName: string;
  /** Rows of the `events` table to store (clicks come on top, in the `clicks` table). */
  events: number;
  members: number;
  units: string[];
  /** Members enrolled and filled at once (Postgres gains from a few; PGlite runs one statement at a time). */
  concurrency: number;
  label: string;
}

export interface FilledOrg {
  orgId: string;
  fillSeconds: number;
  /** Members of the organisation (the CoE member included). */
  members: number;
  events: number;
  clicks: number;
  /** Member 1: the heaviest sharer, with a fresh device token. */
  timed: { memberId: string; token: string };
  /** A CoE member (no events of their own), with a fresh device token. */
  coeToken: string;
}

interface MemberPlan {
  events: StoredEvent[];
  clicks: Array<{ contentIndex: number; network: string; day: string; visitor: string; bot: boolean }>;
  links: Set<string>;
}

/** Zipf-like pick over n items: item k with weight 1 / (k + 1). */
function zipf(random: () => number, n: number): number {
  const h = Math.log(n + 1);
  return Math.min(n - 1, Math.floor(Math.exp(random() * h) - 1));
}

/**
 * One member's history in [start, end]: per share a share_started and a post_published (80 % approved content with its
 * tracked link, 20 % the member's own post), 4–12 snapshots over up to 30 days with a growing view count, up to 9 link
 * clicks (10 % bots, some repeats) for shared content, and about 6 other events (suggestions shown, rules triggered
 * with some dismissed, fixes applied, shares cancelled, "not helpful" feedback, coverage signals).
 */
function planMember(
  budget: number,
  window: { start: number; end: number },
  contentIds: string[],
  linkCode: (c: number, n: string) => string,
  seed: number,
) {
  const random = rng(seed);
  const now = Date.now();
  const span = window.end - window.start;
  const plan: MemberPlan = { events: [], clicks: [], links: new Set() };
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
  };
  const noise = (network: string): { type: string; props: Record<string, unknown> } => {
    const pick = random();
    const ruleId = RULE_IDS[zipf(random, RULE_IDS.length)] as string;
    if (pick < 0.3) return { type: 'suggestion_shown', props: { count: 1 + Math.floor(random() * 5) } };
    if (pick < 0.65) {
      const count = 1 + Math.floor(random() * 3);
      const dismissed = random() < 0.2 ? 1 : 0;
      return { type: 'rule_triggered', props: { ruleId, severity: 'warning', count, dismissed } };
    }
    if (pick < 0.8) return { type: 'fix_applied', props: { ruleId } };
    if (pick < 0.9) return { type: 'share_cancelled', props: {} };
    if (pick < 0.95) return { type: 'guideline_feedback', props: { ruleId, verdict: 'not_helpful' } };
    const surface = SURFACES[Math.floor(random() * SURFACES.length)] as string;
    return {
      type: 'coverage',
      props: {
        kind: COVERAGE_KINDS[Math.floor(random() * COVERAGE_KINDS.length)],
        surface: network === 'x' && surface.startsWith('linkedin') ? 'x-compose' : surface,
        count: 1 + Math.floor(random() * 3),
        sitePack: '2026.11.1',
      },
    };
  };
  while (plan.events.length < budget) {
    const at = window.start + random() * span;
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
      }
    }
    for (let i = Math.floor(random() * 12); i > 0; i--) {
      const n = noise(network);
      push(n.type, window.start + random() * span, network, n.props);
    }
  }
  plan.events.length = Math.min(plan.events.length, budget);
  plan.events.sort((a, b) => a.occurred_at.localeCompare(b.occurred_at));
  return plan;
}

/** Each member's share of the events and the window they were active in. */
function activity(members: number, seed: number) {
  const random = rng(seed);
  const now = Date.now();
  const year = { start: now - 365 * DAY_MS, end: now };
  const lapsed = { start: now - 365 * DAY_MS, end: now - 180 * DAY_MS };
  const plans = Array.from({ length: members }, (_, i) => {
    const r = random();
    if (i === 0) return { weight: -1, window: year };
    if (r < 0.2) return { weight: 0, window: year }; // enrolled, never sent anything
    // Pareto(α = 1.5), capped: most share now and then, a few a lot.
    const weight = Math.min(40, (1 - random()) ** (-1 / 1.5));
    return { weight, window: r < 0.37 ? lapsed : year };
  });
  const mean = plans.reduce((s, p) => s + Math.max(0, p.weight), 0) / Math.max(1, members - 1);
  (plans[0] as { weight: number }).weight = 10 * mean;
  return plans;
}

/** Fills a new organisation; see the top of the file. */
export async function fillOrganisation(
  db: Database,
  app: ReturnType<typeof createHubApp>,
  options: FillOptions,
): Promise<FilledOrg> {
  const { label } = options;
  const t0 = performance.now();
  const org = await createOrganisation(db, options.orgName, options.units);
  const unitIds = Object.values(org.units);
  const invite = async (businessUnitId: string, role: 'advocate' | 'coe') =>
    (await createInvite(db, { orgId: org.orgId, businessUnitId, role, maxUses: options.members, expiresInHours: 2 }))
      .code;
  const invites = await Promise.all(unitIds.map((unit) => invite(unit, 'advocate')));
  const enrol = async (inviteCode: string, displayName: string) => {
    const enrolled = await app.request('/v1/enroll', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ inviteCode, displayName }),
    });
    if (enrolled.status !== 201) throw new Error(`enrol failed: ${enrolled.status} ${await enrolled.text()}`);
    return (await enrolled.json()) as { token: string; me: { id: string; businessUnit: { id: string } } };
  };
  const coe = await enrol(await invite(org.rootId, 'coe'), 'CoE lead');

  // Published before the year of history, as the hub counts shares only of items in the library at the time.
  const contentIds = Array.from({ length: CONTENT_ITEMS }, () => randomUUID());
  await db.query(
    `INSERT INTO content_items (id, org_id, title, url, variants, status, published_at)
     SELECT (x->>'id')::uuid, $1, x->>'title', 'https://example.com/' || (x->>'id'), '{"linkedin":{"text":"Read"}}',
            'published', now() - interval '400 days'
       FROM jsonb_array_elements(($2::text)::jsonb) x`,
    [org.orgId, JSON.stringify(contentIds.map((id, i) => ({ id, title: `Approved post ${i + 1}` })))],
  );

  const plans = activity(options.members, 11);
  const totalWeight = plans.reduce((s, p) => s + p.weight, 0);
  let stored = 0;
  let clicksStored = 0;
  let done = 0;
  let timed = { memberId: '', token: '' };
  // Units are uneven in size, as organisations are: unit k gets a weight of 1 / (k + 1).
  const unitOf = (m: number) => invites[zipf(rng(m + 101), invites.length)] as string;

  const fillMember = async (m: number) => {
    const me = await enrol(unitOf(m), `Advocate ${m + 1}`);
    if (m === 0) timed = { memberId: me.me.id, token: me.token };
    const plan = plans[m] as { weight: number; window: { start: number; end: number } };
    const budget = Math.round((options.events * plan.weight) / totalWeight);
    if (budget === 0) return;
    const [device] = await db.query<{ id: string }>('SELECT id FROM devices WHERE member_id = $1', [me.me.id]);
    const owner = {
      orgId: org.orgId,
      memberId: me.me.id,
      deviceId: device?.id as string,
      businessUnitId: me.me.businessUnit.id,
    };
    const codeOf = (c: number, n: string) =>
      createHash('sha256').update(`${me.me.id} ${c} ${n}`).digest('base64url').slice(0, 12);
    const memberPlan = planMember(budget, plan.window, contentIds, codeOf, m + 7);
    // Links, as POST /v1/links stores them.
    const links = [...memberPlan.links].map((key) => {
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
    for (let i = 0; i < memberPlan.events.length; i += BATCH) {
      await storeEvents(db, owner, memberPlan.events.slice(i, i + BATCH));
    }
    const clicks: ClickInput[] = memberPlan.clicks.map((c) => ({
      code: codeOf(c.contentIndex, c.network),
      orgId: org.orgId,
      day: c.day,
      visitorHash: c.visitor,
      bot: c.bot,
    }));
    for (let i = 0; i < clicks.length; i += BATCH) await recordClicks(db, clicks.slice(i, i + BATCH));
    stored += memberPlan.events.length;
    clicksStored += memberPlan.clicks.length;
  };

  let next = 0;
  const report = Math.max(1, Math.round(options.members / 20));
  const worker = async () => {
    while (next < options.members) {
      const m = next++;
      await fillMember(m);
      done++;
      if (done % report === 0 || done === options.members) {
        const seconds = (performance.now() - t0) / 1000;
        console.log(
          `[${label}] ${done}/${options.members} members, ${stored} events and ${clicksStored} clicks, ` +
            `${Math.round(stored / seconds)} events/s`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  // Members joined over the years before, not all at once today: a day before their first event, or (those who never
  // sent anything) some day in the last 400.
  await db.query(
    `UPDATE members m
        SET created_at = coalesce((SELECT min(e.occurred_at) FROM events e WHERE e.org_id = m.org_id AND e.member_id = m.id),
                                  now() - (abs(hashtext(m.id::text)) % 400) * interval '1 day') - interval '1 day'
      WHERE m.org_id = $1 AND m.role = 'advocate'`,
    [org.orgId],
  );
  // Planner statistics, as autovacuum would gather them on a hub that has been running for a year.
  await db.query('ANALYZE');
  const fillSeconds = (performance.now() - t0) / 1000;
  console.log(
    `[${label}] filled ${stored} events and ${clicksStored} clicks for ${options.members} members in ${fillSeconds.toFixed(0)} s`,
  );
  return {
    orgId: org.orgId,
    fillSeconds,
    members: options.members + 1,
    events: stored,
    clicks: clicksStored,
    timed,
    coeToken: coe.token,
  };
}

/** An organisation an earlier run filled (a kept database or data folder), with fresh device tokens; else null. */
export async function filledOrganisation(db: Database, orgName: string): Promise<FilledOrg | null> {
  const [org] = await db.query<{ id: string }>('SELECT id FROM orgs WHERE name = $1', [orgName]);
  if (!org) return null;
  const tokenFor = async (memberId: string) => {
    const token = newToken();
    await db.query('INSERT INTO devices (id, org_id, member_id, token_hash) VALUES ($1, $2, $3, $4)', [
      randomUUID(),
      org.id,
      memberId,
      sha256(token),
    ]);
    return token;
  };
  const [timed] = await db.query<{ id: string }>(
    `SELECT id FROM members WHERE org_id = $1 AND display_name = 'Advocate 1'`,
    [org.id],
  );
  const [coe] = await db.query<{ id: string }>(`SELECT id FROM members WHERE org_id = $1 AND role = 'coe' LIMIT 1`, [
    org.id,
  ]);
  if (!timed || !coe) return null;
  const [counts] = await db.query<{ members: string; events: string; clicks: string }>(
    `SELECT (SELECT count(*) FROM members WHERE org_id = $1) AS members,
            (SELECT count(*) FROM events WHERE org_id = $1) AS events,
            (SELECT count(*) FROM clicks WHERE org_id = $1) AS clicks`,
    [org.id],
  );
  console.log(`reusing the filled organisation "${orgName}" (${counts?.events} events, ${counts?.clicks} clicks)`);
  return {
    orgId: org.id,
    fillSeconds: 0,
    members: Number(counts?.members),
    events: Number(counts?.events),
    clicks: Number(counts?.clicks),
    timed: { memberId: timed.id, token: await tokenFor(timed.id) },
    coeToken: await tokenFor(coe.id),
  };
}

export const benchPostgresUrl =
  process.env.SPOKE_BENCH_DATABASE_URL ||
  process.env.SPOKE_TEST_DATABASE_URL ||
  'postgres://spoke:spoke@127.0.0.1:5432/spoke_test';

export async function postgresAvailable(): Promise<boolean> {
  const probe = postgres(benchPostgresUrl, { max: 1, onnotice: () => {}, connect_timeout: 3 });
  try {
    await probe`SELECT 1`;
    return true;
  } catch {
    return false;
  } finally {
    await probe.end({ timeout: 1 });
  }
}

/**
 * A Postgres database for one run: a fresh one, dropped afterwards; or, with `keep`, the database of that name —
 * created when missing, reused when an earlier run filled it, never dropped (fill once, time many times).
 */
export async function withPostgres<T>(
  keep: string | undefined,
  poolSize: number,
  run: (db: Database) => Promise<T>,
): Promise<T> {
  if (keep !== undefined && !/^[a-z_][a-z0-9_]*$/.test(keep)) throw new Error(`not a database name: ${keep}`);
  const name = keep ?? `spoke_bench_${randomBytes(5).toString('hex')}`;
  const admin = postgres(benchPostgresUrl, { max: 1, onnotice: () => {} });
  const [exists] = await admin`SELECT 1 FROM pg_database WHERE datname = ${name}`;
  if (!exists) await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(benchPostgresUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), poolSize });
  try {
    return await run(db);
  } finally {
    await db.close();
    if (!keep) await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
}

/** `--name value` from the command line. */
export function benchArg(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
