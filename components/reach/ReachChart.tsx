import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { type ChartSeries, formatCount } from './reach-model';

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
          legend: { show: true, live: false },
          scales: { x: { time: true }, views: { auto: true }, counts: { auto: true } },
          axes: [
            { stroke: '#5b6b7a', grid: { stroke: '#eef2f5' } },
            { scale: 'views', stroke: COLOURS.views, values: (_u, values) => values.map(formatCount) },
            { scale: 'counts', side: 1, stroke: '#5b6b7a', grid: { show: false } },
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
              <th scope="row">{day}</th>
              <td>{series.views[i]}</td>
              <td>{series.clicks[i]}</td>
              <td>{series.shares[i]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
