// x.com fixture app: real Draft.js editors under React 18, shaped like X's composers (docs/sites.md §2).
// The bundler aliases `react` and `react-dom` to this workspace's React 18: Draft.js calls findDOMNode, which
// React 19 removed.
import { ContentState, Editor, EditorState } from 'draft-js';
import draftCss from 'draft-js/dist/Draft.css?inline';
import { useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { registerComposer, unregisterComposer } from '../shared/fixture-api';
import { el, NEW_POST_VIEWS, nextPostId, showToast } from '../shared/published';

/**
 * After Post: the new post on top of the timeline (the member's own, with its view count) and X's "Your post was
 * sent. View" toast in #layers [likely: the toast test id; the View link is the post's permalink].
 */
function publish(text: string): void {
  const id = nextPostId('1899000000000000000');
  const handle = 'janedoe';
  const timeline = document.querySelector('[aria-label^="Timeline:"]');
  timeline?.prepend(
    el(
      'div',
      { 'data-testid': 'cellInnerDiv' },
      el(
        'article',
        { 'data-testid': 'tweet', role: 'article', tabindex: '0' },
        el(
          'div',
          { 'data-testid': 'User-Name' },
          el('a', { href: `/${handle}`, role: 'link' }, el('span', {}, el('b', {}, 'Jane Doe'))),
          el(
            'a',
            { href: `/${handle}/status/${id}`, role: 'link' },
            el('time', { datetime: new Date().toISOString() }, 'now'),
          ),
        ),
        el('div', { 'data-testid': 'tweetText', lang: 'en', dir: 'auto' }, el('span', {}, text)),
        el(
          'div',
          { role: 'group', 'aria-label': `${NEW_POST_VIEWS} views` },
          el('div', {}, el('a', { href: `/${handle}/status/${id}/analytics`, role: 'link' }, `📊 ${NEW_POST_VIEWS}`)),
        ),
      ),
    ),
  );
  const layers = document.getElementById('layers');
  if (layers) {
    showToast(
      layers,
      el(
        'div',
        { 'data-testid': 'toast', role: 'alert', class: 'toast' },
        el('span', {}, 'Your post was sent.'),
        ' ',
        el('a', { href: `/${handle}/status/${id}`, role: 'link' }, 'View'),
      ),
    );
  }
}

interface ComposerProps {
  /** Fixture id for window.spokeFixture. */
  fixtureId: string;
  placeholder: string;
  buttonTestId: 'tweetButtonInline' | 'tweetButton';
  buttonLabel: string;
  /** aria-controls of the typeahead; X numbers the composers on a page. */
  typeaheadIndex: number;
  autoFocus?: boolean;
}

function DraftComposer({
  fixtureId,
  placeholder,
  buttonTestId,
  buttonLabel,
  typeaheadIndex,
  autoFocus,
}: ComposerProps) {
  const [editorState, setEditorState] = useState(() => EditorState.createEmpty());
  const latest = useRef(editorState);
  latest.current = editorState;
  const editorRef = useRef<Editor>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const hasText = editorState.getCurrentContent().hasText();

  useLayoutEffect(() => {
    const root = buttonRef.current?.closest('.composer');
    const editor = root?.querySelector<HTMLElement>('[contenteditable="true"]');
    if (!editor) throw new Error('fixture: Draft editor did not render');
    registerComposer(fixtureId, {
      editor,
      model: () => latest.current.getCurrentContent().getPlainText('\n'),
      postEnabled: () => buttonRef.current?.disabled === false,
    });
    if (autoFocus) editorRef.current?.focus();
    return () => unregisterComposer(fixtureId);
  }, [fixtureId, autoFocus]);

  const post = () => {
    // Replies stay on the post page; a new post also lands in the timeline, with X's toast.
    if (buttonLabel === 'Post') publish(editorState.getCurrentContent().getPlainText('\n'));
    setEditorState(EditorState.push(editorState, ContentState.createFromText(''), 'remove-range'));
  };

  return (
    <div className="composer">
      <div className="avatar" />
      <div className="composer__body">
        <div data-testid="tweetTextarea_0RichTextInputContainer">
          {/* biome-ignore lint/a11y/noLabelWithoutControl: X's own markup, reproduced as it is */}
          <label data-testid="tweetTextarea_0_label">
            <Editor
              ref={editorRef}
              editorState={editorState}
              onChange={setEditorState}
              placeholder={placeholder}
              ariaLabel="Post text"
              ariaMultiline
              ariaAutoComplete="list"
              ariaControls={`typeaheadDropdownWrapped-${typeaheadIndex}`}
              webDriverTestID="tweetTextarea_0"
              spellCheck
              stripPastedStyles
            />
          </label>
        </div>
        <div className="composer__toolbar">
          <div data-testid="toolBar" role="tablist">
            <button type="button" aria-label="Add photos or video">
              🖼
            </button>
            <button type="button" data-testid="gifSearchButton" aria-label="Add a GIF">
              GIF
            </button>
            <button type="button" aria-label="Add emoji">
              ☺
            </button>
          </div>
          <button
            ref={buttonRef}
            type="button"
            className="post-button"
            data-testid={buttonTestId}
            disabled={!hasText}
            aria-disabled={!hasText}
            onClick={post}
          >
            <span>{buttonLabel}</span>
          </button>
        </div>
      </div>
    </div>
  );
}

function ComposeModal({ onClose }: { onClose(): void }) {
  const layers = document.getElementById('layers');
  if (!layers) return null;
  return createPortal(
    <div className="modal-mask">
      <div role="dialog" aria-modal="true" aria-labelledby="modal-header">
        <h2 id="modal-header" style={{ position: 'absolute', clip: 'rect(1px,1px,1px,1px)' }}>
          Compose post
        </h2>
        <button type="button" className="modal-close" data-testid="app-bar-close" aria-label="Close" onClick={onClose}>
          ✕
        </button>
        <DraftComposer
          fixtureId="modal"
          placeholder="What is happening?!"
          buttonTestId="tweetButton"
          buttonLabel="Post"
          typeaheadIndex={1}
          autoFocus
        />
      </div>
    </div>,
    layers,
  );
}

const COMPOSE_PATH = '/compose/post';

/** Home timeline: the inline composer, and the compose modal at /compose/post (SPA navigation, as on X). */
function Home() {
  const [modalOpen, setModalOpen] = useState(location.pathname === COMPOSE_PATH);
  useLayoutEffect(() => {
    const openButton = document.querySelector<HTMLAnchorElement>('[data-testid="SideNav_NewTweet_Button"]');
    const open = (event: MouseEvent) => {
      event.preventDefault();
      history.pushState(null, '', COMPOSE_PATH);
      setModalOpen(true);
    };
    const onPopState = () => setModalOpen(location.pathname === COMPOSE_PATH);
    openButton?.addEventListener('click', open);
    window.addEventListener('popstate', onPopState);
    return () => {
      openButton?.removeEventListener('click', open);
      window.removeEventListener('popstate', onPopState);
    };
  }, []);
  const close = () => {
    history.pushState(null, '', '/home');
    setModalOpen(false);
  };
  return (
    <>
      <DraftComposer
        fixtureId="inline"
        placeholder="What is happening?!"
        buttonTestId="tweetButtonInline"
        buttonLabel="Post"
        typeaheadIndex={0}
      />
      {modalOpen && <ComposeModal onClose={close} />}
    </>
  );
}

/** Post page: the reply box shows a placeholder until clicked, then mounts the real editor. */
function ReplyBox() {
  const [active, setActive] = useState(false);
  if (active) {
    return (
      <DraftComposer
        fixtureId="reply"
        placeholder="Post your reply"
        buttonTestId="tweetButtonInline"
        buttonLabel="Reply"
        typeaheadIndex={0}
        autoFocus
      />
    );
  }
  return (
    <div className="composer">
      <div className="avatar" />
      <div className="composer__body">
        {/* biome-ignore lint/a11y/useSemanticElements: X's placeholder is a div with role=button */}
        <div
          className="reply-placeholder"
          data-testid="reply-placeholder"
          role="button"
          tabIndex={0}
          onClick={() => setActive(true)}
          onKeyDown={(event) => event.key === 'Enter' && setActive(true)}
        >
          Post your reply
        </div>
      </div>
    </div>
  );
}

const style = document.createElement('style');
style.textContent = draftCss;
document.head.append(style);

const inline = document.getElementById('inline-composer');
if (inline) createRoot(inline).render(<Home />);
const reply = document.getElementById('reply-composer');
if (reply) createRoot(reply).render(<ReplyBox />);
