// x.com fixture app: real Draft.js editors under React 18, shaped like X's composers (docs/sites.md §2): the home
// inline composer, the compose modal with thread parts, the reply and quote modals, the post page's reply box, and
// the narrow-window composer, a React-controlled <textarea>. UI strings follow `?lang=` (./strings.ts).
// The bundler aliases `react` and `react-dom` to this workspace's React 18: Draft.js calls findDOMNode, which
// React 19 removed.
import { ContentState, Editor, EditorState } from 'draft-js';
import draftCss from 'draft-js/dist/Draft.css?inline';
import { type ReactNode, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { registerComposer, unregisterComposer } from '../shared/fixture-api';
import { el, NEW_POST_VIEWS, nextPostId, showToast } from '../shared/published';
import { fixtureStrings } from './strings';

const strings = fixtureStrings();

/** X's mobile-web layout, where the composer is a plain <textarea> [likely: public extension code, 2026]. */
const NARROW = window.matchMedia('(max-width: 640px)').matches;

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
        el('span', {}, strings.postSent),
        ' ',
        el('a', { href: `/${handle}/status/${id}`, role: 'link' }, strings.view),
      ),
    );
  }
}

const plainText = (state: EditorState) => state.getCurrentContent().getPlainText('\n');
const hasText = (state: EditorState) => state.getCurrentContent().hasText();
const emptied = (state: EditorState) => EditorState.push(state, ContentState.createFromText(''), 'remove-range');

interface DraftPartProps {
  /** The thread part: X numbers the test ids tweetTextarea_0, _1, … */
  part: number;
  /** Fixture id for window.spokeFixture. */
  fixtureId: string;
  placeholder: string;
  state: EditorState;
  onChange(state: EditorState): void;
  /** aria-controls of the typeahead; X numbers the composers on a page. */
  typeaheadIndex: number;
  autoFocus?: boolean;
  /** Whether the button that posts this part is enabled. */
  postEnabled(): boolean;
}

/** One Draft.js editor as X renders it: its rich-text container, label and test id on the contenteditable. */
function DraftPart({
  part,
  fixtureId,
  placeholder,
  state,
  onChange,
  typeaheadIndex,
  autoFocus,
  postEnabled,
}: DraftPartProps) {
  const latest = useRef(state);
  latest.current = state;
  const containerRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Editor>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: registered once per mount; postEnabled reads refs
  useLayoutEffect(() => {
    const editor = containerRef.current?.querySelector<HTMLElement>('[contenteditable="true"]');
    if (!editor) throw new Error('fixture: Draft editor did not render');
    registerComposer(fixtureId, { editor, model: () => plainText(latest.current), postEnabled });
    if (autoFocus) editorRef.current?.focus();
    return () => unregisterComposer(fixtureId);
  }, [fixtureId, autoFocus]);

  return (
    <div ref={containerRef} data-testid={`tweetTextarea_${part}RichTextInputContainer`}>
      {/* biome-ignore lint/a11y/noLabelWithoutControl: X's own markup, reproduced as it is */}
      <label data-testid={`tweetTextarea_${part}_label`}>
        <Editor
          ref={editorRef}
          editorState={state}
          onChange={onChange}
          placeholder={placeholder}
          ariaLabel={strings.postText}
          ariaMultiline
          ariaAutoComplete="list"
          ariaControls={`typeaheadDropdownWrapped-${typeaheadIndex}`}
          webDriverTestID={`tweetTextarea_${part}`}
          spellCheck
          stripPastedStyles
        />
      </label>
    </div>
  );
}

function ToolBar({ children }: { children?: ReactNode }) {
  return (
    <div data-testid="toolBar" role="tablist">
      <button type="button" aria-label={strings.addMedia}>
        🖼
      </button>
      <button type="button" data-testid="gifSearchButton" aria-label={strings.addGif}>
        GIF
      </button>
      <button type="button" aria-label={strings.addEmoji}>
        ☺
      </button>
      {children}
    </div>
  );
}

