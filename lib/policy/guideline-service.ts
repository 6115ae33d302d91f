import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type { Network, PostKind } from '@/lib/contract/common';
import type { CheckResponse } from '@/lib/contract/messages';
import { type CompiledPolicy, check, compile, defaultPacks, type PolicyPack } from '@/lib/guidelines';
import { createIncrementalChecker, type IncrementalChecker } from '@/lib/guidelines/incremental';
import { memberPostLimits } from '@/lib/networks/post-length';
import { xPremiumItem } from '@/lib/settings/x-account';

/** Info rules the employee chose not to see again ("don't show this tip again"); kept on this device only. */
const mutedRulesItem = storage.defineItem<string[]>('local:mutedRules', { fallback: [] });

type CheckContext = { network: Network; postKind: PostKind };
export type CheckAnswer = Omit<CheckResponse, 'ok'>;

/** Everything a check reads besides the text: what the offscreen checker receives (lib/policy/offscreen-checker.ts). */
export interface CheckerState {
  pack: PolicyPack;
  /** Info rules the member muted. */
  muted: string[];
  /** The member's X limit (their X Premium setting). */
  xPostLimit: number;
}

/** Incremental checkers kept at once (one per draft being typed); the least recently used one is dropped. */
const OPEN_DRAFTS = 8;

/**
 * One incremental checker per draft being typed (lib/guidelines/incremental.ts: a whole check's findings, re-reading
 * only what an edit touched), keyed by where the draft is typed (a tab, a port) and the check context. Both places
 * that answer checks keep one: the worker and the offscreen checker. A checker made for another compiled policy is
 * replaced; one for an emptied draft is dropped; at most OPEN_DRAFTS, the least recently used one goes first.
 */
export function createDraftCheckers() {
  const checkers = new Map<string, { compiled: CompiledPolicy; checker: IncrementalChecker }>();
  return {
    check(where: string, compiled: CompiledPolicy, text: string, ctx: CheckContext & { xPostLimit: number }) {
      const key = `${where}|${ctx.network}|${ctx.postKind}|${ctx.xPostLimit}`;
      const known = checkers.get(key);
      checkers.delete(key);
      const checker = known?.compiled === compiled ? known.checker : createIncrementalChecker(compiled, ctx);
      if (text) checkers.set(key, { compiled, checker });
      for (const old of checkers.keys()) {
        if (checkers.size <= OPEN_DRAFTS) break;
        checkers.delete(old);
      }
      return checker.check(text);
    },
    /** Drops the checkers of a place that is gone (a closed tab, a disconnected port). */
    forget(where: string) {
      for (const key of [...checkers.keys()]) if (key.startsWith(`${where}|`)) checkers.delete(key);
    },
  };
}
export type DraftCheckers = ReturnType<typeof createDraftCheckers>;

/**
 * One check against a state; `compiled` is `compile(state.pack)`, kept by the caller. With `drafts`, the draft's own
 * incremental checker answers (the same findings).
 */
export function answerCheck(
  state: CheckerState,
  compiled: CompiledPolicy,
  text: string,
  { network, postKind }: CheckContext,
  drafts?: { checkers: DraftCheckers; where: string },
): CheckAnswer {
  const ctx = { network, postKind, xPostLimit: state.xPostLimit };
  const findings = drafts ? drafts.checkers.check(drafts.where, compiled, text, ctx) : check(compiled, text, ctx);
  return {
    findings: state.muted.length === 0 ? findings : findings.filter((f) => !state.muted.includes(f.ruleId)),
    confirmBeforePosting: state.pack.settings?.confirmBeforePosting === true,
  };
}

export interface GuidelineService {
  /** `tabId`: the tab the draft is typed in, so each open composer keeps its own incremental checker. */
  checkDraft(text: string, context: CheckContext, from?: { tabId?: number }): Promise<CheckAnswer>;
  muteRule(ruleId: string): Promise<boolean>;
  /** Swaps in a new policy (e.g. after sync); the next check uses it. */
  applyPolicy(pack: PolicyPack): void;
  /** Back to the shipped core pack (after signing out). */
  reset(): void;
  /** What a check reads now, once the stored policy is loaded. */
  state(): Promise<CheckerState>;
  /** Called after anything `state()` returns changed; muting waits for what the listener returns. */
  onChange(listener: () => unknown): void;
}

/**
 * Holds the compiled policy in the background, where the page can't read it (secret codenames stay out of the
 * renderer), and answers checks in memory: the text is never stored, logged or sent.
 *
 * `load` applies the stored policy at start (lib/background/services.ts, loadSyncedPolicy): checks and `state()` wait
 * for it, so a worker woken by a keystroke never answers with the shipped pack in place of the member's.
 */
export function createGuidelineService(
  initial: PolicyPack = defaultPacks.core,
  load?: (service: GuidelineService) => Promise<void>,
): GuidelineService {
  let pack = initial;
  let compiled: CompiledPolicy | undefined;
  let muted: Set<string> | undefined;
  const listeners: Array<() => unknown> = [];
  const changed = () => Promise.all(listeners.map((listener) => listener()));
  /** The member's X limit (their X Premium setting), read once and then followed. */
  let xPostLimit: number | undefined;
  xPremiumItem.watch((premium) => {
    xPostLimit = memberPostLimits(premium).x;
    void changed();
  });

  const policy = () => {
    compiled ??= compile(pack);
    return compiled;
  };
  // While typing, each tab's composer keeps its own incremental checker (createDraftCheckers).
  const drafts = createDraftCheckers();
  browser.tabs?.onRemoved?.addListener((tabId) => drafts.forget(String(tabId)));
  const mutedRules = async () => {
    muted ??= new Set(await mutedRulesItem.getValue());
    return muted;
  };
  const memberXLimit = async () => {
    xPostLimit ??= memberPostLimits(await xPremiumItem.getValue()).x;
    return xPostLimit;
  };
  let loaded: Promise<void> = Promise.resolve();

  const service: GuidelineService = {
    async checkDraft(text, context, from) {
      const [, hidden, limit] = await Promise.all([loaded, mutedRules(), memberXLimit()]);
      const state = { pack, muted: [...hidden], xPostLimit: limit };
      return answerCheck(state, policy(), text, context, { checkers: drafts, where: String(from?.tabId ?? '-') });
    },
    async muteRule(ruleId) {
      await loaded;
      const rule = pack.rules.find((r) => r.id === ruleId);
      if (rule?.severity !== 'info') return false;
      const hidden = await mutedRules();
      hidden.add(ruleId);
      await mutedRulesItem.setValue([...hidden]);
      // Posted to the offscreen checker before the page hears the tip is muted: its next check leaves it out.
      await changed();
      return true;
    },
    applyPolicy(next) {
      pack = next;
      compiled = undefined;
      void changed();
    },
    reset() {
      pack = initial;
      compiled = undefined;
      void changed();
    },
    async state() {
      const [, hidden, limit] = await Promise.all([loaded, mutedRules(), memberXLimit()]);
      return { pack, muted: [...hidden], xPostLimit: limit };
    },
    onChange(listener) {
      listeners.push(listener);
    },
  };
  // A stored policy that cannot be read leaves the shipped one in place, as before.
  if (load) loaded = load(service).catch(() => undefined);
  return service;
}
