import { BarChart, LineChart, PieChart } from 'echarts/charts';
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts';
import { DatasetComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import type { DatasetComponentOption, GridComponentOption, LegendComponentOption, TitleComponentOption, TooltipComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { CSSProperties, ReactNode } from 'react';
import { useEffect, useId, useRef } from 'react';

// Only what the app draws: keeps the chart chunk small (tree-shaken `echarts/core`).
echarts.use([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, LegendComponent, TitleComponent, DatasetComponent, CanvasRenderer]);

/** The options the registered charts and components understand. */
export type EChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | TitleComponentOption
  | DatasetComponentOption
>;

export interface EChartProps {
  option: EChartOption;
  /** Pixel height of the drawing area (the width follows the container). */
  height?: number;
  /** What the chart shows, in one sentence, for screen readers (the canvas itself is not readable). */
  ariaLabel: string;
  /** An optional visible caption under the chart (e.g. the numbers in words, or a source line). */
  caption?: ReactNode;
  className?: string;
  style?: CSSProperties;
}

/**
 * An ECharts chart that follows its container's width (ResizeObserver), is disposed on unmount and
 * has a text alternative: `role="img"` with `aria-label`, and an optional `<figcaption>`.
 * Pass data that screen-reader users also need as a table or list next to the chart.
 */
export function EChart({ option, height = 320, ariaLabel, caption, className, style }: EChartProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const captionId = useId();

  // One chart instance per mounted component; follows the box's size.
  useEffect(() => {
    const box = boxRef.current;
    if (!box) return undefined;
    const chart = echarts.init(box, null, { renderer: 'canvas' });
    chartRef.current = chart;
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (!chart.isDisposed()) chart.resize();
      });
    });
    observer.observe(box);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  // New options replace the old ones (series removed from the option disappear from the chart).
  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <figure className={className} style={{ margin: 0, ...style }}>
      <div ref={boxRef} role="img" aria-label={ariaLabel} aria-describedby={caption ? captionId : undefined} style={{ width: '100%', height }} />
      {caption ? (
        <figcaption id={captionId} style={{ fontSize: 12, color: 'rgba(0, 0, 0, 0.55)', marginTop: 4 }}>
          {caption}
        </figcaption>
      ) : null}
    </figure>
  );
}
