import type { BusinessUnit, Invite } from '@/lib/contract/hub-admin';

/** The link a CoE sends: the extension's own settings page with the hub and the invite code filled in. */
export function joinLink(optionsPageUrl: string, hubUrl: string, code: string): string {
  return `${optionsPageUrl}?${new URLSearchParams({ hub: hubUrl, code })}`;
}

export type InviteState = 'open' | 'used up' | 'expired' | 'revoked';

export function inviteState(invite: Invite, now = Date.now()): InviteState {
  if (invite.revokedAt) return 'revoked';
  if (invite.uses >= invite.maxUses) return 'used up';
  if (Date.parse(invite.expiresAt) <= now) return 'expired';
  return 'open';
}

/** The units depth-first from the root, each with its depth (0: the CoE root). */
export function unitRows(units: BusinessUnit[]): Array<{ unit: BusinessUnit; depth: number }> {
  const rows: Array<{ unit: BusinessUnit; depth: number }> = [];
  const walk = (parentId: string | null, depth: number) => {
    for (const unit of units.filter((u) => u.parentId === parentId)) {
      if (rows.some((r) => r.unit.id === unit.id)) continue;
      rows.push({ unit, depth });
      walk(unit.id, depth + 1);
    }
  };
  walk(null, 0);
  return rows;
}
