// Fixes and messages: templates rendered with a finding's variables, and the edits each kind of fix proposes.

import { foldString } from './normalize';
import type { Fix } from './schema';
import type { FindingFix, TextEdit } from './types';

// Templates are split once into literal and placeholder parts (odd indices are placeholder names).
const templates = new Map<string, string[]>();
function templateParts(tpl: string): string[] {
  let parts = templates.get(tpl);
  if (!parts) {
    parts = tpl.split(/\{([a-zA-Z]+)\}/);
    if (templates.size > 5000) templates.clear();
    templates.set(tpl, parts);
  }
  return parts;
}

export function render(tpl: string, vars: Record<string, string>): string {
  const parts = templateParts(tpl);
  if (parts.length === 1) return tpl;
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as string;
    if (i % 2 === 0) out += p;
    else out += p in vars ? (vars[p] as string) : `{${p}}`;
  }
  return out;
}

const SPACES = /\s+/g;
const ODD_SPACE = /[\t\n\r\f\v\u00a0\u2000-\u200a\u2028\u2029\u3000]| {2}/;
/** One line of at most `n` characters. */
export function shorten(s: string, n = 80): string {
  const cut = s.length > n * 2 ? s.slice(0, n * 2) : s;
  const one = ODD_SPACE.test(cut) ? cut.replace(SPACES, ' ') : cut;
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

function matchCase(original: string, replacement: string): string {
  if (!replacement) return replacement;
  const first = original.charAt(0);
  if (first && first !== first.toLowerCase() && original !== original.toUpperCase()) {
    return replacement.charAt(0).toUpperCase() + replacement.slice(1);
  }
  if (original.length > 1 && original === original.toUpperCase() && original !== original.toLowerCase()) {
    return replacement.toUpperCase();
  }
  return replacement;
}

function removalRange(text: string, s: number, e: number): [number, number] {
  if (text.charAt(e) === ' ') return [s, e + 1];
  if (s > 0 && text.charAt(s - 1) === ' ') return [s - 1, e];
  return [s, e];
}

/** The fixes a rule offers for the span [s, e) of `t`, rendered with `vars`; at most ten. */
export function buildFixes(t: string, fixes: Fix[], s: number, e: number, vars: Record<string, string>): FindingFix[] {
  const out: FindingFix[] = [];
  const matched = t.slice(s, e);
  for (const f of fixes) {
    switch (f.kind) {
      case 'replace': {
        let rep: string | undefined;
        if (typeof f.with === 'string') rep = render(f.with, vars);
        else {
          const k = foldString(matched).trim();
          const found = f.with[k];
          if (found !== undefined) rep = render(found, vars);
        }
        if (rep === undefined) break;
        rep = matchCase(matched, rep);
        if (rep === matched) break;
        out.push({
          label: f.label ? render(f.label, vars) : rep ? `Replace with “${shorten(rep, 60)}”` : 'Remove it',
          edits: [{ start: s, end: e, text: rep }],
        });
        break;
      }
      case 'remove': {
        const [a, b] = removalRange(t, s, e);
        out.push({ label: f.label ?? 'Remove it', edits: [{ start: a, end: b, text: '' }] });
        break;
      }
      case 'mask': {
        const cps = [...matched];
        const masked = (cps[0] ?? '') + '*'.repeat(Math.max(0, cps.length - 1));
        out.push({ label: f.label ?? 'Mask it', edits: [{ start: s, end: e, text: masked }] });
        break;
      }
      case 'insert': {
        const text = render(f.text, vars);
        if (t.includes(text)) break;
        let edit: TextEdit;
        if (f.at === 'start') {
          edit = { start: 0, end: 0, text: `${text} ` };
        } else if (f.at === 'end') {
          const p = t.trimEnd().length;
          edit = { start: p, end: p, text: p === 0 ? text : ` ${text}` };
        } else {
          const m = /[.!?](?=\s)|\n/.exec(t);
          if (!m) {
            const p = t.trimEnd().length;
            edit = { start: p, end: p, text: ` ${text}` };
          } else if (m[0] === '\n') edit = { start: m.index, end: m.index, text: ` ${text}` };
          else edit = { start: m.index + 1, end: m.index + 1, text: ` ${text}` };
        }
        out.push({ label: f.label ? render(f.label, vars) : `Add “${shorten(text, 60)}”`, edits: [edit] });
        break;
      }
      case 'moveToStart': {
        if (s === 0) break;
        const [a, b] = removalRange(t, s, e);
        out.push({
          label: f.label ?? 'Move it to the start',
          edits: [
            { start: 0, end: 0, text: `${matched} ` },
            { start: a, end: b, text: '' },
          ],
        });
        break;
      }
      case 'appendUtm': {
        const hash = matched.indexOf('#');
        const base = hash < 0 ? matched : matched.slice(0, hash);
        const q = base.indexOf('?');
        const have = new Set(
          (q < 0 ? '' : base.slice(q + 1))
            .split('&')
            .map((kv) => kv.split('=')[0])
            .filter(Boolean),
        );
        const add = Object.entries(f.params)
          .filter(([k]) => !have.has(k))
          .map(([k, v]) => `${k}=${encodeURIComponent(render(v, vars))}`);
        if (!add.length) break;
        const sep = q < 0 ? '?' : base.endsWith('?') || base.endsWith('&') ? '' : '&';
        const at = s + base.length;
        out.push({
          label: f.label ?? 'Add tracking to the link',
          edits: [{ start: at, end: at, text: sep + add.join('&') }],
        });
        break;
      }
    }
  }
  return out.slice(0, 10);
}
