// Tracked links: one per member, item and network, pointing at the item's URL with Spoke's UTM parameters; following
// one counts the click (bots and prefetches filtered, one visitor per network and day, hashed with a daily salt) and
// never says who shared.
import { createHmac, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { CreateLinkRequest } from '../../lib/contract/hub';
import { trackedDestination } from '../../lib/contract/utm';
import { type AuthContext, tokenNoLongerWorks } from '../auth';
import { addressNetwork } from '../client-address';
import type { Database } from '../db';
import { lockMember, memberMayWrite } from '../member-lock';
import { HttpError } from '../problem';
import { chainOf, loadUnits } from '../queries';
import { recordClicks } from '../rollups';

/** The member's tracked link for a published item they can see, made on first request. */
export async function createLink(db: Database, auth: AuthContext, body: CreateLinkRequest, publicUrl: string) {
  const [item] = await db.query<{ url: string | null; business_unit_ids: string[] }>(
    `SELECT url, business_unit_ids FROM content_items
      WHERE org_id = $1 AND id = $2 AND status = 'published' AND deleted_at IS NULL`,
    [auth.orgId, body.contentId],
  );
  if (!item) throw new HttpError(404, 'No published content item with this id.');
  if (item.business_unit_ids.length > 0) {
    const chain = new Set(chainOf(await loadUnits(db, auth.orgId), auth.businessUnitId));
    if (!item.business_unit_ids.some((id) => chain.has(id))) {
      throw new HttpError(404, 'No published content item with this id.');
    }
  }
  if (!item.url) throw new HttpError(409, 'This content item has no link to track.');
  const destination = trackedDestination(item.url, body.network, body.contentId);
  const code = randomBytes(9).toString('base64url');
  // Under the member's lock, and only while they may write: an erasure in flight leaves no link behind.
  const [, [check] = []] = await db.batch([
    lockMember(auth.memberId),
    sql`SELECT ${memberMayWrite(auth)} AS writable`,
    sql`INSERT INTO links (code, org_id, member_id, content_id, network, destination)
        SELECT ${code}, ${auth.orgId}, ${auth.memberId}, ${body.contentId}, ${body.network}, ${destination}
         WHERE ${memberMayWrite(auth)}
        ON CONFLICT (org_id, member_id, content_id, network) DO NOTHING`,
  ]);
  if (!check?.writable) throw tokenNoLongerWorks();
  const [link] = await db.query<{ code: string; destination: string }>(
    'SELECT code, destination FROM links WHERE org_id = $1 AND member_id = $2 AND content_id = $3 AND network = $4',
    [auth.orgId, auth.memberId, body.contentId, body.network],
  );
  if (!link) throw new HttpError(409, 'The link could not be created; try again.');
  return { code: link.code, url: `${publicUrl}/v1/r/${link.code}`, destination: link.destination };
}

/** Where a tracked link goes, counting nothing (404 for an unknown code): for a visit over its address's limit. */
export async function linkDestination(db: Database, code: string): Promise<string> {
  const [link] = await db.query<{ destination: string }>('SELECT destination FROM links WHERE code = $1', [code]);
  if (!link) throw new HttpError(404, 'This link does not exist (any more).');
  return link.destination;
}

const BOT_UA =
  /bot|crawl|spider|slurp|preview|facebookexternalhit|linkedinbot|twitterbot|slackbot|embedly|whatsapp|telegram|discord|skype|headless|curl|wget|python-requests|go-http-client|java\/|okhttp|axios|node-fetch|undici/i;

/** A browser fetching a page ahead of a click (`Sec-Purpose: prefetch`, `Purpose: prefetch`), or a link preview. */
const AHEAD = /\b(prefetch|prerender|preview)\b/i;

/** Who followed a link, as far as counting goes: a bot or not, and where from (a visitor hash that changes every day). */
export interface Visit {
  method: string;
  userAgent: string;
  /** The `Sec-Purpose`, `Purpose` and `X-Purpose` headers, as sent (empty when none). */
  purpose: string;
  ip: string;
}

/**
 * The network a client address belongs to: its IPv4 /24, its IPv6 /48 (an IPv4 address written as IPv6 is IPv4).
 * One household, office or mobile carrier's customer is one visitor however they rotate their user agent or their
 * address within the network (an IPv6 /48 is what one site is given); an address that is not one is taken as is.
 */
function networkPrefix(address: string): string {
  return addressNetwork(address, 24, 48);
}

/**
 * Counts a click on a tracked link and returns where it goes (404 for an unknown code). One visitor is one network
 * (networkPrefix) per UTC day, as a keyed hash with a salt derived from the day: the address is never stored, and
 * yesterday's hashes cannot be matched with today's. A prefetch or preview is redirected and not recorded: no one
 * clicked yet. Bots are recorded apart from people (so a bot on a network never hides a person's click).
 */
export async function followLink(db: Database, code: string, visit: Visit, clickSecret: string): Promise<string> {
  const [link] = await db.query<{ code: string; org_id: string; destination: string }>(
    'SELECT code, org_id, destination FROM links WHERE code = $1',
    [code],
  );
  if (!link) throw new HttpError(404, 'This link does not exist (any more).');
  if (AHEAD.test(visit.purpose)) return link.destination;
  const ua = visit.userAgent;
  const bot = visit.method === 'HEAD' || ua === '' || BOT_UA.test(ua);
  const day = new Date().toISOString().slice(0, 10);
  const salt = createHmac('sha256', clickSecret).update(day).digest();
  const visitor = createHmac('sha256', salt)
    .update(`${networkPrefix(visit.ip)}\n${bot ? 'bot' : 'person'}`)
    .digest('base64url');
  await recordClicks(db, [{ code: link.code, orgId: link.org_id, day, visitorHash: visitor, bot }]);
  return link.destination;
}
