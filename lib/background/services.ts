import { browser } from 'wxt/browser';
import { currentWebTab, networkOfUrl } from '@/lib/browser/web-tab';
import type { Network } from '@/lib/contract/common';
import { PolicyJsonSchema } from '@/lib/contract/hub-policy';
import type { PostPublishedRequest } from '@/lib/contract/messages';
import { trackedDestination } from '@/lib/contract/utm';
import { db } from '@/lib/db';
import { PolicyPackSchema, validateMemberPack } from '@/lib/guidelines';
import type { BackgroundServices } from '@/lib/messaging/background-services';
import { MessageError } from '@/lib/messaging/error';
import { sendToTab } from '@/lib/messaging/tab';
import type { GuidelineService } from '@/lib/policy/guideline-service';
import { readManagedSettings } from '@/lib/settings/managed';
import { primaryHost } from '@/lib/sites/hosts';
import { checkEnrolment, ENROL_MESSAGES, enrolFailure } from '@/lib/sync/enrol-fields';
import { HubError } from '@/lib/sync/hub-client';
import { hubAllowed, pinnedHub, pinnedHubMessage } from '@/lib/sync/join-link';
import { recordEvent } from '@/lib/sync/outbox';
import { checkSsoSignIn, SSO_MESSAGES, SsoSignInError, signInWithIdp } from '@/lib/sync/sso';
import { clientFor, enroll, eraseMe, exportPage, giveConsent, signOut, syncNow } from '@/lib/sync/sync';
import { createReachService } from './reach';
import { composeShareText } from './share-text';
import { rememberShare, takeShare } from './shared-in-tab';

/**
 * Where a network's composer opens by URL: when no tab of the network is active (X fills its intent page itself),
 * and in a LinkedIn tab whose composer has no launcher to click (`?shareActive=true` works in every language). A
 * LinkedIn feed URL the tab is on (`from`) keeps its parameters.
 */
function composerUrl(network: Network, text?: string, from?: string): string {
  const host = primaryHost(network);
  if (network === 'x') return `https://${host}/intent/post?text=${encodeURIComponent(text ?? '')}`;
  const feed = from && new URL(from).pathname === '/feed/' ? new URL(from) : new URL(`https://${host}/feed/`);
  feed.searchParams.set('shareActive', 'true');
  return text === undefined ? feed.href : `${feed.href}&text=${encodeURIComponent(text)}`;
}

/** Asks a tab that is navigating to insert `text` until its new page's composer takes it (10 s at most). */
async function insertAfterNavigation(tabId: number, text: string, network: Network): Promise<boolean> {
  for (const end = Date.now() + 10_000; Date.now() < end; ) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const answer = await sendToTab(tabId, { type: 'insert-share', text, network }).catch(() => null);
    if (answer?.inserted) return true;
    if (answer?.reason === 'not-accepted') return false;
  }
  return false;
}

/**
 * Applies the stored policy. A freshly pulled one is verified in full first (schema, rule sources' addresses,
 * patterns and dictionary references compile: the hub does the same, this is defence in depth) and dropped if
 * broken; the stored one, verified when it arrived, is only parsed at start, so a waking worker answers checks at
 * once. A member's pack carries no rule examples to run (`packForMember`).
 */
export async function loadSyncedPolicy(guidelines: GuidelineService, fresh = false): Promise<void> {
  const row = await db.policy.get('current');
  if (!row) return;
  if (fresh) {
    const checked = PolicyJsonSchema.safeParse(row.pack).success ? validateMemberPack(row.pack) : null;
    if (checked?.ok) guidelines.applyPolicy(checked.pack);
    else await dropBrokenPolicy(); // the previous policy stays in memory
    return;
  }
  const parsed = PolicyJsonSchema.safeParse(row.pack).success ? PolicyPackSchema.safeParse(row.pack) : null;
  if (parsed?.success) guidelines.applyPolicy(parsed.data);
}

/** Forgets a pulled policy that failed verification, and its ETag, so the next sync fetches it again. */
async function dropBrokenPolicy(): Promise<void> {
  await db.transaction('rw', db.policy, db.settings, async () => {
    await db.policy.delete('current');
    const sync = await db.getSetting('sync');
    if (sync) await db.setSetting('sync', { ...sync, policyEtag: undefined });
  });
}

/** Why a download or an erasure of the member's data failed, and what to do, in words (never the hub's). */
function accountFailure(error: unknown, what: string): string {
  if (error instanceof HubError && error.transient) {
    return `${what}: the hub can't be reached right now. Try again when you are online and the hub is back.`;
  }
  if (error instanceof HubError && error.status === 401) {
    return `${what}: the hub no longer knows this browser. Ask your CoE to do it for you.`;
  }
  return `${what}: the hub refused. Try again later; if it keeps failing, ask your CoE.`;
}

