/**
 * The volume chart's data from a `| timechart count [by field]` table: one x per bucket over the
 * whole range (buckets the store left out are zeros), one series per value of the stacking field,
 * largest first, `OTHER` last. `stacked` holds running totals so a series drawn over the one after it
 * shows as a band.
 */
export interface TimechartTable {
  columns: string[];
  rows: (string | number | null)[][];
  timechart?: { span_ms: number; series_field?: string };
}

export interface VolumeSeries {
  name: string;
  values: number[];
  stacked: number[];
  total: number;
}

export interface VolumeData {
  /** Bucket starts in seconds (what uPlot's time axis expects). */
  x: number[];
  series: VolumeSeries[];
  spanMs: number;
  total: number;
}

const MAX_BUCKETS = 2000;
const OTHER = 'OTHER';

export function volumeFromTable(table: TimechartTable, range: { fromMs: number; toMs: number }): VolumeData {
  const spanMs = table.timechart?.span_ms ?? 60_000;
  const seriesField = table.timechart?.series_field;
  const first = Math.floor(range.fromMs / spanMs) * spanMs;
  const count = Math.min(MAX_BUCKETS, Math.max(1, Math.floor((range.toMs - first) / spanMs) + 1));
  const x = Array.from({ length: count }, (_, index) => (first + index * spanMs) / 1000);
  const byName = new Map<string, number[]>();
  const valueColumn = seriesField === undefined ? 1 : 2;
  for (const row of table.rows) {
    const bucket = Math.round((Number(row[0]) - first) / spanMs);
    if (!(bucket >= 0 && bucket < count)) continue;
    const name = seriesField === undefined ? 'events' : String(row[1] ?? '(none)');
    const values = byName.get(name) ?? new Array<number>(count).fill(0);
    values[bucket] = (values[bucket] ?? 0) + Number(row[valueColumn] ?? 0);
    byName.set(name, values);
  }
  const ordered = [...byName.entries()]
    .map(([name, values]) => ({ name, values, total: values.reduce((sum, value) => sum + value, 0) }))
    .sort((a, b) => (a.name === OTHER ? 1 : b.name === OTHER ? -1 : b.total - a.total || a.name.localeCompare(b.name)));
  const running = new Array<number>(count).fill(0);
  const series = ordered.map((entry) => {
    const stacked = entry.values.map((value, index) => (running[index] = (running[index] ?? 0) + value));
    return { ...entry, stacked };
  });
  return { x, series, spanMs, total: series.reduce((sum, entry) => sum + entry.total, 0) };
}

/** The query that feeds the chart: the user's filter, counted per bucket and stacking field. */
export function timechartQuery(filter: string, stackField: string | undefined): string {
  const by = stackField ? ` by ${stackField}` : '';
  return `${filter.trim()} | timechart count${by}`.trim();
}

/** A brushed x range (seconds) as absolute URL times, widened to whole buckets. */
export function brushRange(leftSeconds: number, rightSeconds: number, spanMs: number): { from: string; to: string } {
  const fromMs = Math.floor((Math.min(leftSeconds, rightSeconds) * 1000) / spanMs) * spanMs;
  const toMs = Math.max(fromMs + spanMs, Math.ceil((Math.max(leftSeconds, rightSeconds) * 1000) / spanMs) * spanMs) - 1;
  return { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() };
}

/** A stable colour per series position; the palette reads on dark and light backgrounds. */
export const SERIES_COLORS = [
  '#4f9dff',
  '#f59f45',
  '#3fbf7f',
  '#e5566b',
  '#a77dff',
  '#2bc4c4',
  '#d6c24a',
  '#ff7ac6',
  '#8fa3b8',
  '#9ad16b',
  '#6c7a89',
];

export function seriesColor(index: number, name: string): string {
  if (name === OTHER) return '#6c7a89';
  return SERIES_COLORS[index % (SERIES_COLORS.length - 1)] ?? '#4f9dff';
}
