/**
 * The trend chart, drawn by uPlot and loaded only when a trend is shown: the
 * score per bucket as a line, its 95% interval as a band between each
 * bucket's ci95 ends. Buckets without answers are gaps, never zeros; buckets
 * with too few answers to judge have no band and a hollow point. Ticks sit
 * on bucket starts and are written in the console's language, calendar and
 * zone; in fa and ar time runs right to left, as the text does. A click or a
 * tap on the plot opens the bucket under it.
 */
import uPlot from 'uplot';
import type { Kind } from '../../shared/kinds';
import type { Bucket } from '../api/analyst';

/** Opaque, so that a test can find the band's pixels on the canvas. */
export const BAND_FILL = 'rgb(198, 219, 252)';
export const LINE_STROKE = 'rgb(18, 86, 196)';

const HEIGHT = 300;
/** Room for one tick label (CSS px). */
const TICK_SPACE = 110;

export interface TrendOptions {
  kind: Kind;
  series: Bucket[];
  rtl: boolean;
  /** Bucket start (ms) → tick label. */
  tick: (ms: number) => string;
  /** Bucket start (ms) → label in the hover legend. */
  label: (ms: number) => string;
  score: (value: number) => string;
  number: (value: number) => string;
  names: { score: string; low: string; high: string; time: string; few: string };
  /** Too few answers to judge this bucket. */
  few: (bucket: Bucket) => boolean;
  /** Open the answers of the bucket at this index. */
  open: (index: number) => void;
}

/**
 * The range each kind's score can take: NPS −100 to 100, CSAT a percentage,
 * CES the mean on its 1–7 scale. Written out rather than read from
 * shared/kinds.ts, so that this lazy chunk shares no module with the first screen.
 */
const SCORE_RANGE: Record<Kind, [number, number]> = { nps: [-100, 100], csat: [0, 100], ces: [1, 7] };

/** The y range: the data with some air, within the kind's scale. */
function yRange(kind: Kind, series: Bucket[]): [number, number] {
  const [floor, ceiling] = SCORE_RANGE[kind];
  const ends = series.flatMap((b) => b.ci95 ?? (b.score === null ? [] : [b.score]));
  if (ends.length == 0) return [floor, ceiling];
  const pad = (ceiling - floor) / 20;
  return [Math.max(floor, Math.min(...ends) - pad), Math.min(ceiling, Math.max(...ends) + pad)];
}

/** Evenly spaced bucket starts, as many as fit. */
function ticks(xs: number[], width: number): number[] {
  const room = Math.max(2, Math.floor(width / TICK_SPACE));
  const step = Math.max(1, Math.ceil(xs.length / room));
  return xs.filter((_, i) => i % step == 0);
}

export function drawTrend(target: HTMLElement, o: TrendOptions): { destroy(): void } {
  const xs = o.series.map((b) => Date.parse(b.start) / 1000);
  const few = o.series.map(o.few);
  // The interval first, so that the band is painted under the score's line; none where too few answers make it meaningless.
  const data: uPlot.AlignedData = [
    xs,
    o.series.map((b, i) => (few[i] ? null : (b.ci95?.[1] ?? null))),
    o.series.map((b, i) => (few[i] ? null : (b.ci95?.[0] ?? null))),
    o.series.map((b) => b.score),
    o.series.map((b, i) => (few[i] ? b.score : null)),
  ];
  // Points where there are few buckets, or where answers are sparse: an hour between two empty ones has no line to draw.
  const answered = o.series.filter((b) => b.score !== null).length;
  const short = xs.length <= 60;
  const sparse = answered < xs.length / 2;
  const options: uPlot.Options = {
    width: Math.max(200, target.clientWidth),
    height: HEIGHT,
    scales: {
      x: { time: true, dir: o.rtl ? -1 : 1 },
      y: { range: () => yRange(o.kind, o.series) },
    },
    series: [
      { label: o.names.time, value: (_u, v) => (v == null ? '–' : o.label(v * 1000)) },
      { label: o.names.high, stroke: 'transparent', points: { show: false }, value: (_u, v) => (v == null ? '–' : o.score(v)) },
      { label: o.names.low, stroke: 'transparent', points: { show: false }, value: (_u, v) => (v == null ? '–' : o.score(v)) },
      {
        label: o.names.score,
        stroke: LINE_STROKE,
        width: 2,
        // Filled points for buckets that can be judged; the hollow ones are the next series'.
        points: { show: short || sparse, size: short ? 5 : 3, fill: LINE_STROKE, filter: (_u, _s, show) => (show ? xs.flatMap((_, i) => (few[i] ? [] : [i])) : null) },
        value: (_u, v) => (v == null ? '–' : o.score(v)),
      },
      {
        label: o.names.few,
        stroke: LINE_STROKE,
        width: 0,
        paths: () => null,
        points: { show: true, size: 7, width: 2, fill: '#fff', stroke: LINE_STROKE },
        value: (_u, v) => (v == null ? '–' : o.score(v)),
      },
    ],
    bands: [{ series: [1, 2], fill: BAND_FILL }],
    axes: [
      {
        splits: (u) => ticks(xs, u.bbox.width / devicePixelRatio),
        values: (_u, splits) => splits.map((s) => o.tick(s * 1000)),
        grid: { show: false },
      },
      {
        side: o.rtl ? 1 : 3,
        values: (_u, splits) => splits.map((s) => o.number(s)),
        grid: { stroke: 'rgb(226, 229, 234)', width: 1 },
      },
    ],
    legend: { live: true },
    cursor: { drag: { x: false, y: false } },
  };
  const chart = new uPlot(options, data, target);
  // The bucket under a click or a tap (the pointer's position, not the hover cursor a tap may not have moved).
  chart.over.addEventListener('click', (event) => {
    const index = chart.posToIdx(event.offsetX);
    if (o.series[index]?.n) o.open(index);
  });
  const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(200, target.clientWidth), height: HEIGHT }));
  resize.observe(target);
  return {
    destroy() {
      resize.disconnect();
      chart.destroy();
    },
  };
}
