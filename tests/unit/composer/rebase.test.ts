import { describe, expect, it } from 'vitest';
import { rebaseFindings } from '@/lib/composer/rebase';
import type { Finding } from '@/lib/contract/findings';

const at = (start: number, end: number, edits: Finding['fixes'][number]['edits'] = []): Finding => ({
  ruleId: `r${start}`,
  severity: 'warning',
  category: 'c',
  title: 't',
  start,
  end,
  message: 'm',
  rationale: '',
  fixes: edits.length ? [{ label: 'fix', edits }] : [],
});

describe('rebaseFindings', () => {
  const from = 'damn this is damn good';

  it('keeps findings before the edit and shifts those after it', () => {
    const to = 'damn this really is damn good';
    const moved = rebaseFindings([at(0, 4), at(13, 17)], from, to);
    expect(moved.map((f) => to.slice(f.start, f.end))).toEqual(['damn', 'damn']);
  });

  it('drops a finding the edit touched', () => {
    const moved = rebaseFindings([at(0, 4), at(13, 17)], from, 'damn this is dam good');
    expect(moved.map((f) => f.ruleId)).toEqual(['r0']);
  });

  it('moves fix edits with the text, and drops fixes whose edit the change touched', () => {
    const [moved] = rebaseFindings([at(13, 17, [{ start: 13, end: 17, text: 'darn' }])], from, `X ${from}`);
    expect(moved?.fixes[0]?.edits[0]).toEqual({ start: 15, end: 19, text: 'darn' });
    const touched = rebaseFindings([at(0, 4, [{ start: 13, end: 17, text: 'darn' }])], from, 'damn this is dam good');
    expect(touched[0]?.fixes).toEqual([]); // the finding stays, its fix would now edit the wrong text
  });

  it('is the identity when nothing changed', () => {
    const findings = [at(0, 4)];
    expect(rebaseFindings(findings, from, from)).toEqual(findings);
  });
});
