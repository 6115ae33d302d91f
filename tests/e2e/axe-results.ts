// The accessibility results of the E2E run: capture() writes one file per state to test-results/axe/, the axe
// reporter prints their totals at the end of the run, and `npm test` (scripts/test.ts) fails on any serious or
// critical violation. No Playwright import here: scripts/test.ts reads these files too.
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

export const AXE_DIR = path.resolve(import.meta.dirname, '../../test-results/axe');

/** The rule sets axe runs: WCAG 2.0 and 2.1, levels A and AA, and axe's best practices. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

const IMPACTS = ['critical', 'serious', 'moderate', 'minor'] as const;
type Impact = (typeof IMPACTS)[number];

export interface AxeViolation {
  id: string;
  impact: Impact | null;
  help: string;
  helpUrl: string;
  /** One entry per failing element: its selector (` >>> ` crosses a shadow root) and axe's summary of the failure. */
  nodes: { target: string; summary: string }[];
}

export interface AxeState {
  /** The capture's name: the screenshot is test-results/screenshots/<name>.png. */
  name: string;
  url: string;
  /** What axe looked at: the whole extension page, or only Spoke's in-page UI on a site page. */
  scope: 'page' | 'in-page-ui';
  /** Elements axe evaluated (passes and violations); an in-page state with 0 would prove nothing. */
  checkedNodes: number;
  violations: AxeViolation[];
  /**
   * What axe could not decide and a person should look at (rule id and elements), e.g. the contrast of the in-page
   * card's text, whose background axe cannot compute where the card overlaps the site. Not counted as violations.
   */
  needsReview?: { id: string; targets: string[] }[];
}

/** Clears the results of an earlier run (global setup), so the totals are this run's. */
export function resetAxeResults(): void {
  rmSync(AXE_DIR, { recursive: true, force: true });
  mkdirSync(AXE_DIR, { recursive: true });
}

export function readAxeResults(dir = AXE_DIR): AxeState[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((file) => file.endsWith('.json'));
  } catch {
    return [];
  }
  return files.sort().map((file) => JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as AxeState);
}

export interface AxeTotals {
  /** States axe looked at something in. */
  states: number;
  /** Site pages captured without any of Spoke's UI on them: nothing of ours to check. */
  empty: number;
  counts: Record<Impact, number>;
  /** One line per serious or critical violation: state, rule, elements. */
  blocking: string[];
}

/** Counts violations (one per rule and state) by impact. */
export function axeTotals(states: readonly AxeState[]): AxeTotals {
  const counts: Record<Impact, number> = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  const blocking: string[] = [];
  for (const state of states) {
    for (const violation of state.violations) {
      const impact = violation.impact ?? 'minor';
      counts[impact] += 1;
      if (impact === 'critical' || impact === 'serious') {
        const targets = violation.nodes.map((node) => node.target).join(', ');
        blocking.push(`${state.name}: ${violation.id} (${impact}) ${violation.help} at ${targets}`);
      }
    }
  }
  const empty = states.filter((state) => state.checkedNodes === 0).length;
  return { states: states.length - empty, empty, counts, blocking };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `axe: 37 states checked, 0 serious or critical violations (2 moderate)` */
export function axeTotalsLine({ states, empty, counts }: AxeTotals): string {
  const others = (['moderate', 'minor'] as const).filter((impact) => counts[impact] > 0);
  const rest = others.length ? ` (${others.map((impact) => `${counts[impact]} ${impact}`).join(', ')})` : '';
  const blank = empty ? `; ${plural(empty, 'site state')} without Spoke's UI` : '';
  return `axe: ${plural(states, 'state')} checked, ${plural(counts.serious + counts.critical, 'serious or critical violation')}${rest}${blank}`;
}
