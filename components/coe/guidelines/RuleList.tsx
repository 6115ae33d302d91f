import { Fragment } from 'react';
import {
  allowedSeverities,
  canRemoveRule,
  type PolicyDraft,
  semanticMatcherOf,
  type Target,
} from '@/lib/coe/policy-draft';
import type { BusinessUnit } from '@/lib/contract/hub-admin';
import { formatDecimal } from '@/lib/format';
import { type PolicyPack, type Rule, SEMANTIC_THRESHOLDS, type Severity } from '@/lib/guidelines';
import { ConfirmAction } from '../ConfirmAction';
import { SeveritySwitch } from './SeveritySwitch';

const CATEGORY_LABEL: Record<string, string> = {
  disclosure: 'Disclosure',
  spokesperson: 'Speaking for the company',
  securities: 'Securities',
  'regulated-finance': 'Regulated finance',
  privacy: 'Privacy',
  healthcare: 'Healthcare',
  confidential: 'Confidential information',
  legal: 'Legal',
  security: 'Security',
  competitors: 'Competitors',
  claims: 'Claims',
  conduct: 'Conduct',
  tone: 'Tone',
  brand: 'Brand',
  links: 'Links',
  format: 'Format and length',
};

/** The rules of the target's policy, grouped by category, with their severity switches. */
export function RuleList({
  draft,
  units,
  target,
  pack,
  inherited,
  onSeverity,
  onThreshold,
  onRemove,
}: {
  draft: PolicyDraft;
  units: BusinessUnit[];
  target: Target;
  /** The pack the target sees (central, or central + overlays down to the unit). */
  pack: PolicyPack;
  /** What the unit inherits (see inheritedFor); undefined centrally. */
  inherited?: PolicyPack;
  onSeverity: (ruleId: string, severity: Severity) => void;
  /** Central policy only: how sure the on-device classifier must be (undefined: the model's default). */
  onThreshold: (ruleId: string, threshold: number | undefined) => void;
  onRemove: (ruleId: string) => void;
}) {
  const groups = new Map<string, Rule[]>();
  for (const rule of pack.rules) groups.set(rule.category, [...(groups.get(rule.category) ?? []), rule]);
  const centralIds = new Set(draft.pack.rules.map((r) => r.id));
  const tightenedHere = new Set(
    target.kind === 'unit' ? (draft.overlays[target.unitId]?.tighten ?? []).map((t) => t.ruleId) : [],
  );
  return (
    <div className="gl-rules">
      {[...groups].map(([category, rules]) => (
        <section key={category} className="gl-rules__group" aria-labelledby={`cat-${category}`}>
          <h3 id={`cat-${category}`}>
            {CATEGORY_LABEL[category] ?? category} <span className="gl-count">{rules.length}</span>
          </h3>
          <ul>
            {rules.map((rule) => {
              const allowed = allowedSeverities(draft, units, target, rule.id, inherited);
              const added = target.kind === 'unit' && !centralIds.has(rule.id);
              return (
                <li key={rule.id} className="gl-rule" data-testid={`rule-${rule.id}`}>
                  <div className="gl-rule__text">
                    <strong className="gl-rule-id">{rule.id}</strong> {rule.title}
                    {added && <span className="gl-tag">added for this unit</span>}
                    {tightenedHere.has(rule.id) && <span className="gl-tag gl-tag--tight">stricter for this unit</span>}
                    <div className="gl-rule__message">
                      <Template text={rule.message} />
                    </div>
                    {target.kind === 'central' && <SemanticThreshold rule={rule} onChange={onThreshold} />}
                  </div>
                  {allowed.length > 0 ? (
                    <SeveritySwitch
                      ruleId={rule.id}
                      value={rule.severity}
                      allowed={allowed}
                      onChange={(s) => onSeverity(rule.id, s)}
                    />
                  ) : (
                    <span className="gl-tag">set by a parent unit</span>
                  )}
                  {canRemoveRule(draft, target, rule.id) && (
                    <div className="gl-rule__danger">
                      <ConfirmAction
                        label="Remove"
                        triggerLabel={`Remove rule ${rule.id}`}
                        title={`Remove rule ${rule.id} ‘${rule.title}’?`}
                        confirmLabel="Remove rule"
                        onConfirm={() => onRemove(rule.id)}
                      >
                        Advocates stop seeing this tip when you publish. Until then it is only gone from your draft.
                      </ConfirmAction>
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}

/**
 * For rules of the on-device classifier: how sure it must be before it warns, as a percentage. Lower finds more
 * paraphrases and brings more false alarms; empty returns to the model's default, chosen for precision.
 */
function SemanticThreshold({
  rule,
  onChange,
}: {
  rule: Rule;
  onChange: (ruleId: string, threshold: number | undefined) => void;
}) {
  const matcher = semanticMatcherOf(rule);
  if (!matcher) return null;
  const fallback = SEMANTIC_THRESHOLDS[matcher.category];
  const id = `threshold-${rule.id}`;
  const hint = `${id}-hint`;
  return (
    <div className="gl-threshold">
      <label htmlFor={id}>Warn when the model is at least</label>{' '}
      <input
        id={id}
        type="number"
        min={5}
        max={99.9}
        step={0.5}
        inputMode="decimal"
        aria-describedby={hint}
        value={matcher.threshold === undefined ? '' : Math.round(matcher.threshold * 1000) / 10}
        placeholder={fallback === undefined ? '' : String(Math.round(fallback * 1000) / 10)}
        onChange={(e) => {
          const v = e.currentTarget.value.trim();
          const n = Number(v);
          onChange(rule.id, v === '' || !Number.isFinite(n) ? undefined : n / 100);
        }}
      />
      % sure{' '}
      <span id={hint} className="gl-threshold__hint">
        {matcher.threshold === undefined
          ? `(the model's default${fallback === undefined ? '' : `, ${formatDecimal(fallback * 100)}%`}; lower finds more and warns more often by mistake)`
          : '(empty returns to the default; lower finds more and warns more often by mistake)'}
      </span>
    </div>
  );
}

/** A rule's message with its placeholders ({match}, {company}…) set apart, as the advocate will see them filled. */
function Template({ text }: { text: string }) {
  // Keyed by offset in the message: stable, and unique even when a part repeats.
  const parts: Array<{ at: number; part: string }> = [];
  let at = 0;
  for (const part of text.split(/(\{[a-zA-Z]+\})/)) {
    parts.push({ at, part });
    at += part.length;
  }
  return (
    <>
      {parts.map(({ at, part }) =>
        /^\{[a-zA-Z]+\}$/.test(part) ? (
          <span key={at} className="gl-placeholder" title="Filled in for the advocate">
            {part.slice(1, -1)}
          </span>
        ) : (
          <Fragment key={at}>{part}</Fragment>
        ),
      )}
    </>
  );
}
