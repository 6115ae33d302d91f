import { describe, expect, it, vi } from 'vitest';
import type { Finding } from '@/lib/contract/findings';
import { MAX_CHECK_LENGTH, RefusalSchema } from '@/lib/contract/messages';
import { MessageError } from '@/lib/messaging/error';
import { type BackgroundServices, handleBackgroundMessage } from '@/lib/messaging/router';

const finding: Finding = {
  ruleId: 'demo',
  severity: 'warning',
  category: 'tone',
  title: 'Demo',
  start: 0,
  end: 4,
  message: 'A demo finding.',
  rationale: 'Because.',
  fixes: [],
};

function services(): BackgroundServices {
  return {
    id: 'spoke-id',
    version: '0.1.0',
    pageOrigin: 'chrome-extension://spoke-id/',
    enroll: vi.fn(),
    signInWithOrganisation: vi.fn(),
    consent: vi.fn(async () => undefined),
    signOut: vi.fn(async () => undefined),
    exportMyData: vi.fn(),
    deleteMe: vi.fn(async () => undefined),
    syncNow: vi.fn(async () => undefined),
    share: vi.fn(async () => undefined),
    suggestionsShown: vi.fn(async () => undefined),
    postPublished: vi.fn(async () => undefined),
    guidelineFeedback: vi.fn(async () => undefined),
    suggestionCount: vi.fn(async () => 3),
    openSidePanel: vi.fn(async () => undefined),
    composerText: vi.fn(async () => 'draft'),
    checkDraft: vi.fn(async () => ({ findings: [finding], confirmBeforePosting: false })),
    muteRule: vi.fn(async (ruleId: string) => ruleId === 'tip'),
    reachSeen: vi.fn(async () => undefined),
    coverageSeen: vi.fn(async () => undefined),
    postLinked: vi.fn(async () => undefined),
    refreshReach: vi.fn(async () => undefined),
    setLeaderboardOptIn: vi.fn(async () => undefined),
  };
}

const extensionPage = { id: 'spoke-id', url: 'chrome-extension://spoke-id/popup.html' };
const linkedinTab = { id: 'spoke-id', url: 'https://www.linkedin.com/feed/', tab: { id: 1 } as never };
const check = { type: 'check', text: 'damn', network: 'linkedin', postKind: 'post' };

