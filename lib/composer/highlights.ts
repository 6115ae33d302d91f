import type { Severity } from '@/lib/contract/findings';

/**
 * Underlines findings without touching the editor's DOM, through the CSS Custom Highlight API. Highlights are
 * registered per document, so one painter per document unions the ranges of every composer on the page. The
 * `::highlight()` rules must be in the tree scope that holds the text (the document, LinkedIn's shadow root, or
 * Spoke's own UI for a textarea's mirror), so they are adopted into each range's scope as a constructed
 * stylesheet, which also keeps clear of the page's style CSP.
 */

const SEVERITIES: readonly Severity[] = ['critical', 'warning', 'info'];
const highlightName = (severity: Severity) => `spoke-${severity}`;

const HIGHLIGHT_CSS = `
::highlight(spoke-critical) { text-decoration: underline wavy #c62828; text-decoration-thickness: 2px;
  text-underline-offset: 3px; background-color: rgb(198 40 40 / 12%); }
::highlight(spoke-warning) { text-decoration: underline wavy #b45309; text-decoration-thickness: 2px;
  text-underline-offset: 3px; background-color: rgb(217 119 6 / 12%); }
::highlight(spoke-info) { text-decoration: underline dotted #1f5f8b; text-decoration-thickness: 2px;
  text-underline-offset: 3px; }
`;

export type RangesBySeverity = Partial<Record<Severity, Range[]>>;

export function supportsHighlights(win: Window = window): boolean {
  const css = (win as Window & typeof globalThis).CSS;
  return !!css && 'highlights' in css && typeof (win as Window & typeof globalThis).Highlight === 'function';
}

export interface HighlightPainter {
  /** Replaces the ranges one composer shows; an empty map clears them. */
  paint(owner: object, ranges: RangesBySeverity): void;
  clear(owner: object): void;
}

export function createHighlightPainter(doc: Document): HighlightPainter {
  const byOwner = new Map<object, RangesBySeverity>();
  const styled = new WeakSet<Node>();
  const win = doc.defaultView as Window & typeof globalThis;

  /** Adopts the rules into the range's document or shadow root (a range in a detached node has neither yet). */
  function adoptStyles(range: Range): void {
    const scope = range.startContainer.getRootNode() as Node & Partial<Pick<Document, 'adoptedStyleSheets'>>;
    if (styled.has(scope) || !scope.adoptedStyleSheets) return;
    styled.add(scope);
    const sheet = new win.CSSStyleSheet();
    sheet.replaceSync(HIGHLIGHT_CSS);
    scope.adoptedStyleSheets = [...scope.adoptedStyleSheets, sheet];
  }

  function render(): void {
    for (const severity of SEVERITIES) {
      const ranges: Range[] = [];
      for (const owned of byOwner.values()) ranges.push(...(owned[severity] ?? []));
      if (ranges.length === 0) win.CSS.highlights.delete(highlightName(severity));
      else win.CSS.highlights.set(highlightName(severity), new win.Highlight(...ranges));
    }
  }

  return {
    paint(owner, ranges) {
      for (const list of Object.values(ranges)) for (const range of list ?? []) adoptStyles(range);
      byOwner.set(owner, ranges);
      render();
    },
    clear(owner) {
      if (byOwner.delete(owner)) render();
    },
  };
}
