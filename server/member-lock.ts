// One writer at a time per member: every transaction that writes a member's data (an event batch and its roll-ups,
// a click on their link, a new tracked link, the member's erasure) takes the member's advisory lock first. So an
// erasure waits for a batch in flight and a batch waits for an erasure; the writer that comes second reads, in its
// own statement, whether the member may still write (`memberMayWrite`), and writes nothing when not.
import { type SQL, sql } from 'drizzle-orm';

/** Advisory lock class of a member's data (the second key is a hash of the member id). */
export const MEMBER_LOCK_CLASS = 727246;

/** Takes the member's lock until the end of the transaction. */
export function lockMember(memberId: string): SQL {
  return sql`SELECT pg_advisory_xact_lock(${MEMBER_LOCK_CLASS}, hashtext(${memberId}::text))`;
}

/**
 * True while the member exists and is active and the device is not revoked: read in the writing statement itself, so
 * a token cached by any hub instance, or a request authenticated just before an erasure or a deactivation, writes
 * nothing afterwards.
 */
export function memberMayWrite(owner: { orgId: string; memberId: string; deviceId: string }): SQL {
  return sql`EXISTS (SELECT FROM devices d JOIN members m ON m.id = d.member_id AND m.org_id = d.org_id
                      WHERE d.id = ${owner.deviceId} AND d.org_id = ${owner.orgId} AND d.member_id = ${owner.memberId}
                        AND d.revoked_at IS NULL AND m.status = 'active')`;
}