/** The background's services over the extension database, the sync layer and the guideline service. */
export function createBackgroundServices(
  guidelines: GuidelineService,
  onSynced: (result: Awaited<ReturnType<typeof syncNow>>) => void,
): BackgroundServices {
  const reach = createReachService(db);
  const sync = async () => {
    const result = await syncNow(db);
    if (result.policy) await loadSyncedPolicy(guidelines, true);
    onSynced(result);
  };
  return {
    id: browser.runtime.id,
    version: browser.runtime.getManifest().version,
    pageOrigin: browser.runtime.getURL('/'),
    checkDraft: guidelines.checkDraft,
    muteRule: guidelines.muteRule,
    async enroll(request) {
      // The page checks the fields too; a request that skipped it gets the same sentences.
      const problems = checkEnrolment(request);
      if (problems.length > 0) {
        const message = problems.length === 1 ? (problems[0]?.message ?? '') : 'Correct the fields marked below.';
        throw new MessageError('refused', message, problems);
      }
      // The organisation's settings hold here too, whatever the page showed: a page is not the only way to ask.
      const managed = await readManagedSettings();
      if (managed.signInMode === 'sso') throw new MessageError('refused', ENROL_MESSAGES.organisationSignIn);
      const pinned = pinnedHub(managed);
      if (pinned !== null && !hubAllowed(request.hubUrl, managed)) {
        const message = pinnedHubMessage(pinned);
        throw new MessageError('refused', message, [{ field: 'hubUrl', message }]);
      }
      let me: Awaited<ReturnType<typeof enroll>>;
      try {
        me = await enroll(db, {
          ...request,
          deviceLabel: navigator.userAgent.includes('Firefox') ? 'Firefox' : 'Chrome',
        });
      } catch (error) {
        // Never the hub's own sentence: the form gets words tied to its fields (lib/sync/enrol-fields.ts).
        const failure = error instanceof HubError ? enrolFailure(error, request) : null;
        throw new MessageError('refused', failure?.message ?? ENROL_MESSAGES.generic, failure?.fields ?? []);
      }
      await sync().catch(() => undefined); // the library shows up at once when the hub is reachable
      return me;
    },
    async signInWithOrganisation(request) {
      const problems = checkSsoSignIn(request);
      if (problems.length > 0) {
        const message = problems.length === 1 ? (problems[0]?.message ?? '') : 'Correct the fields marked below.';
        throw new MessageError('refused', message, problems);
      }
      // The organisation's settings hold here too, as for an invite.
      const managed = await readManagedSettings();
      if (managed.signInMode === 'invite') throw new MessageError('refused', SSO_MESSAGES.invitesOnly);
      const pinned = pinnedHub(managed);
      if (pinned !== null && !hubAllowed(request.hubUrl, managed)) {
        const message = pinnedHubMessage(pinned);
        throw new MessageError('refused', message, [{ field: 'hubUrl', message }]);
      }
      let me: Awaited<ReturnType<typeof signInWithIdp>>;
      try {
        me = await signInWithIdp(db, request, {
          redirectUri: browser.identity.getRedirectURL('sso'),
          async launch(url) {
            const redirect = await browser.identity.launchWebAuthFlow({ url, interactive: true });
            if (!redirect) throw new Error('The sign-in window closed without an answer.');
            return redirect;
          },
          deviceLabel: navigator.userAgent.includes('Firefox') ? 'Firefox' : 'Chrome',
        });
      } catch (error) {
        if (!(error instanceof SsoSignInError)) throw error;
        throw new MessageError(
          'refused',
          error.message,
          error.field ? [{ field: error.field, message: error.message }] : [],
        );
      }
      await sync().catch(() => undefined);
      return me;
    },
    async consent(leaderboardOptIn) {
      await giveConsent(db, leaderboardOptIn);
      const client = await clientFor(db);
      if (leaderboardOptIn) await client?.updateMe({ leaderboardOptIn }).catch(() => undefined);
    },
    async setLeaderboardOptIn(optIn) {
      const consent = await db.getSetting('consent');
      const client = await clientFor(db);
      if (!consent || !client) throw new Error('Connect Spoke and agree to what it records first.');
      await client.updateMe({ leaderboardOptIn: optIn }); // the hub decides who is listed: it must know first
      await db.setSetting('consent', { ...consent, leaderboardOptIn: optIn });
      const cached = await db.getSetting('reach');
      if (cached) await reach.refresh(cached.days).catch(() => undefined);
    },
    async signOut() {
      await signOut(db);
      guidelines.reset();
    },
    async exportMyData(cursor) {
      const client = await clientFor(db);
      if (!client)
        throw new MessageError('refused', 'This browser is not connected to a hub: there is nothing to download.');
      try {
        return await exportPage(client, cursor);
      } catch (error) {
        throw new MessageError('failed', accountFailure(error, 'Your data could not be downloaded'));
      }
    },
    async deleteMe() {
      try {
        await eraseMe(db);
      } catch (error) {
        throw new MessageError('failed', accountFailure(error, 'Nothing was erased'));
      }
      guidelines.reset();
    },
    syncNow: sync,
    async share(contentId, network, senderTabId) {
      const item = await db.library.get(contentId);
      if (!item) throw new Error('This post is no longer in your library. Sync and try again.');
      const variant = item.variants[network];
      if (!variant) throw new Error(`This post has no ${network === 'x' ? 'X' : 'LinkedIn'} version.`);
      let link: { url: string; code?: string } | null = null;
      if (item.url) {
        const client = await clientFor(db);
        try {
          const created = await client?.createLink({ contentId, network });
          link = created
            ? { url: created.url, code: created.code }
            : { url: trackedDestination(item.url, network, contentId) };
        } catch (error) {
          if (!(error instanceof HubError) || !error.transient) throw error;
          link = { url: trackedDestination(item.url, network, contentId) }; // offline: the hub's destination itself
        }
      }
      const text = composeShareText(variant.text, link?.url ?? null, item.hashtags);
      await recordEvent(db, { type: 'share_started', network, contentId, props: { via: 'sidepanel' } });
      await db.shares.add({ contentId, network, at: Date.now(), url: link?.url ?? '', linkCode: link?.code });

      const tab = await currentWebTab(senderTabId);
      if (tab?.id !== undefined && networkOfUrl(tab.url) === network) {
        await rememberShare(tab.id, { contentId, linkCode: link?.code });
        const answer = await sendToTab(tab.id, { type: 'insert-share', text, network }).catch(() => null);
        if (answer?.inserted) return;
        if (answer?.reason === 'not-accepted') {
          // Never a second composer with the same text: say what happened and let the member paste it.
          throw new Error('The composer did not take the text. Click into it and try again, or paste the post.');
        }
        if (network === 'linkedin' && answer?.reason === 'no-composer') {
          // No launcher with a structural hook (the new stack): open the composer in this tab by URL, then insert.
          await browser.tabs.update(tab.id, { url: composerUrl(network, undefined, tab.url) });
          if (await insertAfterNavigation(tab.id, text, network)) return;
          throw new Error('LinkedIn did not open its composer with the text. Start a post and paste it.');
        }
      }
      const opened = await browser.tabs.create({ url: composerUrl(network, text) });
      if (opened.id !== undefined) await rememberShare(opened.id, { contentId, linkCode: link?.code });
    },
    async suggestionCount(network) {
      if (!(await db.getSetting('enrolment'))) return 0;
      const now = Date.now();
      return db.library
        .filter(
          (item) =>
            !!item.variants[network] &&
            (!item.startsAt || Date.parse(item.startsAt) <= now) &&
            (!item.expiresAt || Date.parse(item.expiresAt) > now),
        )
        .count();
    },
    async composerText(senderTabId) {
      const tab = await currentWebTab(senderTabId);
      if (tab?.id === undefined || !networkOfUrl(tab.url)) return '';
      const answer = await sendToTab(tab.id, { type: 'read-composer' }).catch(() => null);
      return answer?.text ?? '';
    },
    async coverageSeen({ network, surface, kind, count, sitePack }) {
      await recordEvent(db, { type: 'coverage', network, props: { kind, surface, count, sitePack } });
    },
    reachSeen: reach.seen,
    postLinked: reach.linked,
    refreshReach: reach.refresh,
    async openSidePanel(tabId) {
      // Chrome: sidePanel.open must run within the click's user gesture, which the message carries; no await before.
      if (browser.sidePanel) await browser.sidePanel.open({ tabId });
      else await (browser as unknown as { sidebarAction?: { open(): Promise<void> } }).sidebarAction?.open();
    },
    async guidelineFeedback(network, ruleId) {
      await recordEvent(db, { type: 'guideline_feedback', network, props: { ruleId, verdict: 'not_helpful' } });
    },
    async suggestionsShown(network, count) {
      await recordEvent(db, { type: 'suggestion_shown', network, props: { count } });
    },
    async postPublished(request: PostPublishedRequest, tabId) {
      const shared = tabId === undefined ? undefined : await takeShare(tabId);
      if (tabId !== undefined && shared) reach.published(tabId, shared);
      if (shared) {
        // Kept on the share itself: the side panel marks the item shared after its event has left the outbox.
        const last = await db.shares
          .where('contentId')
          .equals(shared.contentId)
          .filter((row) => row.network === request.network)
          .last();
        if (last?.id !== undefined) await db.shares.update(last.id, { publishedAt: Date.now() });
      }
      await recordEvent(db, {
        type: 'post_published',
        network: request.network,
        contentId: shared?.contentId,
        props: { postKind: request.postKind, linkCode: shared?.linkCode },
      });
      for (const rule of request.rules) {
        if (rule.shown > 0) {
          await recordEvent(db, {
            type: 'rule_triggered',
            network: request.network,
            props: {
              ruleId: rule.ruleId,
              severity: rule.severity,
              count: rule.shown,
              // Counts only: how many of this post's findings of the rule the member dismissed.
              ...(rule.dismissed > 0 ? { dismissed: Math.min(rule.dismissed, rule.shown) } : {}),
            },
          });
        }
        for (let i = 0; i < rule.fixed; i++) {
          await recordEvent(db, { type: 'fix_applied', network: request.network, props: { ruleId: rule.ruleId } });
        }
      }
    },
  };
}
