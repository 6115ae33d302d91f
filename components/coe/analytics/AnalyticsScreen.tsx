import { useMemo, useState } from 'react';
import uPlot from 'uplot';
import { ErrorNote } from '@/components/ui/PageShell';
import type { AdminClient } from '@/lib/coe/admin-client';
import { analyticsCsv } from '@/lib/coe/csv';
import { NETWORK_LABEL } from '@/lib/contract/common';
import type { AnalyticsResponse, BusinessUnit } from '@/lib/contract/hub-admin';
import {
  formatDate,
  formatNumber,
  formatPercent,
  REPORT_PERIOD_LABEL,
  REPORT_PERIODS,
  type ReportPeriod,
} from '@/lib/format';
import { useLoad } from '../use-load';
import { CoverageTable } from './CoverageTable';
import { MostTriggered, NoisiestRules } from './RuleTables';
import { UPlotChart } from './UPlotChart';

const DAY = 86_400_000;

const COUNT_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 50_000, 100_000];
const short = (name: string) => (name.length > 14 ? `${name.slice(0, 13)}…` : name);
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** A report day ("2026-12-06") as the console shows dates; read at noon so no time zone moves it to another day. */
const dayLabel = (day: string) => formatDate(`${day}T12:00:00`);

/** Nothing happened in the period: no share, click, view or rule warning to draw. */
const isEmpty = (a: AnalyticsResponse) =>
  a.sharingMembers === 0 &&
  a.totals.shares === 0 &&
  a.totals.clicks === 0 &&
  a.totals.views === 0 &&
  a.topRules.length === 0 &&
  a.noisyRules.length === 0;

function Kpi({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="coe-kpi">
      <span className="coe-kpi__label">{label}</span>
      <strong className="coe-kpi__value">{value}</strong>
      {detail && <span className="coe-kpi__detail">{detail}</span>}
    </div>
  );
}

function ParticipationChart({ report }: { report: AnalyticsResponse }) {
  const { options, data } = useMemo(() => {
    const points = report.participationSeries;
    const xs = points.map((p) => Date.parse(`${p.from}T00:00:00Z`) / 1000);
    const rates = points.map((p) => Math.round(p.participationRate * 1000) / 10);
    const options: Omit<uPlot.Options, 'width' | 'height'> = {
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true }, y: { range: [0, Math.max(10, ...rates) * 1.15] } },
      axes: [
        // Dates as everywhere in the console (lib/format), spaced so that they don't crowd.
        {
          stroke: '#5b6b7a',
          grid: { stroke: '#eef2f5' },
          space: 110,
          values: (_u, ticks) => ticks.map((t) => formatDate(t * 1000)),
        },
        {
          stroke: '#5b6b7a',
          grid: { stroke: '#eef2f5' },
          values: (_u, ticks) => ticks.map((t) => formatPercent(t / 100)),
          size: 52,
        },
      ],
      series: [
        {},
        {
          label: 'Participation',
          stroke: '#1f5f8b',
          width: 2,
          fill: 'rgba(31, 95, 139, 0.12)',
          points: { show: true, size: 6 },
        },
      ],
    };
    return { options, data: [xs, rates] as uPlot.AlignedData };
  }, [report]);
  const last = report.participationSeries.at(-1);
  return (
    <UPlotChart
      options={options}
      data={data}
      label={`Participation over time: ${report.participationSeries.length} points, latest ${last ? formatPercent(last.participationRate) : 'none'}`}
    />
  );
}

function UnitBars({ report }: { report: AnalyticsResponse }) {
  const { options, data } = useMemo(() => {
    const rows = report.byBusinessUnit;
    const xs = rows.map((_, i) => i);
    const bars = uPlot.paths.bars?.({ size: [0.25, 40], gap: 2 });
    const series = (label: string, color: string, offset: number): uPlot.Series => ({
      label,
      fill: color,
      stroke: color,
      paths: uPlot.paths.bars?.({ size: [0.25, 40], align: offset as 0 | 1 | -1 }) ?? bars,
      points: { show: false },
    });
    const options: Omit<uPlot.Options, 'width' | 'height'> = {
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false, range: [-0.6, rows.length - 0.4] } },
      axes: [
        {
          stroke: '#5b6b7a',
          grid: { show: false },
          splits: () => xs,
          // Long names are shortened on the axis; the table below has them in full.
          values: (_u, ticks) => ticks.map((t) => short(rows[t]?.name ?? '')),
        },
        // Counts: whole numbers only.
        { stroke: '#5b6b7a', grid: { stroke: '#eef2f5' }, size: 48, incrs: COUNT_STEPS },
      ],
      series: [{ label: 'Unit' }, series('Shares', '#1f5f8b', -1), series('Clicks', '#e0913a', 1)],
    };
    return {
      options,
      data: [xs, rows.map((r) => r.shares), rows.map((r) => r.clicks)] as uPlot.AlignedData,
    };
  }, [report]);
  return <UPlotChart options={options} data={data} label="Shares and clicks by business unit" height={200} />;
}