/** The home timeline's composer and the post page's reply box: one editor and its tweetButtonInline. */
function InlineComposer({
  fixtureId,
  kind,
  autoFocus,
}: {
  fixtureId: string;
  kind: 'post' | 'reply';
  autoFocus?: boolean;
}) {
  const [state, setState] = useState(() => EditorState.createEmpty());
  const buttonRef = useRef<HTMLButtonElement>(null);
  const enabled = hasText(state);
  const post = () => {
    // Replies stay on the post page; a new post also lands in the timeline, with X's toast.
    if (kind === 'post') publish(plainText(state));
    setState(emptied(state));
  };
  return (
    <div className="composer">
      <div className="avatar" />
      <div className="composer__body">
        <DraftPart
          part={0}
          fixtureId={fixtureId}
          placeholder={kind === 'post' ? strings.placeholder : strings.replyPlaceholder}
          state={state}
          onChange={setState}
          typeaheadIndex={0}
          autoFocus={autoFocus}
          postEnabled={() => buttonRef.current?.disabled === false}
        />
        <div className="composer__toolbar">
          <ToolBar />
          <button
            ref={buttonRef}
            type="button"
            className="post-button"
            data-testid="tweetButtonInline"
            disabled={!enabled}
            aria-disabled={!enabled}
            onClick={post}
          >
            <span>{kind === 'post' ? strings.post : strings.reply}</span>
          </button>
        </div>
      </div>
    </div>
  );
}

/** The timeline's first post, as the reply modal shows it above the editor and the quote modal below it. */
function AnsweredPost() {
  return (
    // The condensed post in the reply modal carries no test id [likely: ../shared/notes/fixtures/x-reply-modal.html].
    // biome-ignore lint/a11y/noRedundantRoles: X's own markup, reproduced as it is
    <article role="article" tabIndex={-1} className="answered">
      <div data-testid="User-Name">
        <a href="/janedoe">
          <b>Jane Doe</b>
        </a>{' '}
        <a href="/janedoe">@janedoe</a>
      </div>
      <div data-testid="tweetText" lang="en" dir="auto">
        <span>Launch day! Our writing assistant is live.</span>
      </div>
      <div className="answered__to">
        {strings.replyingTo} <a href="/janedoe">@janedoe</a>
      </div>
    </article>
  );
}

function QuotedPost() {
  // A quoted post is a link-card below the editor, as in the timeline [guess: no public source on its markup here].
  return (
    // biome-ignore lint/a11y/useSemanticElements: X renders quoted posts as a div with role=link
    <div role="link" tabIndex={0} className="quoted">
      <div data-testid="User-Name">
        <b>Jane Doe</b> <span>@janedoe</span>
      </div>
      <div data-testid="tweetText" lang="en" dir="auto">
        <span>Launch day! Our writing assistant is live.</span>
      </div>
    </div>
  );
}

type ModalKind = 'post' | 'reply' | 'quote';

const partFixtureId = (kind: ModalKind, part: number) =>
  kind === 'reply' ? 'reply-modal' : kind === 'quote' ? 'quote' : part === 0 ? 'modal' : `thread-${part}`;

/**
 * The compose modal in #layers: a new post (with thread parts added by "+"), a reply (the answered post above the
 * editor) or a quote (the quoted post below it). One tweetButton posts every part: "Post", "Post all", "Reply".
 */
