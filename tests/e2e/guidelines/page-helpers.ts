// Reading what the user sees from the page: the editor model (fixture hooks), Spoke's highlights and its UI.
import type { Page } from '@playwright/test';
import { hostOf } from '../smoke/behaviours';
import type { ComposerVariant } from '../smoke/variants';

export { HOST } from '../smoke/discovery-probe';

/** Spoke's UI next to one composer (the E2E build opens the shadow root, so locators reach inside). */
export function ui(page: Page, variant: ComposerVariant) {
  const host = hostOf(page, variant);
  return {
    badge: host.getByTestId('spoke-badge'),
    card: host.getByTestId('spoke-card'),
    confirm: host.getByTestId('spoke-confirm'),
    notice: host.getByTestId('spoke-notice'),
  };
}

export function model(page: Page, variant: ComposerVariant): Promise<string | undefined> {
  return page.evaluate((id) => window.spokeFixture?.model(id), variant.fixtureId);
}

export function postEnabled(page: Page, variant: ComposerVariant): Promise<boolean | undefined> {
  return page.evaluate((id) => window.spokeFixture?.postEnabled(id), variant.fixtureId);
}

/** The text under each registered highlight, by severity: what the user sees underlined. */
function highlighted(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const out: Record<string, string[]> = {};
    for (const severity of ['critical', 'warning', 'info']) {
      const highlight = CSS.highlights.get(`spoke-${severity}`);
      out[severity] = highlight ? [...highlight].map((range) => range.toString()) : [];
    }
    return out;
  });
}

/** All underlined text, whatever the severity, in document order of registration. */
export async function underlined(page: Page): Promise<string[]> {
  const bySeverity = await highlighted(page);
  return Object.values(bySeverity).flat();
}

/** The text under each registered highlight, with its box on screen: where the user sees it underlined. */
export function underlineBoxes(page: Page): Promise<Array<{ text: string; x: number; y: number; width: number }>> {
  return page.evaluate(() =>
    ['critical', 'warning', 'info'].flatMap((severity) =>
      [...(CSS.highlights.get(`spoke-${severity}`) ?? [])].map((range) => {
        const rect = (range as Range).getBoundingClientRect();
        return { text: range.toString(), x: rect.x, y: rect.y, width: rect.width };
      }),
    ),
  );
}

/**
 * Where the first occurrence of `word` inside the variant's editor is on screen, or null when it is not there. In a
 * <textarea>, whose text no range can reach, a throwaway copy of its text with its box, font and wrapping is
 * measured, as text-field caret libraries do.
 */
export function wordBox(
  page: Page,
  variant: ComposerVariant,
  word: string,
): Promise<{ x: number; y: number; width: number; height: number } | null> {
  return page.evaluate(
    ({ id, word }) => {
      const editor = window.spokeFixture?.editor(id);
      if (!editor) return null;
      const boxOf = (node: Node, at: number) => {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + word.length);
        const { x, y, width, height } = range.getBoundingClientRect();
        return { x, y, width, height };
      };
      if (editor instanceof HTMLTextAreaElement) {
        const at = editor.value.indexOf(word);
        if (at < 0) return null;
        const style = getComputedStyle(editor);
        const copy = document.createElement('div');
        for (const name of [
          'boxSizing',
          'width',
          'height',
          'font',
          'letterSpacing',
          'wordSpacing',
          'textTransform',
          'textIndent',
          'tabSize',
          'whiteSpace',
          'overflowWrap',
          'wordBreak',
          'direction',
          'textAlign',
          'padding',
          'borderStyle',
          'borderWidth',
        ] as const) {
          copy.style[name] = style[name];
        }
        const rect = editor.getBoundingClientRect();
        Object.assign(copy.style, {
          position: 'fixed',
          left: `${rect.left}px`,
          top: `${rect.top}px`,
          overflow: 'hidden',
          visibility: 'hidden',
          borderColor: 'transparent',
        });
        copy.textContent = editor.value;
        document.body.append(copy);
        copy.scrollTop = editor.scrollTop;
        const measured = boxOf(copy.firstChild as Text, at);
        copy.remove();
        return measured;
      }
      const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = (node as Text).data.indexOf(word);
        if (at >= 0) return boxOf(node, at);
      }
      return null;
    },
    { id: variant.fixtureId, word },
  );
}

/** Clicks in the middle of the first occurrence of `word` inside the variant's editor, like a user would. */
export async function clickOnWord(page: Page, variant: ComposerVariant, word: string): Promise<void> {
  const box = await wordBox(page, variant, word);
  if (!box) throw new Error(`"${word}" is not in the editor`);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}
