import { useState } from 'react';
import type { AnalyticsResponse, NoisyRule } from '@/lib/contract/hub-admin';
import { formatNumber, formatPercent } from '@/lib/format';

/** A rule by its title where the policy knows it, and always by its id (overlay or retired rules have only that). */
function RuleName({ ruleId, title }: { ruleId: string; title: string }) {
  return (
    <th scope="row" className="coe-table__rule">
      {title || ruleId} {title && <span className="hint-inline">{ruleId}</span>}
    </th>
  );
}

/** How often each rule fired in published posts. */
export function MostTriggered({
  rules,
  ruleTitle,
}: {
  rules: AnalyticsResponse['topRules'];
  ruleTitle(id: string): string;
}) {
  return (
    <section className="card" aria-labelledby="rules-title">
      <h2 id="rules-title">Most-triggered guidelines</h2>
      <p className="hint">
        How often each rule warned advocates in the posts they published (counts only, never text).
      </p>
      {rules.length === 0 ? (
        <p className="hint">No guideline fired in this period.</p>
      ) : (
        <table className="coe-table">
          <caption className="visually-hidden">Most-triggered guidelines, most first</caption>
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col">Times</th>
            </tr>
          </thead>
          <tbody>
            {rules.map((r) => (
              <tr key={r.ruleId}>
                <RuleName ruleId={r.ruleId} title={ruleTitle(r.ruleId)} />
                <td>{formatNumber(r.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

type Order = 'count' | 'ratio';
const ORDERS: Array<{ id: Order; label: string }> = [
  { id: 'count', label: 'Most pushback' },
  { id: 'ratio', label: 'Highest share' },
];

const pushback = (r: NoisyRule) => r.notHelpful + r.dismissed;

/** The rules advocates push back on: *Not helpful* and dismissals, and their share of the times the rule fired. */
export function NoisiestRules({ rules, ruleTitle }: { rules: NoisyRule[]; ruleTitle(id: string): string }) {
  const [order, setOrder] = useState<Order>('count');
  const sorted =
    order === 'count'
      ? rules
      : [...rules].sort((a, b) => (b.ratio ?? -1) - (a.ratio ?? -1) || pushback(b) - pushback(a));
  return (
    <section className="card" aria-labelledby="noisy-title">
      <h2 id="noisy-title">Noisiest rules</h2>
      <p className="hint">
        Tips advocates marked <em>Not helpful</em> or dismissed: candidates to reword, retarget or retire. Counts only,
        never text.
      </p>
      {rules.length === 0 ? (
        <p className="hint">No tip was dismissed or marked not helpful in this period.</p>
      ) : (
        <>
          <fieldset className="tags coe-order" aria-labelledby="noisy-order">
            <span id="noisy-order" className="hint-inline">
              Order by
            </span>
            {ORDERS.map((o) => (
              <button
                key={o.id}
                type="button"
                className={`pill pill--button${order === o.id ? ' pill--on' : ''}`}
                aria-pressed={order === o.id}
                onClick={() => setOrder(o.id)}
              >
                {o.label}
              </button>
            ))}
          </fieldset>
          <table className="coe-table" data-testid="noisy-rules">
            <caption className="visually-hidden">
              Noisiest rules, {order === 'count' ? 'most pushback first' : 'highest share of times shown first'}
            </caption>
            <thead>
              <tr>
                <th scope="col">Rule</th>
                <th scope="col">Not helpful</th>
                <th scope="col">Dismissed</th>
                <th scope="col">Of times shown</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((r) => (
                <tr key={r.ruleId}>
                  <RuleName ruleId={r.ruleId} title={ruleTitle(r.ruleId)} />
                  <td>{formatNumber(r.notHelpful)}</td>
                  <td>{formatNumber(r.dismissed)}</td>
                  <td>
                    {r.ratio === null ? (
                      <span className="hint-inline">not in a published post</span>
                    ) : (
                      <>
                        {formatPercent(r.ratio)} <span className="hint-inline">of {formatNumber(r.triggered)}</span>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
