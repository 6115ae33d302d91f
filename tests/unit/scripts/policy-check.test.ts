import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../scripts/policy-check';

const root = path.resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(path.join(tmpdir(), 'policy-check-'));
const write = (name: string, json: unknown) => {
  const file = path.join(dir, name);
  writeFileSync(file, typeof json === 'string' ? json : JSON.stringify(json));
  return file;
};
const capture = () => {
  const lines: string[] = [];
  return { lines, out: { log: (l: string) => lines.push(l), error: (l: string) => lines.push(l) } };
};

const core = JSON.parse(readFileSync(path.join(root, 'lib/guidelines/packs/core.json'), 'utf8'));

describe('policy:check', () => {
  it('passes a valid pack and prints a summary', () => {
    const { lines, out } = capture();
    expect(main([write('core.json', core)], out)).toBe(0);
    expect(lines.join('\n')).toMatch(
      /✔ .*core.json: pack "core" \d+\.\d+\.\d+ is valid \(\d+ rules, \d+ rule tests passed\)/,
    );
  });

  it('fails on a ReDoS-prone pattern and a failing rule test, naming rule and path', () => {
    const bad = structuredClone(core);
    bad.rules[0].matchers.brand = { kind: 'pattern', pattern: '(a+)+$' };
    bad.rules[1].tests[0].expect = 'miss';
    const { lines, out } = capture();
    expect(main([write('bad.json', bad)], out)).toBe(1);
    const text = lines.join('\n');
    expect(text).toContain('DISC-001 rules[0].matchers.brand.pattern: pattern "(a+)+$" repeats a group');
  });

  it('fails on invalid JSON and on schema errors', () => {
    const { lines, out } = capture();
    expect(main([write('broken.json', '{ nope')], out)).toBe(1);
    expect(lines.join('\n')).toMatch(/not valid JSON/);
    const { lines: l2, out: o2 } = capture();
    expect(main([write('schema.json', { id: 'x', version: '1', name: 'X', rules: [{ id: 'bad id' }] })], o2)).toBe(1);
    expect(l2.join('\n')).toMatch(/rules\[0\]\.id/);
  });

  it('validates overlays against the central pack and refuses weakening', () => {
    const { lines, out } = capture();
    const weak = write('weak.json', { id: 'sales', version: '1', tighten: [{ ruleId: 'DISC-001', severity: 'info' }] });
    expect(main([weak, '--central', write('central.json', core)], out)).toBe(1);
    expect(lines.join('\n')).toMatch(/would weaken central rule DISC-001/);
    const { out: o2 } = capture();
    expect(main([path.join(root, 'lib/guidelines/packs/healthcare.json')], o2)).toBe(0);
  });

  it('exits 2 with usage when no file is given', () => {
    const { lines, out } = capture();
    expect(main([], out)).toBe(2);
    expect(lines[0]).toMatch(/usage/);
  });

  it('runs as `tsx scripts/policy-check.ts <file>` with a non-zero exit code on failure', () => {
    const bad = write('cli-bad.json', { id: 'x', version: '1', name: 'X', rules: 'nope' });
    const run = (file: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/policy-check.ts'), file], {
        cwd: root,
        encoding: 'utf8',
      });
    const failed = run(bad);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/rules/);
    const ok = run(path.join(root, 'lib/guidelines/packs/core.json'));
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/is valid/);
  }, 60_000);
});
