import type { ManagedSettings } from '@/lib/settings/managed-schema';
import { normaliseHubUrl } from './enrol-fields';

// How the organisation's managed settings (lib/settings/managed-schema.ts) shape joining: a pinned hub is the only
// one Spoke connects to, whatever a join link or the connect form names; an unpinned one is only filled in.

/** The hub the organisation pinned, or null when the member may connect to any hub. */
export function pinnedHub(managed: ManagedSettings): string | null {
  return managed.pinHub === true && managed.hubUrl !== undefined ? managed.hubUrl : null;
}

/** Whether Spoke may connect to (or stay connected to) `hubUrl` under the organisation's settings. */
export function hubAllowed(hubUrl: string, managed: ManagedSettings): boolean {
  const pinned = pinnedHub(managed);
  return pinned === null || normaliseHubUrl(hubUrl) === pinned;
}

/** Why a hub other than the pinned one is refused, naming the one allowed. */
export function pinnedHubMessage(pinned: string): string {
  return `Your organisation lets Spoke connect only to its own hub, ${pinned}.`;
}

/** What the connect form starts with, from a join link (options.html?hub=…&code=…) and the managed settings. */
export interface ConnectStart {
  hub: string;
  code: string;
  /** The organisation pinned the hub: the form shows it and offers no other. */
  hubPinned: boolean;
  /** A join link named another hub than the pinned one: refused, in words, and its code left out. */
  refusal?: string;
}

export function connectStart(link: { hub: string; code: string }, managed: ManagedSettings): ConnectStart {
  const pinned = pinnedHub(managed);
  if (pinned === null) return { hub: link.hub || (managed.hubUrl ?? ''), code: link.code, hubPinned: false };
  if (link.hub && normaliseHubUrl(link.hub) !== pinned) {
    return {
      hub: pinned,
      code: '', // an invite code belongs to the hub that issued it: no use on the pinned one
      hubPinned: true,
      refusal:
        `This join link is for another hub (${link.hub.trim()}). ${pinnedHubMessage(pinned)} ` +
        `Ask your CoE for a join link to ${pinned}.`,
    };
  }
  return { hub: pinned, code: link.code, hubPinned: true };
}
