import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { AXE_DIR, AXE_TAGS, type AxeState, type AxeViolation } from './axe-results';

/** Where every E2E screenshot goes; the README's screenshots are copied from here. */
export const CAPTURE_DIR = path.resolve('test-results/screenshots');

type AxeNode = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number]['nodes'][number];

/** The element that hosts Spoke's UI next to a composer (components/in-page/mount-composer-ui.tsx). */
const IN_PAGE_HOST = 'spoke-composer-ui';

/**
 * A state worth keeping: saves `<name>.png` of the page (or one element of it), and checks the state for
 * accessibility with axe, writing `test-results/axe/<name>.json` (the run's totals are printed at its end and
 * `npm test` fails on serious or critical violations). Call this at each screen a user sees.
 *
 * On an extension page axe checks the whole page, whatever the target. On a site page it checks only Spoke's
 * in-page UI (badge, card, confirmation, notices): the fixture sites are not ours to fix. That UI lives in a shadow
 * root the E2E build opens; a closed one would hide it from axe, so it fails the capture instead of passing blind.
 * Violations never fail the test itself: they are counted at the end of the run.
 */
export async function capture(
  target: Page | Locator,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  const file = path.join(CAPTURE_DIR, `${name}.png`);
  const page = 'goto' in target ? target : target.page();
  if ('goto' in target) await target.screenshot({ path: file, fullPage: options.fullPage });
  else await target.screenshot({ path: file });
  await checkAccessibility(page, name);
}

async function checkAccessibility(page: Page, name: string): Promise<void> {
  const url = page.url();
  const scope: AxeState['scope'] = url.startsWith('chrome-extension://') ? 'page' : 'in-page-ui';
  // Legacy mode runs axe in the page itself; the default opens a blank tab to merge frame results, which would take
  // the foreground from the test's tab (and a background tab gets no animation frames, in which Spoke paints).
  const axe = new AxeBuilder({ page }).withTags(AXE_TAGS).setLegacyMode(true);
  if (scope === 'in-page-ui') {
    const hosts = await page.evaluate(findInPageHosts, IN_PAGE_HOST);
    if (hosts.closed > 0) {
      throw new Error(
        `capture(${name}): ${hosts.closed} of Spoke's in-page hosts have a closed shadow root, which axe cannot ` +
          'see into. Run the E2E build: npm run build:e2e',
      );
    }
    if (hosts.paths.length === 0) {
      write({ name, url, scope, checkedNodes: 0, violations: [] });
      return;
    }
    for (const [first, ...inside] of hosts.paths) {
      if (!first) continue;
      axe.include(inside.length ? { fromShadowDom: [first, ...(inside as [string, ...string[]])] } : first);
    }
  }
  const results = await axe.analyze();
  const checkedNodes = [...results.passes, ...results.violations, ...results.incomplete].reduce(
    (sum, rule) => sum + rule.nodes.length,
    0,
  );
  const violations: AxeViolation[] = results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact ?? null,
    help: violation.help,
    helpUrl: violation.helpUrl,
    nodes: violation.nodes.map((node) => ({ target: selector(node.target), summary: node.failureSummary ?? '' })),
  }));
  const needsReview = results.incomplete.map((rule) => ({
    id: rule.id,
    targets: rule.nodes.map((node) => selector(node.target)),
  }));
  write({ name, url, scope, checkedNodes, violations, needsReview });
}

/** axe's target as one string: ` >>> ` enters a shadow root, ` | ` an iframe. */
function selector(target: AxeNode['target']): string {
  return target.map((part) => (Array.isArray(part) ? part.join(' >>> ') : part)).join(' | ');
}

function write(state: AxeState): void {
  mkdirSync(AXE_DIR, { recursive: true });
  writeFileSync(path.join(AXE_DIR, `${state.name}.json`), `${JSON.stringify(state, null, 2)}\n`);
}

/**
 * Runs in the page: every Spoke host, in the document or in a site's open shadow roots, as the chain of selectors
 * axe uses to cross shadow roots (one per tree, from the document down); and how many hosts are closed to scripts.
 */
function findInPageHosts(tag: string): { paths: string[][]; closed: number } {
  const paths: string[][] = [];
  let closed = 0;
  // A selector for an element, unique within its own tree (document or shadow root).
  const selectorIn = (element: Element): string => {
    const root = element.getRootNode() as Document | ShadowRoot;
    if (element.id && root.querySelectorAll(`#${CSS.escape(element.id)}`).length === 1) {
      return `#${CSS.escape(element.id)}`;
    }
    const steps: string[] = [];
    for (let node: Element | null = element; node; node = node.parentElement) {
      const siblings = (node.parentElement ?? root).children;
      steps.unshift(`${node.localName}:nth-child(${[...siblings].indexOf(node) + 1})`);
    }
    return steps.join(' > ');
  };
  const walk = (root: Document | ShadowRoot, above: string[]): void => {
    for (const element of root.querySelectorAll('*')) {
      if (element.localName === tag) {
        if (element.shadowRoot) paths.push([...above, selectorIn(element)]);
        else closed += 1;
      } else if (element.shadowRoot) {
        walk(element.shadowRoot, [...above, selectorIn(element)]);
      }
    }
  };
  walk(document, []);
  return { paths, closed };
}
