import { observedPostButton, observePostButton } from '@/lib/composer/post-button';
import type { Network, PostKind } from '@/lib/contract/common';
import { REACH_SELECTOR_KEYS, type ReachSelectorKey } from '@/lib/contract/reach-keys';
import type { GenericSurface, LeftAlone, SitePack, Surface } from '@/lib/contract/site-pack';
import builtinPack from './packs/builtin.json';
import type {
  ComposerDefinition,
  GenericDefinition,
  LeftAloneDefinition,
  ReachSelectors,
  SiteDefinitions,
} from './types';

/** The site pack built into this version of the extension (validated against the contract by a unit test). */
export const BUILTIN_PACK = builtinPack as SitePack;

type PostKindRule = NonNullable<Surface['postKindWhen']>[number];

/**
 * Whether the browser takes `selector`. The background validated the pack's shape and syntax already (the hub did
 * before that); a selector the browser itself refuses still must not break a page, so its surface falls back.
 */
function usable(selector: string | undefined, doc: Document): boolean {
  if (selector === undefined) return true;
  try {
    doc.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}

function surfaceSelectors(surface: Surface): (string | undefined)[] {
  return [
    surface.selector,
    surface.within,
    surface.outside,
    ...(surface.postKindWhen ?? []).map((rule) => rule.has),
    ...surface.anchor.closest,
    ...surface.postButton.scopes,
    surface.postButton.button,
  ];
}

function closestOf(editor: HTMLElement, selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    const found = editor.closest(selector);
    if (found) return found;
  }
  return null;
}

function postKindOf(rules: readonly PostKindRule[], fallback: PostKind, within: string | undefined) {
  if (rules.length === 0) return () => fallback;
  return (editor: HTMLElement): PostKind => {
    const scope = (within ? editor.closest(within) : null) ?? editor;
    for (const rule of rules) {
      const where = rule.in === 'document' ? editor.ownerDocument : scope;
      if (where.querySelector(rule.has)) return rule.postKind;
    }
    return fallback;
  };
}

function compileSurface(surface: Surface): Omit<ComposerDefinition, 'fallback'> {
  const { postButton } = surface;
  const anchorOfSurface = anchorOf(surface.anchor);
  const scopeOf = (editor: HTMLElement) => closestOf(editor, postButton.scopes);
  return {
    id: surface.id,
    editor: surface.editor,
    selector: surface.selector,
    within: surface.within,
    outside: surface.outside,
    off: surface.off === true,
    postKind: postKindOf(surface.postKindWhen ?? [], surface.postKind, surface.within),
    anchor: (editor) => {
      // Found while (usually) still empty: note which buttons are disabled, to see later which one Post is.
      if (postButton.byBehaviour) observePostButton(editor, scopeOf(editor));
      return anchorOfSurface(editor);
    },
    postButton: (editor) => {
      const scope = scopeOf(editor);
      if (!scope) return null;
      const hooked = postButton.button ? scope.querySelector<HTMLElement>(postButton.button) : null;
      return hooked ?? (postButton.byBehaviour ? observedPostButton(editor, scope) : null);
    },
  };
}

function anchorOf(anchor: Surface['anchor']) {
  return (editor: HTMLElement): Element =>
    closestOf(editor, anchor.closest) ?? (anchor.otherwise === 'parent' ? editor.parentElement : null) ?? editor;
}

function compileLeftAlone(definition: LeftAlone): LeftAloneDefinition {
  return {
    id: definition.id,
    selector: definition.selector,
    related: definition.related,
    label: definition.label,
    reason: definition.reason,
    anchor: anchorOf(definition.anchor),
  };
}

function compileGeneric(network: Network, generic: GenericSurface): GenericDefinition {
  return {
    id: `${network}-generic`,
    areas: generic.areas,
    exclude: generic.exclude,
    postKind: postKindOf(generic.postKindWhen ?? [], 'post', generic.scopes[0]),
    scopeOf: (editor) => closestOf(editor, generic.scopes),
  };
}

function genericUsable(generic: GenericSurface, doc: Document): boolean {
  return (
    generic.off !== true &&
    [generic.areas, generic.exclude, ...generic.scopes, ...(generic.postKindWhen ?? []).map((r) => r.has)].every(
      (selector) => usable(selector, doc),
    )
  );
}

/** The definitions of the built-in pack for `network`. */
export function builtinDefinitions(network: Network, doc: Document = document): SiteDefinitions {
  return definitionsFrom(network, BUILTIN_PACK, null, doc);
}

/**
 * The definitions for `network` from `pack`, with the built-in ones as the floor: a pack surface whose selectors
 * the browser refuses is replaced by the built-in surface of the same id, and one that matches nothing in a page
 * falls back to it there (`fallback`); built-in surfaces the pack does not name stay. A surface (or site) marked
 * `off` turns Spoke off there, whatever the built-in pack says.
 */
export function definitionsFrom(
  network: Network,
  pack: SitePack,
  builtin: SitePack | null = BUILTIN_PACK,
  doc: Document = document,
): SiteDefinitions {
  const site = pack.sites[network];
  const base = builtin?.sites[network];
  const builtinById = new Map((base?.surfaces ?? []).map((s) => [s.id, compileSurface(s)]));
  const composers: ComposerDefinition[] = [];
  const named = new Set<string>();
  for (const surface of site?.surfaces ?? []) {
    named.add(surface.id);
    const fallback = builtinById.get(surface.id);
    if (!surfaceSelectors(surface).every((selector) => usable(selector, doc))) {
      if (fallback) composers.push(fallback);
      continue;
    }
    const compiled = compileSurface(surface);
    // A surface switched off stays off: no built-in fallback brings Spoke back there.
    composers.push(fallback && !compiled.off ? { ...compiled, fallback } : compiled);
  }
  for (const [id, surface] of builtinById) if (!named.has(id)) composers.push(surface);

  const own = site?.generic;
  const floor = base?.generic;
  let generic: GenericDefinition | null = null;
  if (own && genericUsable(own, doc)) generic = compileGeneric(network, own);
  else if (own?.off !== true && floor && genericUsable(floor, doc)) generic = compileGeneric(network, floor);
  // The pack's list of editors left alone replaces the built-in one when every selector of it is usable.
  const ownLeftAlone = site?.leftAlone;
  const leftAlone = (
    ownLeftAlone?.every(
      (d) => usable(d.selector, doc) && usable(d.related, doc) && d.anchor.closest.every((c) => usable(c, doc)),
    )
      ? ownLeftAlone
      : (base?.leftAlone ?? [])
  ).map(compileLeftAlone);
  return {
    network,
    version: pack.version,
    off: site?.off === true,
    composers,
    leftAlone,
    generic,
    reach: reachSelectors(site?.reach, base?.reach, doc),
  };
}

/** Matches nothing: what a reach selector the site does not use stands for. */
const NOTHING = ':not(*)';

/** The built-in reach selectors, each replaced by the pack's of the same name when the browser takes it. */
function reachSelectors(
  own: Partial<Record<ReachSelectorKey, string>> | undefined,
  floor: Partial<Record<ReachSelectorKey, string>> | undefined,
  doc: Document,
): ReachSelectors {
  const pick = (key: ReachSelectorKey) => {
    const mine = own?.[key];
    return mine !== undefined && usable(mine, doc) ? mine : (floor?.[key] ?? NOTHING);
  };
  return Object.fromEntries(REACH_SELECTOR_KEYS.map((key) => [key, pick(key)])) as Record<ReachSelectorKey, string>;
}
