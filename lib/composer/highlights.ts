import type { Severity } from '@/lib/contract/findings';

/**
 * Underlines findings without touching the editor's DOM, through the CSS Custom Highlight API. Highlights are
 * registered per document, so one painter per document unions the ranges of every composer on the page. The
 * `::highlight()` rules must be in the tree scope that holds the text (the document, or LinkedIn's shadow root),
 * so they are adopted there as a constructed stylesheet, which also keeps clear of the page's style CSP.
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
  paint(owner: object, ranges: RangesBySeverity, scope: Document | ShadowRoot): void;
  clear(owner: object): void;
}

export function createHighlightPainter(doc: Document): HighlightPainter {
  const byOwner = new Map<object, RangesBySeverity>();
  const styled = new WeakSet<Document | ShadowRoot>();
  const win = doc.defaultView as Window & typeof globalThis;

  function adoptStyles(scope: Document | ShadowRoot): void {
    if (styled.has(scope)) return;
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
    paint(owner, ranges, scope) {
      adoptStyles(scope);
      byOwner.set(owner, ranges);
      render();
    },
    clear(owner) {
      if (byOwner.delete(owner)) render();
    },
  };
}
