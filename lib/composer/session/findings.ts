import type { Finding } from '@/lib/contract/findings';
import type { RangesBySeverity } from '../highlights';
import type { SessionCore } from './core';
import type { SessionState } from './types';

/** A finding by rule and the text it matched: stays the same while the text around it moves. */
const findingKey = (finding: Finding, text: string) =>
  `${finding.ruleId}\u0000${text.slice(finding.start, finding.end)}`;

export function statsFor(core: SessionCore, finding: Finding) {
  const { stats } = core.post;
  let entry = stats.get(finding.ruleId);
  if (!entry) {
    entry = { ruleId: finding.ruleId, severity: finding.severity, shown: 0, fixed: 0, dismissed: 0, keys: new Set() };
    stats.set(finding.ruleId, entry);
  }
  return entry;
}

/** The findings on the text, without the ones the member closed. */
function visible(core: SessionCore): Finding[] {
  const { shown, shownText } = core.text;
  return shown.filter((f) => !core.post.dismissed.has(findingKey(f, shownText)));
}

/** Closes a finding's card and hides it until the post is reset. */
export function hide(core: SessionCore, finding: Finding): void {
  core.post.dismissed.add(findingKey(finding, core.text.shownText));
  core.store.setState({ active: null });
  publish(core);
  core.editor.focus({ preventScroll: true });
}

/**
 * Shows the visible findings: counts them for the post, hands them to the UI and paints them.
 * `mark` names a User Timing mark for the latency bench (npm run bench:e2e); it carries no text.
 */
export function publish(core: SessionCore, mark?: 'spoke:painted' | 'spoke:checked'): void {
  const findings = visible(core);
  for (const finding of findings) {
    const entry = statsFor(core, finding);
    const key = findingKey(finding, core.text.shownText);
    if (!entry.keys.has(key)) {
      entry.keys.add(key);
      entry.shown += 1;
    }
  }
  const state = core.store.getState();
  const active = state.active && state.active.index < findings.length ? state.active : null;
  core.store.setState({ findings, active, marks: core.deps.painter ? [] : marksFor(core, findings) });
  core.deps.painter?.paint(core, rangesFor(core, findings));
  if (mark) {
    // Observers still see cleared marks; clearing keeps the timeline from growing while someone types all day.
    performance.clearMarks(mark);
    performance.mark(mark);
  }
}

/** Paints the visible findings again on the editor's current nodes (or a textarea's mirror, just laid over it),
 * without counting or publishing them. */
export function repaint(core: SessionCore): void {
  const findings = visible(core);
  if (core.deps.painter) core.deps.painter.paint(core, rangesFor(core, findings));
  else core.store.setState({ marks: marksFor(core, findings) });
}

function rangesFor(core: SessionCore, findings: Finding[]): RangesBySeverity {
  const ranges: RangesBySeverity = {};
  for (const finding of findings) {
    if (finding.end <= finding.start) continue;
    const list = ranges[finding.severity] ?? [];
    list.push(core.text.snapshot.rangeFor(finding.start, finding.end));
    ranges[finding.severity] = list;
  }
  return ranges;
}

/** Underline boxes for browsers without the Highlight API: only what shows inside the editor. */
function marksFor(core: SessionCore, findings: Finding[]): SessionState['marks'] {
  const bounds = core.editor.getBoundingClientRect();
  return findings.map((finding) => ({
    severity: finding.severity,
    rects: [...core.text.snapshot.rangeFor(finding.start, finding.end).getClientRects()].filter(
      (rect) => rect.bottom > bounds.top && rect.top < bounds.bottom,
    ),
  }));
}

/** The layout moved (scroll, resize): re-measure the fallback marks and let positioned UI follow. */
export function relayout(core: SessionCore): void {
  if (!core.deps.painter) core.store.setState({ marks: marksFor(core, visible(core)) });
  core.store.setState({ layout: core.store.getState().layout + 1 });
}
