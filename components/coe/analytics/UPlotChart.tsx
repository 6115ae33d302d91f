import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** A uPlot chart that follows its data and the width of its box; `label` is its text alternative. */
export function UPlotChart({
  options,
  data,
  label,
  height = 220,
}: {
  options: Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
  label: string;
  height?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const node = box.current;
    if (!node) return;
    const width = () => Math.max(280, node.clientWidth);
    const chart = new uPlot({ ...options, width: width(), height }, data, node);
    const observer = new ResizeObserver(() => chart.setSize({ width: width(), height }));
    observer.observe(node);
    return () => {
      observer.disconnect();
      chart.destroy();
    };
  }, [options, data, height]);
  return <div ref={box} className="coe-chart" role="img" aria-label={label} />;
}
