import type {
  BusinessUnit,
  CreateInviteRequest,
  Invite,
  Member,
  UpdateBusinessUnitRequest,
} from '@/lib/contract/hub-admin';
import type { Role } from '@/lib/contract/hub-common';

/**
 * The link a CoE sends: the extension's own settings page with the hub filled in, and the invite code or, for single
 * sign-on, the organisation's name on the hub (what the settings page reads: `code`, `org`).
 */
export function joinLink(optionsPageUrl: string, hubUrl: string, join: { code: string } | { org: string }): string {
  return `${optionsPageUrl}?${new URLSearchParams({ hub: hubUrl, ...join })}`;
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

/** Where a unit may move: every unit outside its own subtree, in tree order with depths. */
export function placesFor(units: BusinessUnit[], unitId: string): Array<{ unit: BusinessUnit; depth: number }> {
  const rows = unitRows(units);
  const inside = new Set([unitId]);
  for (const { unit } of rows) if (unit.parentId && inside.has(unit.parentId)) inside.add(unit.id);
  return rows.filter(({ unit }) => !inside.has(unit.id));
}

/** What a rename-or-move form sends: the name, and the new parent only when it changed (the root never moves). */
export function unitUpdate(
  unit: Pick<BusinessUnit, 'parentId'>,
  edit: { name: string; parentId: string | null },
): UpdateBusinessUnitRequest {
  const moved = edit.parentId !== null && edit.parentId !== unit.parentId;
  return { name: edit.name, ...(moved && edit.parentId ? { parentId: edit.parentId } : {}) };
}

/** A unit's name indented by its depth, for the options of a unit picker. */
export function indented(name: string, depth: number): string {
  return `${'\u00a0\u00a0'.repeat(depth)}${name}`;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Active members of one unit (deactivated ones no longer count). */
export function activeMemberCount(members: Member[], unitId: string): number {
  return members.filter((m) => m.businessUnitId === unitId && m.status === 'active').length;
}

/** Members whose display name contains the search text, any case. */
export function membersMatching(members: Member[], search: string): Member[] {
  const needle = search.trim().toLowerCase();
  return members.filter((m) => m.displayName.toLowerCase().includes(needle));
}

/** What the invite form sends: the chosen unit (the CoE root if none), and the expiry in whole hours (at least 1). */
export function inviteRequest(
  form: { unitId: string; role: Role; maxUses: number; days: number },
  units: BusinessUnit[],
): (CreateInviteRequest & { businessUnitId: string }) | undefined {
  const businessUnitId = form.unitId || units.find((u) => u.parentId === null)?.id;
  if (!businessUnitId) return undefined;
  return {
    businessUnitId,
    role: form.role,
    maxUses: form.maxUses,
    expiresInHours: Math.max(1, Math.round(form.days * 24)),
  };
}