function ComposeModal({ kind, onClose }: { kind: ModalKind; onClose(): void }) {
  const [parts, setParts] = useState(() => [EditorState.createEmpty()]);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const layers = document.getElementById('layers');
  if (!layers) return null;
  const enabled = parts.every(hasText);
  const label = kind === 'reply' ? strings.reply : parts.length > 1 ? strings.postAll : strings.post;
  const placeholder =
    kind === 'reply' ? strings.replyPlaceholder : kind === 'quote' ? strings.quotePlaceholder : strings.placeholder;
  const post = () => {
    if (kind !== 'reply') publish(parts.map(plainText).join('\n\n'));
    setParts([emptied(parts[0] as EditorState)]);
  };
  const last = parts[parts.length - 1] as EditorState;
  return createPortal(
    <div className="modal-mask">
      <div role="dialog" aria-modal="true" aria-labelledby="modal-header">
        <h2 id="modal-header" style={{ position: 'absolute', clip: 'rect(1px,1px,1px,1px)' }}>
          {label}
        </h2>
        <button
          type="button"
          className="modal-close"
          data-testid="app-bar-close"
          aria-label={strings.close}
          onClick={onClose}
        >
          ✕
        </button>
        {kind === 'reply' && <AnsweredPost />}
        {parts.map((state, part) => (
          <div className="composer" key={partFixtureId(kind, part)}>
            <div className="avatar" />
            <div className="composer__body">
              <DraftPart
                part={part}
                fixtureId={partFixtureId(kind, part)}
                placeholder={placeholder}
                state={state}
                onChange={(next) => setParts((all) => all.map((s, i) => (i === part ? next : s)))}
                typeaheadIndex={1 + part}
                autoFocus
                postEnabled={() => buttonRef.current?.disabled === false}
              />
            </div>
          </div>
        ))}
        {kind === 'quote' && <QuotedPost />}
        <div className="composer__toolbar modal-toolbar">
          <ToolBar>
            {kind === 'post' && (
              <button
                type="button"
                data-testid="addButton"
                aria-label={strings.addPost}
                disabled={!hasText(last)}
                onClick={() => setParts((all) => [...all, EditorState.createEmpty()])}
              >
                ＋
              </button>
            )}
          </ToolBar>
          <button
            ref={buttonRef}
            type="button"
            className="post-button"
            data-testid="tweetButton"
            disabled={!enabled}
            aria-disabled={!enabled}
            onClick={post}
          >
            <span>{label}</span>
          </button>
        </div>
      </div>
    </div>,
    layers,
  );
}

/**
 * The narrow-window composer (X's mobile web layout at /compose/post): a full-screen sheet, no dialog, with a
 * React-controlled <textarea data-testid="tweetTextarea_0"> that grows with its text and the tweetButton in the
 * top bar [likely: public extension code reads `textarea[data-testid="tweetTextarea_0"]` there, 2026].
 */
