import type { Network, PostKind } from '@/lib/contract/common';
import type { Me, MeExportPage } from '@/lib/contract/hub-member';
import type {
  CheckResponse,
  CoverageSeenRequest,
  PostLinkedRequest,
  PostPublishedRequest,
  ReachPeriod,
  ReachSeenRequest,
} from '@/lib/contract/messages';

/** What the message handlers need from the rest of the background; injected so tests can run them without a browser. */
export interface BackgroundServices {
  readonly id: string;
  readonly version: string;
  /** `runtime.getURL('/')`: the origin of Spoke's own pages (chrome-extension://<id>/, moz-extension://<uuid>/). */
  readonly pageOrigin: string;
  checkDraft(
    text: string,
    context: { network: Network; postKind: PostKind },
    from?: { tabId?: number },
  ): Promise<Omit<CheckResponse, 'ok'>>;
  /** Mutes an info rule for good; false when the rule is unknown or not an info rule. */
  muteRule(ruleId: string): Promise<boolean>;
  enroll(request: { hubUrl: string; inviteCode: string; displayName: string }): Promise<Me>;
  /** Signs in through the organisation's identity provider (a window of the browser's identity API). */
  signInWithOrganisation(request: { hubUrl: string; organisation: string }): Promise<Me>;
  consent(leaderboardOptIn: boolean): Promise<void>;
  signOut(): Promise<void>;
  /** A page of everything the hub holds about the member (`GET /v1/me/export`): the first, or the one at `cursor`. */
  exportMyData(cursor?: string): Promise<MeExportPage>;
  /** Erases the member at the hub, then forgets everything on this device; refuses (and keeps all) offline. */
  deleteMe(): Promise<void>;
  syncNow(): Promise<void>;
  /** `senderTabId`: the tab of the Spoke page asking, when it is open as a tab (never the target). */
  share(contentId: string, network: Network, senderTabId: number | undefined): Promise<void>;
  suggestionsShown(network: Network, count: number): Promise<void>;
  postPublished(request: PostPublishedRequest, tabId: number | undefined): Promise<void>;
  guidelineFeedback(network: Network, ruleId: string): Promise<void>;
  /** Approved posts the member may share on the network now (0 when not enrolled). */
  suggestionCount(network: Network): Promise<number>;
  openSidePanel(tabId: number): Promise<void>;
  /** What the current tab's post composer holds ('' when none), for ranking suggestions; never stored. */
  composerText(senderTabId: number | undefined): Promise<string>;
  /** Own posts a page shows with their counts: throttled into reach snapshots (after consent only). */
  reachSeen(request: ReachSeenRequest): Promise<void>;
  /** A page's coverage signal (counts only): a `coverage` event, after consent only. */
  coverageSeen(request: CoverageSeenRequest): Promise<void>;
  /** The site showed the id of the post just published in this tab. */
  postLinked(request: PostLinkedRequest, tabId: number | undefined): Promise<void>;
  /** Fetches the member's reach for the period into the extension database. */
  refreshReach(days: ReachPeriod): Promise<void>;
  /** Shows or hides the member's name on the leaderboard, at the hub first. */
  setLeaderboardOptIn(optIn: boolean): Promise<void>;
}
