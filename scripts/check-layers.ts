// `npx tsx scripts/check-layers.ts`: the import rules of docs/architecture.md, checked on resolved paths.
//
// Biome's noRestrictedImports (biome.json) refuses the `@/` imports and the packages a layer may not use, as you
// type; it cannot tell where a relative import lands. This script resolves every import of lib/, components/,
// entrypoints/ and server/ (relative or `@/`) to a file of the project and checks it against the same rules, so
// `../../lib/sync/…` from server/ or `../../components/…` from lib/ fail too. Exit code 0 when all hold, 1 otherwise.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

interface Rule {
  /** Which files the rule is about (path prefixes from the project root). */
  from: string[];
  /** If set, the only places of the project these files may import. */
  only?: string[];
  /** Places of the project these files may not import. */
  not?: string[];
  /** Packages these files may not import (a name, or a scope ending in `/`). */
  packages?: string[];
  /** Whether `@/…` (and the other WXT aliases) are refused, as where the alias doesn't exist. */
  noAlias?: boolean;
  why: string;
}

export const RULES: Rule[] = [
  { from: ['lib/'], not: ['components/', 'entrypoints/'], why: 'lib/ sits below components/ and entrypoints/' },
  { from: ['components/'], not: ['entrypoints/'], why: 'nothing imports an entry point' },
  {
    from: ['components/coe/', 'components/reach/', 'components/in-page/', 'components/sidepanel/', 'components/ui/'],
    not: ['components/pages/'],
    why: 'only the page roots (components/pages) import screens',
  },
  {
    from: ['components/coe/'],
    not: ['components/reach/', 'components/in-page/'],
    why: 'screens share pieces through components/ui or lib, not through each other',
  },
  {
    from: ['components/reach/'],
    not: ['components/coe/', 'components/in-page/'],
    why: 'screens share pieces through components/ui or lib, not through each other',
  },
  {
    from: ['components/in-page/'],
    not: ['components/coe/', 'components/reach/'],
    why: 'screens share pieces through components/ui or lib, not through each other',
  },
  {
    from: ['components/sidepanel/'],
    not: ['components/coe/', 'components/reach/', 'components/in-page/'],
    why: 'screens share pieces through components/ui or lib, not through each other',
  },
  {
    from: ['components/ui/'],
    not: ['components/coe/', 'components/reach/', 'components/in-page/', 'components/sidepanel/'],
    why: 'components/ui is shared by every screen, so it imports none of them',
  },
  { from: ['lib/guidelines/'], only: ['lib/guidelines/'], why: 'lib/guidelines imports nothing else of the project' },
  { from: ['lib/contract/'], only: ['lib/contract/'], why: 'lib/contract imports nothing else of the project' },
  {
    from: ['server/'],
    only: ['server/', 'lib/contract/', 'lib/guidelines/'],
    packages: ['wxt', '@wxt-dev/', 'react', 'react-dom', 'dexie', 'dexie-react-hooks'],
    noAlias: true,
    why: 'the hub runs in Node and shares only lib/contract and lib/guidelines with the extension',
  },
];

const SCANNED = ['lib', 'components', 'entrypoints', 'server'];
const SOURCE = /\.(c|m)?tsx?$|\.(c|m)?jsx?$/;
const ALIAS = /^(@@|~~|@|~)(\/|$)/;

// `import … from 'x'`, `export … from 'x'`, `import 'x'`, `import('x')`, over several lines too.
const SPECIFIER = /\b(?:import|export)\s[^'";]*?\sfrom\s*['"]([^'"]+)['"]|\bimport\s*\(?\s*['"]([^'"]+)['"]/g;

export interface Violation {
  file: string;
  line: number;
  specifier: string;
  message: string;
}

/** The project path an import lands on (no extension needed), or undefined for a package. */
function resolve(file: string, specifier: string): string | undefined {
  if (ALIAS.test(specifier)) return specifier.replace(ALIAS, '');
  if (specifier.startsWith('.')) return path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
  return undefined;
}

const packageOf = (specifier: string) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? specifier);
const under = (target: string, prefixes: string[]) =>
  prefixes.some((p) => `${target}/`.startsWith(p) || target.startsWith(p));

/** Imports of one file (path relative to the project root, with `/`) that break a rule. */
export function checkFile(file: string, text: string, rules: Rule[] = RULES): Violation[] {
  const found: Violation[] = [];
  const code = text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/^\s*\/\/.*$/gm, '');
  for (const match of code.matchAll(SPECIFIER)) {
    const specifier = match[1] ?? match[2] ?? '';
    const line = code.slice(0, match.index).split('\n').length;
    const target = resolve(file, specifier);
    for (const rule of rules) {
      if (!rule.from.some((p) => file.startsWith(p))) continue;
      const report = (what: string) =>
        found.push({ file, line, specifier, message: `${file}:${line} imports '${specifier}' ${what}: ${rule.why}.` });
      if (target === undefined) {
        const name = packageOf(specifier);
        if (rule.packages?.some((p) => (p.endsWith('/') ? name.startsWith(p) : name === p))) report('(a package)');
        continue;
      }
      if (rule.noAlias && ALIAS.test(specifier)) report('(an alias)');
      else if (target.startsWith('..')) report('(outside the project)');
      else if (rule.only && !under(target, rule.only)) report(`(${target})`);
      else if (rule.not && under(target, rule.not)) report(`(${target})`);
    }
  }
  return found;
}

function sourcesUnder(root: string, dir: string): string[] {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(path.join(root, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourcesUnder(root, rel);
    return SOURCE.test(e.name) && !e.name.endsWith('.d.ts') ? [rel] : [];
  });
}

/** Every violation under the scanned folders of `root`. */
export function checkLayers(root: string, rules: Rule[] = RULES): Violation[] {
  return SCANNED.flatMap((dir) => sourcesUnder(root, dir))
    .sort()
    .flatMap((file) => checkFile(file, readFileSync(path.join(root, file), 'utf8'), rules));
}

export function main(root = path.resolve(import.meta.dirname, '..'), out: Pick<Console, 'log' | 'error'> = console) {
  const violations = checkLayers(root);
  for (const v of violations) out.error(`✘ ${v.message}`);
  if (violations.length) {
    out.error(`${violations.length} import(s) break the layers of docs/architecture.md.`);
    return 1;
  }
  out.log('✔ imports follow the layers of docs/architecture.md');
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main();
}
