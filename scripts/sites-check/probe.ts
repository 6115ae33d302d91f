// Bundled by ./check.ts and evaluated in a saved page: runs the real site-pack definitions (lib/sites, or a pack
// given with --pack) through the watcher's own matching (findComposers, open shadow roots included, the generic
// fallback) and describes what they find.
import { isShown, openShadowRootsIn, type TreeScope } from '@/lib/composer/dom';
import { editableRoot, genericComposer } from '@/lib/composer/generic';
import { isLeftAlone } from '@/lib/composer/left-alone';
import { findComposers } from '@/lib/composer/watcher';
import type { SitePack } from '@/lib/contract/site-pack';
import { linkedin } from '@/lib/sites/linkedin';
import { definitionsFrom } from '@/lib/sites/pack';
import type { SiteAdapter } from '@/lib/sites/types';
import { x } from '@/lib/sites/x';
import type { DefinitionReport, PageReport, UnmatchedEditable } from './report';

const ADAPTERS: readonly SiteAdapter[] = [linkedin, x];
const EDITABLE = '[contenteditable="true"], [contenteditable=""], textarea, [role="textbox"]';
/** Editors' own helpers, never where the user writes: Quill's paste buffer (off-screen under Quill's CSS). */
const EDITOR_INTERNALS = '.ql-clipboard';
/** Smaller than this, a shown editable is a search box or a field, not where a post is written. */
const POST_SIZE = { width: 150, height: 16 };

function describe(el: Element): string {
  const attrs = ['data-testid', 'componentkey', 'aria-label', 'role']
    .map((name) => (el.hasAttribute(name) ? `[${name}="${el.getAttribute(name)}"]` : ''))
    .join('');
  const classes = [...el.classList].filter((c) => !/^(css-|r-|_)/.test(c)).slice(0, 3);
  return `${el.localName}${el.id ? `#${el.id}` : ''}${classes.map((c) => `.${c}`).join('')}${attrs}`;
}

function probe(fileName: string, pack: SitePack | null): PageReport {
  const scopes: TreeScope[] = [document, ...openShadowRootsIn(document)];
  const byPrefix = ADAPTERS.filter((a) => fileName.toLowerCase().startsWith(`${a.network}-`));
  const recognised = new Set<Element>();
  const sites = ADAPTERS.map((adapter) => (pack ? definitionsFrom(adapter.network, pack) : adapter.builtin));
  const adapters = sites.map((site) => {
    const definitions = new Map<string, DefinitionReport>(
      site.composers.map((d) => [d.id, { id: d.id, editors: 0, shown: 0, postKinds: [], postButtons: 0 }]),
    );
    for (const scope of scopes) {
      for (const composer of findComposers(site, scope)) {
        recognised.add(composer.editor);
        const entry = definitions.get(composer.definitionId);
        if (!entry) continue;
        entry.editors += 1;
        if (isShown(composer.editor)) entry.shown += 1;
        if (!entry.postKinds.includes(composer.postKind)) entry.postKinds.push(composer.postKind);
        if (composer.postButton()) entry.postButtons += 1;
      }
    }
    return { network: site.network, sitePack: site.version, definitions: [...definitions.values()] };
  });
  const applicable = byPrefix.length
    ? byPrefix.map((a) => a.network)
    : adapters.filter((a) => a.definitions.some((d) => d.editors > 0)).map((a) => a.network);
  const unmatched: UnmatchedEditable[] = [];
  for (const scope of scopes) {
    for (const el of scope.querySelectorAll(EDITABLE)) {
      if (el.matches(EDITOR_INTERNALS)) continue;
      // Left alone on purpose (a site pack's `leftAlone`, e.g. LinkedIn's article editor): not a miss.
      if (sites.some((site) => isLeftAlone(site, el))) continue;
      if (recognised.has(el) || [...recognised].some((editor) => editor.contains(el) || el.contains(editor))) continue;
      const rect = el.getBoundingClientRect();
      const shown = isShown(el);
      const root = editableRoot(el);
      const fallback = root ? sites.find((site) => genericComposer(site, root)) : undefined;
      unmatched.push({
        element: describe(el),
        inShadowRoot: scope instanceof ShadowRoot,
        shown,
        postSized: shown && rect.width >= POST_SIZE.width && rect.height >= POST_SIZE.height,
        ...(fallback?.generic ? { fallback: fallback.generic.id } : {}),
      });
    }
  }
  return {
    adapters: adapters.filter((a) => applicable.length === 0 || applicable.includes(a.network)),
    unmatched,
  };
}

(globalThis as { spokeSitesProbe?: typeof probe }).spokeSitesProbe = probe;
