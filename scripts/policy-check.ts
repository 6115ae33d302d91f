// `npm run policy:check <file> [more files]`: validate a guideline pack (or a business-unit overlay) the way the
// hub and the extension do: zod schema, every pattern compiled (ReDoS-prone ones refused), every dictionary and
// matcher reference resolved, every rule's own tests run. CoE teams keep their packs in git and run this in CI.
//
//   npm run policy:check my-pack.json
//   npm run policy:check overlays/sales.json --central my-pack.json   (an overlay; default central: the core pack)
//
// Exit code 0 when every file is valid, 1 when one is not, 2 on usage errors.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultPacks, type PolicyPack, validateOverlay, validatePack } from '../lib/guidelines';

export interface Output {
  log(line: string): void;
  error(line: string): void;
}

const USAGE = 'usage: npm run policy:check <pack-or-overlay.json> [more.json] [--central <pack.json>]';

function readJson(file: string): { ok: true; json: unknown } | { ok: false; message: string } {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (e) {
    return { ok: false, message: `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}` };
  }
  try {
    return { ok: true, json: JSON.parse(raw) };
  } catch (e) {
    return { ok: false, message: `${file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function isOverlay(json: unknown): boolean {
  if (!json || typeof json !== 'object') return false;
  const o = json as Record<string, unknown>;
  return (
    !('name' in o && 'rules' in o && !('tighten' in o)) && ('tighten' in o || 'businessUnit' in o || !('name' in o))
  );
}

export function main(argv: string[], out: Output = console): number {
  const files: string[] = [];
  let centralFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--central') centralFile = argv[++i];
    else if (a === '-h' || a === '--help') {
      out.log(USAGE);
      return 0;
    } else files.push(a);
  }
  if (!files.length) {
    out.error(USAGE);
    return 2;
  }
  let central: PolicyPack = defaultPacks.core;
  if (centralFile) {
    const read = readJson(centralFile);
    if (!read.ok) {
      out.error(`✘ ${read.message}`);
      return 1;
    }
    const v = validatePack(read.json);
    if (!v.ok) {
      out.error(`✘ central pack ${centralFile} is not valid:`);
      for (const e of v.errors) out.error(`  ${e.ruleId ? `${e.ruleId} ` : ''}${e.path}: ${e.message}`);
      return 1;
    }
    central = v.pack;
  }
  let failed = 0;
  for (const file of files) {
    const name = path.relative(process.cwd(), file) || file;
    const read = readJson(file);
    if (!read.ok) {
      out.error(`✘ ${read.message}`);
      failed++;
      continue;
    }
    if (isOverlay(read.json)) {
      const v = validateOverlay(central, read.json);
      if (v.ok) {
        out.log(
          `✔ ${name}: overlay "${v.overlay.id}" ${v.overlay.version} is valid against "${central.id}" ${central.version} (${v.overlay.rules.length} added rules, ${v.overlay.tighten.length} tightened)`,
        );
      } else {
        failed++;
        out.error(`✘ ${name}: overlay refused (${v.errors.length} problem${v.errors.length === 1 ? '' : 's'})`);
        for (const e of v.errors) out.error(`  ${e.ruleId ? `${e.ruleId} ` : ''}${e.path}: ${e.message}`);
      }
      continue;
    }
    const v = validatePack(read.json);
    if (v.ok) {
      const tests = v.pack.rules.reduce((n, r) => n + r.tests.length, 0);
      out.log(
        `✔ ${name}: pack "${v.pack.id}" ${v.pack.version} is valid (${v.pack.rules.length} rules, ${tests} rule tests passed)`,
      );
    } else {
      failed++;
      out.error(`✘ ${name}: ${v.errors.length} problem${v.errors.length === 1 ? '' : 's'}`);
      for (const e of v.errors) out.error(`  ${e.ruleId ? `${e.ruleId} ` : ''}${e.path}: ${e.message}`);
    }
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