function NarrowCompose({ onClose }: { onClose(): void }) {
  const [value, setValue] = useState('');
  const latest = useRef(value);
  latest.current = value;
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const enabled = value.trim() !== '';

  useLayoutEffect(() => {
    const textarea = textareaRef.current;
    if (!textarea) throw new Error('fixture: textarea did not render');
    registerComposer('narrow', {
      editor: textarea,
      model: () => latest.current,
      postEnabled: () => buttonRef.current?.disabled === false,
    });
    textarea.focus();
    return () => unregisterComposer('narrow');
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the height follows the text
  useLayoutEffect(() => {
    const textarea = textareaRef.current;
    if (!textarea) return;
    textarea.style.height = 'auto';
    textarea.style.height = `${textarea.scrollHeight}px`;
  }, [value]);

  const layers = document.getElementById('layers');
  if (!layers) return null;
  const post = () => {
    publish(value);
    setValue('');
  };
  return createPortal(
    <div className="narrow-compose">
      <div className="narrow-compose__bar">
        <button
          type="button"
          className="modal-close"
          data-testid="app-bar-back"
          aria-label={strings.back}
          onClick={onClose}
        >
          ←
        </button>
        <button
          ref={buttonRef}
          type="button"
          className="post-button"
          data-testid="tweetButton"
          disabled={!enabled}
          aria-disabled={!enabled}
          onClick={post}
        >
          <span>{strings.post}</span>
        </button>
      </div>
      <div className="composer">
        <div className="avatar" />
        {/* react-native-web's views are column flex boxes: the body stacks the field and what follows it. */}
        <div className="composer__body">
          <div className="narrow-compose__field">
            <textarea
              ref={textareaRef}
              data-testid="tweetTextarea_0"
              aria-label={strings.postText}
              placeholder={strings.placeholder}
              dir="auto"
              rows={3}
              value={value}
              onChange={(event) => setValue(event.target.value)}
            />
          </div>
        </div>
      </div>
      <div className="composer__toolbar narrow-compose__toolbar">
        <ToolBar />
      </div>
    </div>,
    layers,
  );
}

const COMPOSE_PATH = '/compose/post';
type Open = ModalKind | 'narrow' | null;

/** What /compose/post shows: the textarea sheet in a narrow window, the compose modal otherwise. */
const composeKind = (): Open => (location.pathname === COMPOSE_PATH ? (NARROW ? 'narrow' : 'post') : null);

/**
 * Home timeline: the inline composer (wide windows), the compose modal at /compose/post (SPA navigation, as on X),
 * the reply modal from a post's reply button, the quote modal from its repost menu; in a narrow window the side
 * navigation's Post button opens the textarea composer instead.
 */
function Home() {
  const [open, setOpen] = useState<Open>(composeKind);
  const [menuFor, setMenuFor] = useState<DOMRect | null>(null);

  useLayoutEffect(() => {
    const show = (kind: Exclude<Open, null>) => {
      history.pushState(null, '', `${COMPOSE_PATH}${location.search}`);
      setMenuFor(null);
      setOpen(kind);
    };
    const onClick = (event: MouseEvent) => {
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest('[data-testid="SideNav_NewTweet_Button"]')) {
        event.preventDefault();
        show(NARROW ? 'narrow' : 'post');
      } else if (target?.closest('article [data-testid="reply"]')) {
        show('reply');
      } else if (target?.closest('article [data-testid="retweet"]')) {
        setMenuFor((target.closest('[data-testid="retweet"]') as Element).getBoundingClientRect());
      } else if (target?.closest(`[role="menu"] a[href="${COMPOSE_PATH}"]`)) {
        event.preventDefault();
        show('quote');
      } else if (!target?.closest('[role="menu"]')) {
        setMenuFor(null);
      }
    };
    const onPopState = () => setOpen(composeKind());
    document.addEventListener('click', onClick);
    window.addEventListener('popstate', onPopState);
    return () => {
      document.removeEventListener('click', onClick);
      window.removeEventListener('popstate', onPopState);
    };
  }, []);
  const close = () => {
    history.pushState(null, '', `/home${location.search}`);
    setOpen(null);
  };
  const layers = document.getElementById('layers');
  return (
    <>
      {!NARROW && <InlineComposer fixtureId="inline" kind="post" />}
      {open === 'narrow' && <NarrowCompose onClose={close} />}
      {open && open !== 'narrow' && <ComposeModal kind={open} onClose={close} />}
      {menuFor &&
        layers &&
        createPortal(
          // X's repost menu: Repost, and Quote (a link to the compose page) [likely: retweetConfirm].
          <div role="menu" className="menu" style={{ left: menuFor.left, top: menuFor.bottom + 4 }}>
            <div
              role="menuitem"
              tabIndex={0}
              data-testid="retweetConfirm"
              onClick={() => setMenuFor(null)}
              onKeyDown={() => {}}
            >
              <span aria-hidden="true">🔁 </span>
              {strings.repost}
            </div>
            <a role="menuitem" href={COMPOSE_PATH}>
              <span aria-hidden="true">✎ </span>
              {strings.quote}
            </a>
          </div>,
          layers,
        )}
    </>
  );
}

/** Post page: the reply box shows a placeholder until clicked, then mounts the real editor. */
function ReplyBox() {
  const [active, setActive] = useState(false);
  if (active) return <InlineComposer fixtureId="reply" kind="reply" autoFocus />;
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
          {strings.replyPlaceholder}
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
