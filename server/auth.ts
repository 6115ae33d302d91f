// Device tokens: random 256-bit values shown once; the hub stores only their SHA-256.
import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../lib/contract/hub';
import type { Database } from './db';

export interface AuthContext {
  orgId: string;
  memberId: string;
  deviceId: string;
  role: Role;
  businessUnitId: string;
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

/** Resolves bearer tokens, with a short in-process cache (cleared on any revocation made by this instance). */
export class AuthService {
  private cache = new Map<string, Cached>();
  private seen = new Map<string, number>();

  constructor(
    private readonly db: Database,
    private readonly ttlMs: number,
  ) {}

  async authenticate(header: string | undefined): Promise<AuthContext | null> {
    const match = header?.match(/^Bearer ([A-Za-z0-9_-]{20,100})$/);
    if (!match?.[1]) return null;
    const hash = sha256(match[1]);
    const now = Date.now();
    const cached = this.cache.get(hash);
    if (cached && cached.until > now) return cached.auth;
    const rows = await this.db.query<{
      device_id: string;
      org_id: string;
      member_id: string;
      role: Role;
      business_unit_id: string;
    }>(
      `SELECT d.id AS device_id, d.org_id, d.member_id, m.role, m.business_unit_id
         FROM devices d JOIN members m ON m.id = d.member_id AND m.org_id = d.org_id
        WHERE (d.token_hash = $1 OR (d.previous_token_hash = $1 AND d.previous_valid_until > now()))
          AND d.revoked_at IS NULL AND m.status = 'active'
        LIMIT 1`,
      [hash],
    );
    const row = rows[0];
    if (!row) {
      this.cache.delete(hash);
      return null;
    }
    const auth: AuthContext = {
      orgId: row.org_id,
      memberId: row.member_id,
      deviceId: row.device_id,
      role: row.role,
      businessUnitId: row.business_unit_id,
    };
    if (this.ttlMs > 0) {
      if (this.cache.size > 50_000) this.cache.clear();
      this.cache.set(hash, { auth, until: now + this.ttlMs });
    }
    this.touch(auth.deviceId, auth.memberId, now);
    return auth;
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
