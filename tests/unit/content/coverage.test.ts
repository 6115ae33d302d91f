// The coverage signal on the page: a focused, post-sized editor no composer definition recognises counts once per
// page visit; search boxes, messaging and small fields don't; a recognised composer without a Post button counts
// when the member types or presses Ctrl+Enter; reports are counts only, at most one per surface and kind a minute.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CoverageSignal, type CoverageWatch, watchCoverage } from '@/lib/content/coverage';
import { linkedin } from '@/lib/sites/linkedin';
import type { SiteDefinitions } from '@/lib/sites/types';

const definitions: SiteDefinitions = {
  network: 'linkedin',
  version: 'test-1',
  off: false,
  composers: [
    {
      id: 'test-share',
      editor: 'tiptap',
      selector: '.share-box [contenteditable="true"]',
      postKind: () => 'post',
      off: false,
      anchor: (editor: HTMLElement) => editor,
      postButton: (editor: HTMLElement) => editor.closest('.share-box')?.querySelector<HTMLElement>('.post') ?? null,
    },
  ],
  leftAlone: [
    {
      id: 'test-article',
      selector: '.article [contenteditable="true"]',
      related: '.article-title',
      label: 'Articles are not checked',
      reason: 'Not checked here.',
      anchor: (editor: HTMLElement) => editor,
    },
  ],
  generic: null,
  reach: linkedin.builtin.reach,
};

let clock = 0;
let timers: Array<{ at: number; run: () => void }> = [];
let reports: CoverageSignal[] = [];
let watch: CoverageWatch | undefined;
const advance = (ms: number) => {
  clock += ms;
  const due = timers.filter((t) => t.at <= clock);
  timers = timers.filter((t) => t.at > clock);
  for (const t of due) t.run();
};

function start(sizes: (el: HTMLElement) => { width: number; height: number } = () => ({ width: 500, height: 60 })) {
  watch = watchCoverage(() => definitions, document, {
    report: (signal) => reports.push({ ...signal }),
    size: sizes,
    now: () => clock,
    setTimer: (run, ms) => timers.push({ at: clock + ms, run }),
  });
}
const editor = (html: string) => {
  document.body.insertAdjacentHTML('beforeend', html);
  return document.body.lastElementChild as HTMLElement;
};
const focus = (el: HTMLElement) => el.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));

beforeEach(() => {
  clock = 1_000_000;
  timers = [];
  reports = [];
});
afterEach(() => {
  watch?.stop();
  document.body.innerHTML = '';
});

describe('coverage signals on the page', () => {
  it('counts an unrecognised, post-sized contenteditable once, as counts only', () => {
    start();
    const box = editor('<div contenteditable="true">My secret draft</div>');
    focus(box);
    focus(box);
    expect(reports).toEqual([
      { network: 'linkedin', surface: 'unknown', kind: 'editor_unrecognised', count: 1, sitePack: 'test-1' },
    ]);
    expect(JSON.stringify(reports)).not.toContain('secret');
  });

  it('leaves out messaging, search boxes, inputs, small fields and recognised composers', () => {
    start((el) => (el.classList.contains('tiny') ? { width: 80, height: 12 } : { width: 500, height: 60 }));
    focus(editor('<div class="msg-form__contenteditable" contenteditable="true"></div>'));
    focus(editor('<div data-testid="dmComposerTextInput" contenteditable="true"></div>'));
    focus(editor('<div role="search"><textarea></textarea></div>').querySelector('textarea') as HTMLElement);
    focus(editor('<input type="text">'));
    focus(editor('<textarea class="tiny"></textarea>'));
    focus(
      editor('<div class="share-box"><div contenteditable="true"></div><button class="post">Post</button></div>')
        .firstElementChild as HTMLElement,
    );
    expect(reports).toEqual([]);
  });

  it('does not count an editor the adapter leaves alone, nor its related fields', () => {
    start();
    const article = editor(
      '<div class="article"><textarea class="article-title"></textarea><div contenteditable="true"></div></div>',
    );
    focus(article.querySelector('textarea') as HTMLElement);
    focus(article.querySelector('[contenteditable]') as HTMLElement);
    (article.querySelector('[contenteditable]') as HTMLElement).dispatchEvent(new Event('input', { bubbles: true }));
    advance(1_000);
    expect(reports).toEqual([]);
  });

  it('adds up further editors and reports them a minute after the last report', () => {
    start();
    focus(editor('<textarea></textarea>'));
    focus(editor('<div role="textbox"></div>'));
    focus(editor('<div contenteditable="true"></div>'));
    expect(reports).toHaveLength(1);
    advance(59_000);
    expect(reports).toHaveLength(1);
    advance(1_000);
    expect(reports[1]).toEqual({
      network: 'linkedin',
      surface: 'unknown',
      kind: 'editor_unrecognised',
      count: 2,
      sitePack: 'test-1',
    });
  });

  it('counts a recognised composer whose Post button is missing, by its definition id', () => {
    start();
    const box = editor('<div class="share-box"><div contenteditable="true"></div></div>');
    const text = box.firstElementChild as HTMLElement;
    text.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
    text.dispatchEvent(new Event('input', { bubbles: true }));
    advance(1_000);
    expect(reports).toEqual([
      { network: 'linkedin', surface: 'test-share', kind: 'post_button_missing', count: 1, sitePack: 'test-1' },
    ]);
  });

  it('says nothing when the Post button is there', () => {
    start();
    const box = editor(
      '<div class="share-box"><div contenteditable="true"></div><button class="post">Post</button></div>',
    );
    (box.firstElementChild as HTMLElement).dispatchEvent(new Event('input', { bubbles: true }));
    advance(1_000);
    expect(reports).toEqual([]);
  });

  it('counts a published post whose "post published" notice never came, and not one whose notice was read', () => {
    start();
    const box = editor('<div class="share-box"><div contenteditable="true"></div></div>');
    const text = box.firstElementChild as HTMLElement;
    watch?.published(text, 'test-share');
    advance(5_000);
    watch?.noticeRead();
    advance(20_000);
    expect(reports).toEqual([]);

    watch?.published(text, 'test-share');
    advance(20_000);
    expect(reports).toEqual([
      { network: 'linkedin', surface: 'test-share', kind: 'toast_unmatched', count: 1, sitePack: 'test-1' },
    ]);
  });
});
