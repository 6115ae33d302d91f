import { browser } from 'wxt/browser';
import type { z } from 'zod';
import {
  ComposerTextResponseSchema,
  InsertShareMessageSchema,
  InsertShareResponseSchema,
  ReadComposerMessageSchema,
} from '@/lib/contract/messages';

/**
 * Messages the background sends to a site's content script, by `type`. The content script answers only Spoke
 * itself and checks shapes by hand (zod stays out of its bundle); the background parses every answer with these.
 */
const TAB_MESSAGES = {
  /** Put an approved post into the page's composer. */
  'insert-share': { request: InsertShareMessageSchema, response: InsertShareResponseSchema },
  /** What the page's post composer holds, for ranking suggestions (never stored). */
  'read-composer': { request: ReadComposerMessageSchema, response: ComposerTextResponseSchema },
} as const;

type Table = typeof TAB_MESSAGES;
export type TabMessageType = keyof Table;
export type TabRequestOf<Type extends TabMessageType> = z.input<Table[Type]['request']>;
export type TabResponseOf<Type extends TabMessageType> = z.output<Table[Type]['response']>;
/** Any message a content script may get from the background. */
export type TabRequest = { [Type in TabMessageType]: TabRequestOf<Type> }[TabMessageType];

/** Sends a message to a tab's content script; rejects when none answers or the answer does not parse. */
export async function sendToTab<Type extends TabMessageType>(
  tabId: number,
  request: TabRequestOf<Type> & { type: Type },
): Promise<TabResponseOf<Type>> {
  const answer: unknown = await browser.tabs.sendMessage(tabId, request);
  return TAB_MESSAGES[request.type].response.parse(answer) as TabResponseOf<Type>;
}
