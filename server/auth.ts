// Device tokens: random 256-bit values shown once; the hub stores only their SHA-256.
import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../lib/contract/hub';
import type { Database } from './db';
import { type Logger, log } from './log';
import { HttpError } from './problem';

export interface AuthContext {
  orgId: string;
  memberId: string;
  deviceId: string;
  role: Role;
  businessUnitId: string;
  /** SHA-256 of the token this request came with. */
  tokenHash: string;
  /** The token was the device's previous one, still in its grace period after a rotation. */
  previousToken: boolean;
}

/** The refusal of a missing, unknown, revoked or replaced token (and of a write by a member who may no longer). */
export function tokenNoLongerWorks(): HttpError {
  return new HttpError(401, 'Send a valid device token as "Authorization: Bearer <token>".', undefined, {
    'www-authenticate': 'Bearer realm="spoke"',
  });
}

/**
 * The refusal of a device that signed in through its organisation's IdP which has not vouched for the member within
 * the organisation's period (`sso_configs.token_max_age_days`), or refused to: the extension signs in again.
 */
export function signInRequired(): HttpError {
  return new HttpError(
    401,
    'Your organisation asks you to sign in again with its identity provider.',
    undefined,
    { 'www-authenticate': 'Bearer realm="spoke", error="invalid_token"' },
    'sign-in-required',
  );
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** A new device token: `spk_` + 256 random bits, base64url. */
export function newToken(): string {
  return `spk_${randomBytes(32).toString('base64url')}`;
}

/** A new invite code people can type: 4 groups of 5 characters from an unambiguous alphabet (~100 bits). */
export function newInviteCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(20);
  let out = '';
  for (let i = 0; i < 20; i++) {
    if (i > 0 && i % 5 === 0) out += '-';
    out += alphabet[(bytes[i] ?? 0) % alphabet.length];
  }
  return out;
}

/** Invite codes are compared case-insensitively, without dashes. */
export function inviteCodeHash(code: string): string {
  return sha256(`invite:${code.replace(/-/g, '').toUpperCase()}`);
}

interface Cached {
  auth: AuthContext;
  until: number;
}

/**
 * Resolves bearer tokens. Only routes whose writes check the member again in their own statement (`memberMayWrite`,
 * server/member-lock.ts) may take a token from the short in-process cache: every other request reads the devices
 * table, so a token revoked, replaced or erased by any hub instance stops at once everywhere.
 *
 * A device's previous token works for the grace period after a rotation; used again after it (or to rotate), it
 * revokes the device: either the token was stolen or its holder lost the new one, and both tokens stop (RFC 9700's
 * reuse detection).
 */
export class AuthService {
  private cache = new Map<string, Cached>();
  private seen = new Map<string, number>();

  constructor(
    private readonly db: Database,
    private readonly ttlMs: number,
    private readonly logger: Logger = log,
  ) {}

  async authenticate(header: string | undefined, options: { cached?: boolean } = {}): Promise<AuthContext | null> {
    const match = header?.match(/^Bearer ([A-Za-z0-9_-]{20,100})$/);
    if (!match?.[1]) return null;
    const hash = sha256(match[1]);
    const now = Date.now();
    if (options.cached) {
      const cached = this.cache.get(hash);
      if (cached && cached.until > now) return cached.auth;
    }
    const rows = await this.db.query<{
      device_id: string;
      org_id: string;
      member_id: string;
      role: Role;
      business_unit_id: string;
      previous: boolean;
      grace_ms: number | null;
      sign_in_ms: number | null;
    }>(
      // A device that signed in through the IdP works for the organisation's period after the IdP last vouched (30
      // days when the organisation no longer has a configuration); `sign_in_ms` is what is left of it.
      `SELECT d.id AS device_id, d.org_id, d.member_id, m.role, m.business_unit_id,
              d.token_hash <> $1 AS previous,
              (extract(epoch FROM d.previous_valid_until - now()) * 1000)::float8 AS grace_ms,
              (extract(epoch FROM d.identity_verified_at
                 + make_interval(days => coalesce(c.token_max_age_days, 30)) - now()) * 1000)::float8 AS sign_in_ms
         FROM devices d JOIN members m ON m.id = d.member_id AND m.org_id = d.org_id
         LEFT JOIN sso_configs c ON c.org_id = d.org_id
        WHERE (d.token_hash = $1 OR d.previous_token_hash = $1)
          AND d.revoked_at IS NULL AND m.status = 'active'
        LIMIT 1`,
      [hash],
    );
    const row = rows[0];
    const signInMs =
      row?.sign_in_ms === null || row?.sign_in_ms === undefined ? Number.POSITIVE_INFINITY : Number(row.sign_in_ms);
    if (row && !(signInMs > 0)) {
      this.cache.delete(hash);
      throw signInRequired();
    }
    const graceMs = row?.previous ? Number(row.grace_ms) : Number.POSITIVE_INFINITY;
    if (row?.previous && !(graceMs > 0)) await this.revokeDevice(row.device_id, 'previous token used after its grace');
    if (!row || !(graceMs > 0)) {
      this.cache.delete(hash);
      return null;
    }
    const auth: AuthContext = {
      orgId: row.org_id,
      memberId: row.member_id,
      deviceId: row.device_id,
      role: row.role,
      businessUnitId: row.business_unit_id,
      tokenHash: hash,
      previousToken: row.previous,
    };
    if (this.ttlMs > 0) {
      if (this.cache.size > 50_000) this.cache.clear();
      // A previous token leaves the cache when its grace ends.
      this.cache.set(hash, { auth, until: now + Math.min(this.ttlMs, graceMs, signInMs) });
    }
    this.touch(auth.deviceId, auth.memberId, now);
    return auth;
  }

  /** Revokes a device whose replaced token came back (see the class comment); its tokens stop at once. */
  async revokeDevice(deviceId: string, reason: string): Promise<void> {
    await this.db.query('UPDATE devices SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1', [deviceId]);
    this.invalidate();
    this.logger.warn({ event: 'device_revoked', deviceId, reason }, 'device revoked');
  }

  /** Forget every cached token (after a revocation, deactivation, rotation or erasure). */
  invalidate(): void {
    this.cache.clear();
  }

  /** `last_seen_at`, at most once a minute per device, off the request path. */
  private touch(deviceId: string, memberId: string, now: number): void {
    const last = this.seen.get(deviceId) ?? 0;
    if (now - last < 60_000) return;
    if (this.seen.size > 50_000) this.seen.clear();
    this.seen.set(deviceId, now);
    void Promise.all([
      this.db.query('UPDATE devices SET last_seen_at = now() WHERE id = $1', [deviceId]),
      this.db.query('UPDATE members SET last_seen_at = now() WHERE id = $1', [memberId]),
    ]).catch(() => {});
  }
}
