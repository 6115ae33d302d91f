import { storage } from 'wxt/utils/storage';
import type { Network, PostKind } from '@/lib/contract/common';
import type { CheckResponse } from '@/lib/contract/messages';
import { type CompiledPolicy, check, compile, defaultPacks, type PolicyPack } from '@/lib/guidelines';
import { memberPostLimits } from '@/lib/networks/post-length';
import { xPremiumItem } from '@/lib/settings/x-account';

/** Info rules the employee chose not to see again ("don't show this tip again"); kept on this device only. */
const mutedRulesItem = storage.defineItem<string[]>('local:mutedRules', { fallback: [] });

export interface GuidelineService {
  checkDraft(text: string, context: { network: Network; postKind: PostKind }): Promise<Omit<CheckResponse, 'ok'>>;
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
  const mutedRules = async () => {
    muted ??= new Set(await mutedRulesItem.getValue());
    return muted;
  };
  const memberXLimit = async () => {
    xPostLimit ??= memberPostLimits(await xPremiumItem.getValue()).x;
    return xPostLimit;
  };

  return {
    async checkDraft(text, { network, postKind }) {
      const [hidden, limit] = await Promise.all([mutedRules(), memberXLimit()]);
      const findings = check(policy(), text, { network, postKind, xPostLimit: limit }).filter(
        (f) => !hidden.has(f.ruleId),
      );
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
    },
    reset() {
      pack = initial;
      compiled = undefined;
    },
  };
}