/** Participation and reach across the organisation: KPIs, charts, breakdowns, rules (triggered, noisiest), idle
 * members, CSV. */
export function AnalyticsScreen({ client, units }: { client: AdminClient; units: BusinessUnit[] }) {
  const [days, setDays] = useState<ReportPeriod>(30);
  const [bucket, setBucket] = useState<'day' | 'week'>('week');
  const to = dayOf(Date.now());
  const from = dayOf(Date.now() - (days - 1) * DAY);
  const report = useLoad(() => client.analytics({ from, to, bucket }), [client, from, to, bucket]);
  const policy = useLoad(() => client.policy(), [client]);
  const ruleTitle = (id: string) => {
    const rules = (policy.data?.pack as { rules?: Array<{ id: string; title?: string }> } | undefined)?.rules;
    return rules?.find((r) => r.id === id)?.title ?? '';
  };
  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? 'unknown unit';
  const a = report.data;

  const download = () => {
    if (!a) return;
    const csv = analyticsCsv(a, { unit: unitName, rule: ruleTitle });
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `spoke-analytics-${a.from}-to-${a.to}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <div className="coe-analytics">
      <div className="coe-toolbar">
        <fieldset className="tags">
          <legend className="visually-hidden">Period</legend>
          {REPORT_PERIODS.map((p) => (
            <button
              key={p}
              type="button"
              className={`pill pill--button${days === p ? ' pill--on' : ''}`}
              aria-pressed={days === p}
              onClick={() => setDays(p)}
            >
              {REPORT_PERIOD_LABEL[p]}
            </button>
          ))}
        </fieldset>
        <label className="coe-toolbar__field">
          Points per
          <select value={bucket} onChange={(e) => setBucket(e.target.value as 'day' | 'week')}>
            <option value="week">week</option>
            <option value="day">day</option>
          </select>
        </label>
        <span className="hint-inline" role="status">
          {report.loading ? 'Updating…' : a ? `${dayLabel(a.from)} to ${dayLabel(a.to)}` : ''}
        </span>
        <button type="button" className="button button--quiet coe-toolbar__end" disabled={!a} onClick={download}>
          Export CSV
        </button>
      </div>
      <ErrorNote error={report.error ?? null} />
      {!a && report.loading && <p className="hint">Loading the report…</p>}
      {a && isEmpty(a) && (
        <section
          className="card coe-analytics-empty"
          aria-labelledby="analytics-empty-title"
          data-testid="analytics-empty"
        >
          <h2 id="analytics-empty-title">No participation in this period yet</h2>
          <p>
            When advocates share, it shows here: participation, shares, clicks and views by unit and network.{' '}
            {a.activeMembers === 0
              ? 'No advocate has joined yet: send an invite link from Organisation.'
              : `${formatNumber(a.activeMembers)} active advocate${a.activeMembers === 1 ? '' : 's'} can share the posts you publish.`}
          </p>
        </section>
      )}
      {a && !isEmpty(a) && (
        <>
          <div className="coe-kpis">
            <Kpi
              label="Participation"
              value={formatPercent(a.participationRate)}
              detail={`${formatNumber(a.sharingMembers)} of ${formatNumber(a.activeMembers)} active advocates shared`}
            />
            <Kpi label="Sharing advocates" value={formatNumber(a.sharingMembers)} detail="shared at least once" />
            <Kpi label="Shares" value={formatNumber(a.totals.shares)} />
            <Kpi label="Clicks" value={formatNumber(a.totals.clicks)} detail="people, bots left out" />
            <Kpi label="Views" value={formatNumber(a.totals.views)} detail="read by advocates on their posts" />
          </div>

          <section className="card" aria-labelledby="participation-title">
            <h2 id="participation-title">Participation over time</h2>
            <p className="hint">
              Share of active advocates (CoE members not counted) who shared at least once in each {bucket}. Healthy
              programmes stay at 30% or more.
            </p>
            {a.sharingMembers > 0 ? (
              <ParticipationChart report={a} />
            ) : (
              <p className="hint">No advocate shared in this period: there is no participation to draw.</p>
            )}
          </section>

          <div className="columns">
            <section className="card" aria-labelledby="units-title">
              <h2 id="units-title">By business unit</h2>
              {a.byBusinessUnit.some((u) => u.shares > 0 || u.clicks > 0) && <UnitBars report={a} />}
              <table className="coe-table">
                <thead>
                  <tr>
                    <th>Unit</th>
                    <th>Participation</th>
                    <th>Shares</th>
                    <th>Clicks</th>
                    <th>Views</th>
                  </tr>
                </thead>
                <tbody>
                  {a.byBusinessUnit.map((u) => (
                    <tr key={u.businessUnitId}>
                      <td>{u.name}</td>
                      <td>
                        {u.activeMembers === 0 ? (
                          <span className="hint-inline">no advocates</span>
                        ) : (
                          <>
                            {formatPercent(u.participationRate)}{' '}
                            <span className="hint-inline">
                              ({formatNumber(u.sharingMembers)}/{formatNumber(u.activeMembers)})
                            </span>
                          </>
                        )}
                      </td>
                      <td>{formatNumber(u.shares)}</td>
                      <td>{formatNumber(u.clicks)}</td>
                      <td>{formatNumber(u.views)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <div>
              <section className="card" aria-labelledby="networks-title">
                <h2 id="networks-title">By network</h2>
                <table className="coe-table">
                  <thead>
                    <tr>
                      <th>Network</th>
                      <th>Shares</th>
                      <th>Clicks</th>
                      <th>Views</th>
                    </tr>
                  </thead>
                  <tbody>
                    {a.byNetwork.map((n) => (
                      <tr key={n.network}>
                        <td>{NETWORK_LABEL[n.network]}</td>
                        <td>{formatNumber(n.shares)}</td>
                        <td>{formatNumber(n.clicks)}</td>
                        <td>{formatNumber(n.views)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
              <section className="card" aria-labelledby="top-title">
                <h2 id="top-title">Top content</h2>
                {a.topContent.every((c) => c.shares === 0 && c.clicks === 0) ? (
                  <p className="hint">No post was shared in this period yet.</p>
                ) : (
                  <table className="coe-table">
                    <thead>
                      <tr>
                        <th>Post</th>
                        <th>Shares</th>
                        <th>Clicks</th>
                      </tr>
                    </thead>
                    <tbody>
                      {a.topContent
                        .filter((c) => c.shares > 0 || c.clicks > 0)
                        .map((c) => (
                          <tr key={c.contentId}>
                            <td>{c.title}</td>
                            <td>{formatNumber(c.shares)}</td>
                            <td>{formatNumber(c.clicks)}</td>
                          </tr>
                        ))}
                    </tbody>
                  </table>
                )}
              </section>
            </div>
          </div>

          <div className="columns">
            <MostTriggered rules={a.topRules} ruleTitle={ruleTitle} />
            <NoisiestRules rules={a.noisyRules} ruleTitle={ruleTitle} />
          </div>
        </>
      )}
      {a && <CoverageTable rows={a.coverage ?? []} />}
      {a && (
        <section className="card" aria-labelledby="idle-title">
          <h2 id="idle-title">Idle members</h2>
          <p className="hint">
            <strong>{formatNumber(a.inactive.over30Days)}</strong> without activity for 30 days or more, of whom{' '}
            <strong>{formatNumber(a.inactive.over90Days)}</strong> for 90 days or more (whoever joined more recently is
            not counted). A friendly nudge or a better-targeted post often brings them back.
          </p>
          {a.inactive.members.length > 0 && (
            <table className="coe-table">
              <thead>
                <tr>
                  <th>Member</th>
                  <th>Unit</th>
                  <th>Last active</th>
                </tr>
              </thead>
              <tbody>
                {a.inactive.members.slice(0, 50).map((m) => (
                  <tr key={m.id}>
                    <td>{m.displayName}</td>
                    <td>{unitName(m.businessUnitId)}</td>
                    <td>{m.lastActiveAt ? formatDate(m.lastActiveAt) : `never (joined ${formatDate(m.joinedAt)})`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </div>
  );
}