describe('background message router', () => {
  it('answers a ping from Spoke itself', async () => {
    expect(await handleBackgroundMessage({ type: 'ping' }, extensionPage, services())).toEqual({
      ok: true,
      version: '0.1.0',
    });
  });

  it('refuses messages from another extension without acting on them', async () => {
    const s = services();
    expect(await handleBackgroundMessage(check, { ...linkedinTab, id: 'other' }, s)).toEqual({
      ok: false,
      code: 'foreign-sender',
      error: 'Messages are accepted from Spoke itself only.',
    });
    expect(s.checkDraft).not.toHaveBeenCalled();
  });

  it.each([
    null,
    'ping',
    { type: 'steal' },
    { type: 'ping', extra: 1 },
    { ...check, network: 'myspace' },
    { ...check, text: 'x'.repeat(MAX_CHECK_LENGTH + 1) },
    { type: 'reach-seen', network: 'x', posts: [{ postId: '../status/1', views: 3 }] },
    { type: 'reach-seen', network: 'x', posts: [{ postId: '1', views: -1 }] },
    { type: 'reach-seen', network: 'x', posts: [{ postId: '1', views: 3, text: 'Launch day!' }] },
    { type: 'reach-report', days: 14 },
    { type: 'coverage-seen', network: 'x', surface: 'Hello my draft', kind: 'editor_unrecognised', count: 1 },
    { type: 'coverage-seen', network: 'x', surface: 'unknown', kind: 'editor_unrecognised', count: 1, text: 'hi' },
    { type: 'coverage-seen', network: 'x', surface: 'unknown', kind: 'toast', count: 1, sitePack: 'builtin-3' },
    {
      type: 'coverage-seen',
      network: 'x',
      surface: 'unknown',
      kind: 'editor_unrecognised',
      count: 1,
      sitePack: 'my draft',
    },
  ])('refuses malformed message %#', async (raw) => {
    expect(await handleBackgroundMessage(raw, linkedinTab, services())).toEqual({
      ok: false,
      code: 'malformed',
      error: 'Unknown or malformed message.',
    });
  });

  it('checks a draft from a LinkedIn tab and returns the findings', async () => {
    const s = services();
    expect(await handleBackgroundMessage(check, linkedinTab, s)).toEqual({
      ok: true,
      findings: [finding],
      confirmBeforePosting: false,
    });
    // The tab goes along so that each open composer keeps its own incremental checker.
    expect(s.checkDraft).toHaveBeenCalledWith('damn', { network: 'linkedin', postKind: 'post' }, { tabId: 1 });
  });

  it.each([
    ['an extension page', extensionPage],
    ['another site', { ...linkedinTab, url: 'https://evil.example/linkedin.com' }],
    ['plain http', { ...linkedinTab, url: 'http://www.linkedin.com/feed/' }],
  ])('refuses checks from %s', async (_, sender) => {
    const s = services();
    const answer = await handleBackgroundMessage(check, sender, s);
    expect(answer).toMatchObject({ ok: false, code: 'wrong-context' });
    expect(s.checkDraft).not.toHaveBeenCalled();
  });

  it('takes privileged requests from Spoke pages only', async () => {
    const s = services();
    expect(await handleBackgroundMessage({ type: 'sign-out' }, extensionPage, s)).toEqual({ ok: true });
    expect(await handleBackgroundMessage({ type: 'sign-out' }, linkedinTab, s)).toMatchObject({ ok: false });
    expect(s.signOut).toHaveBeenCalledOnce();
    const share = { type: 'share', contentId: crypto.randomUUID(), network: 'x' };
    expect(await handleBackgroundMessage(share, linkedinTab, s)).toMatchObject({ ok: false });
    expect(s.share).not.toHaveBeenCalled();
  });

  it('turns a failure into a sentence for the page', async () => {
    const s = services();
    s.syncNow = vi.fn(async () => {
      throw new Error("Can't reach the hub.");
    });
    expect(await handleBackgroundMessage({ type: 'sync-now' }, extensionPage, s)).toEqual({
      ok: false,
      code: 'failed',
      error: "Can't reach the hub.",
    });
  });

  it('carries the fields a refusal blames to the page, and the answer parses as a refusal', async () => {
    const s = services();
    const fields = [{ field: 'inviteCode', message: 'Ask your CoE for a new link.' }];
    s.enroll = vi.fn(async () => {
      throw new MessageError('refused', 'Ask your CoE for a new link.', fields);
    });
    const enroll = { type: 'enroll', hubUrl: 'http://127.0.0.1:1', inviteCode: 'ABCDEFGH', displayName: 'A' };
    const answer = await handleBackgroundMessage(enroll, extensionPage, s);
    expect(answer).toEqual({ ok: false, code: 'refused', error: 'Ask your CoE for a new link.', fields });
    expect(RefusalSchema.safeParse(answer).success).toBe(true);
    // Without fields to blame, a refusal has none.
    s.syncNow = vi.fn(async () => {
      throw new MessageError('failed', 'No.');
    });
    expect(await handleBackgroundMessage({ type: 'sync-now' }, extensionPage, s)).toEqual({
      ok: false,
      code: 'failed',
      error: 'No.',
    });
  });

  it('downloads and erases the member for Spoke pages only', async () => {
    const s = services();
    const page = { exportedAt: '2026-12-06T12:00:00.000Z', tables: [], next: null };
    s.exportMyData = vi.fn(async () => page as never);
    expect(await handleBackgroundMessage({ type: 'export-my-data' }, extensionPage, s)).toEqual({ ok: true, page });
    // The page asks for the next page with the cursor the hub gave; anything else is not a cursor.
    const next = { type: 'export-my-data', cursor: 'eyJ0YWJsZSI6ImV2ZW50cyJ9' };
    expect(await handleBackgroundMessage(next, extensionPage, s)).toEqual({ ok: true, page });
    expect(s.exportMyData).toHaveBeenLastCalledWith('eyJ0YWJsZSI6ImV2ZW50cyJ9');
    expect(
      await handleBackgroundMessage({ type: 'export-my-data', cursor: '../other' }, extensionPage, s),
    ).toMatchObject({ code: 'malformed' });
    expect(await handleBackgroundMessage({ type: 'delete-me' }, linkedinTab, s)).toMatchObject({
      ok: false,
      code: 'wrong-context',
    });
    expect(await handleBackgroundMessage({ type: 'export-my-data' }, linkedinTab, s)).toMatchObject({ ok: false });
    expect(await handleBackgroundMessage({ type: 'delete-me', extra: 1 }, extensionPage, s)).toMatchObject({
      code: 'malformed',
    });
    expect(s.deleteMe).not.toHaveBeenCalled();
    expect(await handleBackgroundMessage({ type: 'delete-me' }, extensionPage, s)).toEqual({ ok: true });
    expect(s.deleteMe).toHaveBeenCalledOnce();
  });

  it('counts suggestions and opens the side panel for the sending tab only', async () => {
    const s = services();
    expect(await handleBackgroundMessage({ type: 'suggestion-count', network: 'x' }, linkedinTab, s)).toEqual({
      ok: true,
      count: 3,
    });
    expect(await handleBackgroundMessage({ type: 'open-side-panel' }, linkedinTab, s)).toEqual({ ok: true });
    expect(s.openSidePanel).toHaveBeenCalledWith(1);
    expect(await handleBackgroundMessage({ type: 'open-side-panel' }, extensionPage, s)).toMatchObject({ ok: false });
  });

  it('mutes only what the service accepts', async () => {
    const s = services();
    expect(await handleBackgroundMessage({ type: 'mute-rule', ruleId: 'tip' }, linkedinTab, s)).toEqual({ ok: true });
    expect(await handleBackgroundMessage({ type: 'mute-rule', ruleId: 'critical' }, linkedinTab, s)).toEqual({
      ok: false,
      code: 'refused',
      error: 'Only tips (info rules) can be muted.',
    });
  });

  it('takes own-post counts from the sites only, and reach reports for Spoke pages only', async () => {
    const s = services();
    const seen = { type: 'reach-seen', network: 'x', posts: [{ postId: '1890000000000000001', views: 1234 }] };
    expect(await handleBackgroundMessage(seen, linkedinTab, s)).toEqual({ ok: true });
    expect(s.reachSeen).toHaveBeenCalledWith(seen);
    expect((await handleBackgroundMessage(seen, extensionPage, s)).ok).toBe(false);
    const linked = { type: 'post-linked', network: 'x', postId: '77' };
    expect(await handleBackgroundMessage(linked, linkedinTab, s)).toEqual({ ok: true });
    expect(s.postLinked).toHaveBeenCalledWith(linked, 1);
    const report = { type: 'reach-report', days: 30 };
    expect((await handleBackgroundMessage(report, linkedinTab, s)).ok).toBe(false);
    expect(await handleBackgroundMessage(report, extensionPage, s)).toEqual({ ok: true });
    expect(s.refreshReach).toHaveBeenCalledTimes(1);
  });

  it('takes coverage signals from the sites only, and says they record events', async () => {
    const s = services();
    const eventsRecorded = vi.fn();
    const seen = {
      type: 'coverage-seen',
      network: 'linkedin',
      surface: 'unknown',
      kind: 'editor_unrecognised',
      count: 2,
      sitePack: 'builtin-3',
    };
    expect(await handleBackgroundMessage(seen, linkedinTab, s, { eventsRecorded })).toEqual({ ok: true });
    expect(s.coverageSeen).toHaveBeenCalledWith(seen);
    expect(eventsRecorded).toHaveBeenCalledTimes(1);
    expect((await handleBackgroundMessage(seen, extensionPage, s)).ok).toBe(false);
    expect(s.coverageSeen).toHaveBeenCalledTimes(1);
  });

  it('says when a message recorded events, and only when it succeeded', async () => {
    const s = services();
    const eventsRecorded = vi.fn();
    const feedback = { type: 'guideline-feedback', network: 'x', ruleId: 'tip' };
    await handleBackgroundMessage(check, linkedinTab, s, { eventsRecorded });
    expect(eventsRecorded).not.toHaveBeenCalled();
    await handleBackgroundMessage(feedback, extensionPage, s, { eventsRecorded });
    expect(eventsRecorded).not.toHaveBeenCalled();
    await handleBackgroundMessage(feedback, linkedinTab, s, { eventsRecorded });
    expect(eventsRecorded).toHaveBeenCalledOnce();
  });

  it.each(['https://linkedin.com/feed/', 'https://mobile.twitter.com/home'])(
    'trusts no host off the list: %s',
    async (url) => {
      const s = services();
      expect(await handleBackgroundMessage(check, { ...linkedinTab, url }, s)).toMatchObject({ code: 'wrong-context' });
    },
  );
});
