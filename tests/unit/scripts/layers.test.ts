import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFile, checkLayers, main } from '../../../scripts/check-layers';

const root = path.resolve(import.meta.dirname, '../../..');

/** A throwaway project tree: { 'lib/x.ts': 'source' }. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'layers-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

describe('check-layers', () => {
  it('passes on the real tree', () => {
    expect(checkLayers(root).map((v) => v.message)).toEqual([]);
  });

  it('sees the imports of the real tree (it is not passing by reading nothing)', () => {
    const sample = checkFile(
      'lib/guidelines/engine.ts',
      "import {\n  a,\n  b,\n} from '../sync/outbox';\nexport * from '@/lib/db';\nconst m = import('../browser/x');\n",
    );
    expect(sample.map((v) => [v.line, v.specifier])).toEqual([
      [1, '../sync/outbox'],
      [5, '@/lib/db'],
      [6, '../browser/x'],
    ]);
  });

  it('fails on upward and sideways imports, relative ones included, with a message that says why', () => {
    const dir = tree({
      'lib/sync/a.ts': "import { x } from '../../components/ui/PageShell';\n",
      'lib/guidelines/packs/b.ts': "import { y } from '../../contract/hub';\nimport { z } from '../engine';\n",
      'components/reach/c.tsx': "import { w } from '../pages/ReachPage';\nimport { v } from '@/components/coe/Tabs';\n",
      'server/routes/d.ts': [
        "import { h } from '../../lib/sync/hub-client';",
        "import { p } from '../../lib/contract/hub';",
        "import { q } from '@/lib/contract/hub';",
        "import { useState } from 'react';",
        "// import { nope } from '../../components/x'; (a comment is not an import)",
      ].join('\n'),
    });
    const messages = checkLayers(dir).map((v) => v.message);
    expect(messages).toEqual([
      "components/reach/c.tsx:1 imports '../pages/ReachPage' (components/pages/ReachPage): only the page roots (components/pages) import screens.",
      "components/reach/c.tsx:2 imports '@/components/coe/Tabs' (components/coe/Tabs): screens share pieces through components/ui or lib, not through each other.",
      "lib/guidelines/packs/b.ts:1 imports '../../contract/hub' (lib/contract/hub): lib/guidelines imports nothing else of the project.",
      "lib/sync/a.ts:1 imports '../../components/ui/PageShell' (components/ui/PageShell): lib/ sits below components/ and entrypoints/.",
      "server/routes/d.ts:1 imports '../../lib/sync/hub-client' (lib/sync/hub-client): the hub runs in Node and shares only lib/contract and lib/guidelines with the extension.",
      "server/routes/d.ts:3 imports '@/lib/contract/hub' (an alias): the hub runs in Node and shares only lib/contract and lib/guidelines with the extension.",
      "server/routes/d.ts:4 imports 'react' (a package): the hub runs in Node and shares only lib/contract and lib/guidelines with the extension.",
    ]);
    const lines: string[] = [];
    expect(main(dir, { log: (l) => lines.push(l), error: (l) => lines.push(l) })).toBe(1);
    expect(lines.at(-1)).toBe('7 import(s) break the layers of docs/architecture.md.');
  });
});
