// Chart.js for the statistics page only (this module is in its chunk): the parts used, registered once.
// Colour is never the only carrier: each line of a multi-series chart has its own marker shape and
// dash, shown in the legend; a single series needs none (its categories are on the axis). Every
// colour is dark enough for 4.5:1 on white. No animation: nothing moves on screen (WCAG 2.3.3), and a
// chart is at once what it says.
import { BarController, BarElement, CategoryScale, Chart, Legend, LineController, LineElement, LinearScale, PointElement, Tooltip, type ChartConfiguration, type PointStyle } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';

Chart.register(BarController, BarElement, CategoryScale, Legend, LineController, LineElement, LinearScale, PointElement, Tooltip);
Chart.defaults.color = '#1a1a1a';
Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
Chart.defaults.font.size = 13;
Chart.defaults.animation = false;

/** Contrast on white ≥ 4.5:1 each. */
const COLOURS = ['#0b4f9c', '#a4161a', '#0b6b3a', '#6a3d9a', '#8a4b00', '#00606b', '#4a4f57', '#9c2a6b', '#3a47a8', '#5c4a12'];
const MARKERS: PointStyle[] = ['circle', 'rect', 'triangle', 'rectRot', 'crossRot', 'star', 'rectRounded', 'cross', 'line', 'dash'];
const DASHES: number[][] = [[], [6, 3], [2, 3], [8, 3, 2, 3], [], [6, 3], [2, 3], [8, 3, 2, 3], [], [6, 3]];

export interface ChartSpec {
  /** `hbar`: horizontal bars (long category names). */
  kind: 'line' | 'bar' | 'hbar';
  labels: string[];
  series: Array<{ label: string; values: number[] }>;
  /** The canvas's accessible name: what the chart shows, in words. */
  summary: string;
  /** The value axis's title. */
  axis?: string;
}

function configOf(spec: ChartSpec): ChartConfiguration {
  const many = spec.series.length > 1;
  const horizontal = spec.kind === 'hbar';
  const valueAxis = { beginAtZero: true, ticks: { precision: spec.axis ? undefined : 0 }, title: spec.axis ? { display: true, text: spec.axis } : undefined, grid: { color: '#d5d9e0' } };
  return {
    type: spec.kind === 'line' ? 'line' : 'bar',
    data: {
      labels: spec.labels,
      datasets: spec.series.map((s, i) => ({
        label: s.label,
        data: s.values,
        borderColor: COLOURS[i % COLOURS.length],
        backgroundColor: COLOURS[i % COLOURS.length],
        borderWidth: 2,
        ...(spec.kind === 'line' ? { pointStyle: MARKERS[i % MARKERS.length], pointRadius: 5, borderDash: DASHES[i % DASHES.length], tension: 0 } : {}),
      })),
    },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      plugins: {
        legend: { display: many, position: 'bottom', labels: { usePointStyle: true, boxWidth: 12 } },
        tooltip: { enabled: true },
      },
      scales: horizontal ? { x: valueAxis, y: { grid: { display: false } } } : { y: valueAxis, x: { grid: { display: false } } },
    },
  } as ChartConfiguration;
}

/** A chart in a canvas named by its summary (role="img"); the numbers are in the table that follows it. */
export function ChartCanvas({ spec }: { spec: ChartSpec }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const chart = new Chart(canvas.current!, configOf(spec));
    return () => chart.destroy();
  }, [JSON.stringify(spec)]);
  // Horizontal bars: room for each category.
  const height = spec.kind === 'hbar' ? `${Math.max(10, 3 + spec.labels.length * 2.4)}rem` : spec.series.length > 3 ? '24rem' : '18rem';
  return (
    <div class="chart" style={{ height }}>
      <canvas ref={canvas} role="img" aria-label={spec.summary} />
    </div>
  );
}
