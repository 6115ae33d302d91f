import { afterEach, describe, expect, it, vi } from 'vitest';
import { createComposerSession } from '@/lib/composer/session';
import type { Composer } from '@/lib/composer/watcher';
import type { Finding } from '@/lib/contract/findings';

const critical: Finding = {
  ruleId: 'SEC-004',
  severity: 'critical',
  category: 'securities',
  title: "Don't comment on our stock",
  start: 0,
  end: 4,
  message: 'm',
  rationale: 'r',
  fixes: [],
};

function setup(confirmBeforePosting: boolean) {
  const editor = document.createElement('div');
  editor.contentEditable = 'true';
  editor.innerHTML = '<p>BUY ACME</p>';
  const button = document.createElement('button');
  const posted = vi.fn();
  button.addEventListener('click', posted);
  document.body.append(editor, button);
  const composer: Composer = {
    definitionId: 'test',
    network: 'linkedin',
    postKind: 'post',
    editorKind: 'quill',
    editor,
    anchor: editor,
    postButton: () => button,
  };
  const requestCheck = vi.fn(async (_text: string) => ({ findings: [critical], confirmBeforePosting }));
  const session = createComposerSession(composer, { painter: null, requestCheck, muteRule: async () => true });
  return { editor, button, posted, session, requestCheck };
}

afterEach(() => document.body.replaceChildren());

describe('composer session', () => {
  it('checks the text and publishes the findings', async () => {
    const { session, requestCheck } = setup(false);
    await vi.waitFor(() => expect(session.store.getState().findings).toEqual([critical]));
    expect(requestCheck).toHaveBeenCalledWith('BUY ACME');
    session.destroy();
  });

  it('never stands in the way of posting by default', async () => {
    const { session, button, posted } = setup(false);
    await vi.waitFor(() => expect(session.store.getState().findings).toHaveLength(1));
    button.click();
    expect(posted).toHaveBeenCalledOnce();
    expect(session.store.getState().confirmingPost).toBe(false);
    session.destroy();
  });

  it('with the policy opt-in, asks once before posting with a critical finding, then lets it through', async () => {
    const { session, button, posted } = setup(true);
    await vi.waitFor(() => expect(session.store.getState().findings).toHaveLength(1));
    button.click();
    expect(posted).not.toHaveBeenCalled();
    expect(session.store.getState().confirmingPost).toBe(true);
    session.postAnyway();
    expect(posted).toHaveBeenCalledOnce();
    button.click(); // asked once per post, not on every click
    expect(posted).toHaveBeenCalledTimes(2);
    session.destroy();
  });

  it('"Review" opens the critical finding instead of posting', async () => {
    const { session, button, posted } = setup(true);
    await vi.waitFor(() => expect(session.store.getState().findings).toHaveLength(1));
    button.click();
    session.review();
    expect(posted).not.toHaveBeenCalled();
    expect(session.store.getState()).toMatchObject({ confirmingPost: false, active: { index: 0, via: 'keyboard' } });
    session.destroy();
  });

  it('rechecks when the text changes, keeping one request in flight', async () => {
    const { session, editor, requestCheck } = setup(false);
    await vi.waitFor(() => expect(requestCheck).toHaveBeenCalledTimes(1));
    (editor.querySelector('p') as HTMLElement).textContent = 'BUY ACME NOW';
    await vi.waitFor(() => expect(requestCheck).toHaveBeenLastCalledWith('BUY ACME NOW'));
    expect(requestCheck).toHaveBeenCalledTimes(2);
    session.destroy();
  });

  it('a click on an underlined word right after typing still opens its card', async () => {
    const { session, editor } = setup(false);
    await vi.waitFor(() => expect(session.store.getState().findings).toHaveLength(1));
    const paragraph = editor.querySelector('p') as HTMLElement;
    paragraph.textContent = 'BUY ACME NOW'; // typed: the session's snapshot lags until its next frame
    const selection = document.getSelection() as Selection;
    selection.collapse(paragraph.firstChild, 2); // inside "BUY"
    editor.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await vi.waitFor(() => expect(session.store.getState().active).toEqual({ index: 0, via: 'pointer' }));
    session.destroy();
  });

  it('counts Dismiss per rule for the post, and reports Not helpful on its own, never as a dismissal', async () => {
    const tone: Finding = { ...critical, ruleId: 'TONE-001', severity: 'warning', start: 4, end: 8 };
    const { editor, button, session: plain } = setup(false);
    plain.destroy(); // this test's session, with the callbacks, watches the same editor
    const onPublished = vi.fn();
    const onFeedback = vi.fn();
    const session = createComposerSession(
      {
        definitionId: 't',
        network: 'x',
        postKind: 'post',
        editorKind: 'draft',
        editor,
        anchor: editor,
        postButton: () => button,
      },
      {
        painter: null,
        requestCheck: async () => ({ findings: [critical, tone], confirmBeforePosting: false }),
        muteRule: async () => true,
        onPublished,
        onFeedback,
      },
    );
    await vi.waitFor(() => expect(session.store.getState().findings).toHaveLength(2));
    session.dismiss(0); // SEC-004
    expect(session.store.getState().findings).toEqual([tone]);
    session.notHelpful(0); // TONE-001
    expect(session.store.getState().findings).toEqual([]);
    expect(onFeedback).toHaveBeenCalledExactlyOnceWith('TONE-001');
    button.click();
    expect(onPublished).toHaveBeenCalledOnce();
    expect(onPublished.mock.calls[0]?.[0]).toEqual([
      { ruleId: 'SEC-004', severity: 'critical', shown: 1, fixed: 0, dismissed: 1 },
      { ruleId: 'TONE-001', severity: 'warning', shown: 1, fixed: 0, dismissed: 0 },
    ]);
    session.destroy();
  });

  it('refuses a fix whose text changed since the card opened, and leaves the text alone', async () => {
    const { session, editor } = setup(false);
    await vi.waitFor(() => expect(session.store.getState().findings).toHaveLength(1));
    // The finding covers "BUY "; a fix for it, computed on the text as it was.
    session.store.setState({
      findings: [{ ...critical, fixes: [{ label: 'Drop it', edits: [{ start: 0, end: 4, text: '' }] }] }],
    });
    (editor.querySelector('p') as HTMLElement).textContent = 'SELL ACME'; // the snapshot lags until its next frame
    await session.applyFix(0, 0);
    expect(session.store.getState().notice).toBe('Spoke did not apply “Drop it”: the text it was for has changed.');
    expect(editor.textContent).toBe('SELL ACME');
    session.destroy();
  });
});
