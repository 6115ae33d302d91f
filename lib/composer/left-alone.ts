import type { Network } from '@/lib/contract/common';
import type { LeftAloneDefinition, SiteDefinitions } from '@/lib/sites/types';
import type { TreeScope } from './dom';

/** An editor Spoke leaves alone on purpose, as the watcher hands it to the in-page UI (a quiet note, no check). */
export interface LeftAloneEditor {
  readonly definitionId: string;
  readonly network: Network;
  readonly editor: HTMLElement;
  readonly anchor: Element;
  /** What the note says, and why, for the member. */
  readonly label: string;
  readonly reason: string;
}

/** The editors the definitions leave alone in one tree scope, visible or not, each once. */
export function findLeftAlone(definitions: SiteDefinitions, scope: TreeScope): LeftAloneEditor[] {
  const found = new Map<HTMLElement, LeftAloneEditor>();
  for (const definition of definitions.leftAlone) {
    for (const editor of scope.querySelectorAll<HTMLElement>(definition.selector)) {
      if (!found.has(editor)) found.set(editor, toLeftAlone(definitions, definition, editor));
    }
  }
  return [...found.values()];
}

/** Whether `element` is, or belongs to, a surface left alone on purpose (its editor or a related field). */
export function isLeftAlone(definitions: SiteDefinitions, element: Element): boolean {
  return definitions.leftAlone.some(
    (definition) =>
      element.closest(definition.selector) !== null ||
      (definition.related !== undefined && element.closest(definition.related) !== null),
  );
}

function toLeftAlone(
  definitions: SiteDefinitions,
  definition: LeftAloneDefinition,
  editor: HTMLElement,
): LeftAloneEditor {
  return {
    definitionId: definition.id,
    network: definitions.network,
    editor,
    anchor: definition.anchor(editor),
    label: definition.label,
    reason: definition.reason,
  };
}
