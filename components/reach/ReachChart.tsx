import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatCompact, formatDate, formatNumber } from '@/lib/format';
import { type ChartSeries, dayDate } from './reach-model';

/**
 * Axis ticks: the day and month of lib/format's medium date ("20 Nov"; the period is in the label). The series'
 * days are UTC midnights, so the ticks are placed and written in UTC: each stays on its own day in any time zone.
 */
const tickFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });

const COLOURS = { views: '#1f5f8b', clicks: '#d9822b', shares: '#2e8b57' };

/**
 * Views (left axis) with clicks and shares (right axis) per day or week, drawn with uPlot. The same numbers are in
 * a table for screen readers and for anyone who prefers reading them.
 */
export function ReachChart({ series, label }: { series: ChartSeries; label: string }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    // Without a 2D canvas (a test DOM) there is nothing to draw on: the table below still has every number.
    if (!element || typeof ResizeObserver === 'undefined' || !document.createElement('canvas').getContext('2d')) return;
    let plot: uPlot | undefined;
    const draw = (width: number) => {
      plot?.destroy();
      plot = new uPlot(
        {
          width: Math.max(240, Math.floor(width)),
          height: 180,
          cursor: { drag: { x: false, y: false } },
          tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
          legend: { show: true, live: false },
          // Counts start at 0 and reach at least 1: with no click or share yet, the axis reads 0–1, not 0–100.
          scales: {
            x: { time: true },
            views: { range: (_u, _min, max) => [0, Math.max(10, max)] },
            counts: { range: (_u, _min, max) => [0, Math.max(1, max)] },
          },
          axes: [
            {
              stroke: '#5b6b7a',
              grid: { stroke: '#eef2f5' },
              space: 60,
              values: (_u, values) => values.map((seconds) => tickFormat.format(seconds * 1000)),
            },
            // One notation along the axis ("5K", "10K", "15K"), not "5,000" next to "10K".
            { scale: 'views', stroke: COLOURS.views, values: (_u, values) => values.map(formatCompact) },
            {
              scale: 'counts',
              side: 1,
              stroke: '#5b6b7a',
              grid: { show: false },
              values: (_u, values) => values.map((n) => (Number.isInteger(n) ? formatNumber(n) : '')),
            },
          ],
          series: [
            {},
            { label: 'Views', scale: 'views', stroke: COLOURS.views, fill: 'rgba(31,95,139,0.08)', width: 2 },
            { label: 'Clicks', scale: 'counts', stroke: COLOURS.clicks, width: 2 },
            { label: 'Shares', scale: 'counts', stroke: COLOURS.shares, width: 2, dash: [4, 3] },
          ],
        },
        [series.x, series.views, series.clicks, series.shares],
        element,
      );
    };
    draw(element.clientWidth);
    const observer = new ResizeObserver(([entry]) => {
      if (entry && Math.abs(entry.contentRect.width - (plot?.width ?? 0)) > 8) draw(entry.contentRect.width);
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      plot?.destroy();
    };
  }, [series]);

  return (
    <figure className="reach-chart" aria-label={label}>
      <div ref={container} className="reach-chart__plot" data-testid="reach-chart" aria-hidden="true" />
      <table className="visually-hidden">
        <caption>{label}</caption>
        <thead>
          <tr>
            <th scope="col">From</th>
            <th scope="col">Views</th>
            <th scope="col">Clicks</th>
            <th scope="col">Shares</th>
          </tr>
        </thead>
        <tbody>
          {series.days.map((day, i) => (
            <tr key={day}>
              <th scope="row">{formatDate(dayDate(day))}</th>
              <td>{formatNumber(series.views[i] ?? 0)}</td>
              <td>{formatNumber(series.clicks[i] ?? 0)}</td>
              <td>{formatNumber(series.shares[i] ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
