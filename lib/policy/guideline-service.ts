import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type { Network, PostKind } from '@/lib/contract/common';
import type { CheckResponse } from '@/lib/contract/messages';
import { type CompiledPolicy, compile, defaultPacks, type PolicyPack } from '@/lib/guidelines';
import { createIncrementalChecker, type IncrementalChecker } from '@/lib/guidelines/incremental';
import { memberPostLimits } from '@/lib/networks/post-length';
import { xPremiumItem } from '@/lib/settings/x-account';

/** Info rules the employee chose not to see again ("don't show this tip again"); kept on this device only. */
const mutedRulesItem = storage.defineItem<string[]>('local:mutedRules', { fallback: [] });

/** Incremental checkers kept at once (one per draft being typed); the least recently used one is dropped. */
const OPEN_DRAFTS = 8;

export interface GuidelineService {
  /** `tabId`: the tab the draft is typed in, so each open composer keeps its own incremental checker. */
  checkDraft(
    text: string,
    context: { network: Network; postKind: PostKind },
    from?: { tabId?: number },
  ): Promise<Omit<CheckResponse, 'ok'>>;
  muteRule(ruleId: string): Promise<boolean>;
  /** Swaps in a new policy (e.g. after sync); the next check uses it. */
  applyPolicy(pack: PolicyPack): void;
  /** Back to the shipped core pack (after signing out). */
  reset(): void;
}

/**
 * Holds the compiled policy in the background, where the page can't read it (secret codenames stay out of the
 * renderer), and answers checks in memory: the text is never stored, logged or sent.
 */
export function createGuidelineService(initial: PolicyPack = defaultPacks.core): GuidelineService {
  let pack = initial;
  let compiled: CompiledPolicy | undefined;
  let muted: Set<string> | undefined;
  /** The member's X limit (their X Premium setting), read once and then followed. */
  let xPostLimit: number | undefined;
  xPremiumItem.watch((premium) => {
    xPostLimit = memberPostLimits(premium).x;
  });

  const policy = () => {
    compiled ??= compile(pack);
    return compiled;
  };
  // While typing, each composer's checker re-reads only the paragraphs that changed (lib/guidelines/incremental.ts;
  // same findings as a whole check). Keyed by tab and check context; dropped with the policy, the tab, an emptied
  // draft, or when more drafts are open at once than OPEN_DRAFTS.
  const checkers = new Map<string, IncrementalChecker>();
  const checkerFor = (key: string, make: () => IncrementalChecker) => {
    const known = checkers.get(key);
    checkers.delete(key);
    const checker = known ?? make();
    checkers.set(key, checker);
    for (const old of checkers.keys()) {
      if (checkers.size <= OPEN_DRAFTS) break;
      checkers.delete(old);
    }
    return checker;
  };
  browser.tabs?.onRemoved?.addListener((tabId) => {
    for (const key of [...checkers.keys()]) if (key.startsWith(`${tabId}|`)) checkers.delete(key);
  });
  const mutedRules = async () => {
    muted ??= new Set(await mutedRulesItem.getValue());
    return muted;
  };
  const memberXLimit = async () => {
    xPostLimit ??= memberPostLimits(await xPremiumItem.getValue()).x;
    return xPostLimit;
  };

  return {
    async checkDraft(text, { network, postKind }, from) {
      const [hidden, limit] = await Promise.all([mutedRules(), memberXLimit()]);
      const ctx = { network, postKind, xPostLimit: limit };
      const key = `${from?.tabId ?? '-'}|${network}|${postKind}|${limit}`;
      const compiledNow = policy();
      const checker = checkerFor(key, () => createIncrementalChecker(compiledNow, ctx));
      const findings = checker.check(text).filter((f) => !hidden.has(f.ruleId));
      if (!text) checkers.delete(key);
      return { findings, confirmBeforePosting: pack.settings?.confirmBeforePosting === true };
    },
    async muteRule(ruleId) {
      const rule = pack.rules.find((r) => r.id === ruleId);
      if (rule?.severity !== 'info') return false;
      const hidden = await mutedRules();
      hidden.add(ruleId);
      await mutedRulesItem.setValue([...hidden]);
      return true;
    },
    applyPolicy(next) {
      pack = next;
      compiled = undefined;
      checkers.clear();
    },
    reset() {
      pack = initial;
      compiled = undefined;
      checkers.clear();
    },
  };
}
