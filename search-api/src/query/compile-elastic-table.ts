import type { Pipe, StatsPipe, TimechartPipe, TopPipe } from './ast.ts';
import type { EsQuery } from './compile-elastic-leaf.ts';
import {
  groupField,
  mergeStates,
  metricAggs,
  metricPlan,
  type AggBucket,
  type MetricPlan,
  type MetricState,
} from './compile-elastic-metrics.ts';
import { compareCells, rowPipeline, TABLE_ROW_CAP, type Row } from './compile-elastic-rows.ts';
import { QuerySyntaxError } from './syntax-error.ts';
import { checkUnique } from './table-pipes.ts';
import { spanFor } from './timechart-span.ts';

/**
 * Table commands as aggregations, with the SQLite compiler's table shapes: stats -> one row, or a
 * composite aggregation over the by-fields (rows in key order); top/rare -> terms ordered by count
 * with `count` and `percent`; timechart -> date_histogram (or composite time x series, where the
 * series outside the top N are folded into OTHER). Columns carry the user's names.
 */

export interface ElasticTablePlan {
  kind: 'table';
  query: EsQuery;
  aggs: Record<string, EsQuery>;
  /** A composite aggregation the executor pages through, concatenating its buckets. */
  composite?: { name: string; maxBuckets: number };
  /** stats without by counts every matching event: the total must be exact. */
  trackTotalHits: boolean;
  columns: string[];
  /** Rows are (_time, [series], values...); `_time` is the bucket start in ms. Empty buckets are absent. */
  timechart?: { spanMs: number; series?: string };
  rows(aggregations: Record<string, unknown>, total: number): Row[];
}

/** How many time x series cells timechart reads before folding series into OTHER. */
const MAX_GRID_BUCKETS = 100_000;
const COMPOSITE_PAGE = 2_000;

type TableCore = Omit<ElasticTablePlan, 'kind' | 'query' | 'rows'> & {
  read(aggregations: Record<string, unknown>, total: number): Row[];
  limit: number;
};

const bucketsOf = (aggregations: Record<string, unknown>, name: string) =>
  ((aggregations[name] as { buckets?: AggBucket[] } | undefined)?.buckets ?? []) as (AggBucket & {
    key: unknown;
  })[];

const finishAll = (plans: readonly MetricPlan[], bucket: AggBucket) =>
  plans.map((plan) => plan.finish(plan.state(bucket)));

function statsTable(pipe: StatsPipe): TableCore {
  const columns = [...pipe.by, ...pipe.aggs.map((agg) => agg.name)];
  checkUnique(columns, pipe.loc);
  const metrics = pipe.aggs.map((agg, index) => metricPlan(agg, `m${index}`));
  if (pipe.by.length === 0) {
    return {
      aggs: metricAggs(metrics),
      trackTotalHits: true,
      columns,
      limit: TABLE_ROW_CAP,
      // Like SQL without GROUP BY: one row, even over no events.
      read: (aggregations, total) => [finishAll(metrics, { ...aggregations, doc_count: total })],
    };
  }
  const sources = pipe.by.map((field, index) => ({ [`g${index}`]: { terms: { field: groupField(field, pipe.loc) } } }));
  return {
    aggs: { groups: { composite: { size: COMPOSITE_PAGE, sources }, aggs: metricAggs(metrics) } },
    composite: { name: 'groups', maxBuckets: TABLE_ROW_CAP },
    trackTotalHits: false,
    columns,
    limit: TABLE_ROW_CAP,
    read: (aggregations) =>
      bucketsOf(aggregations, 'groups').map((bucket) => {
        const key = bucket.key as Record<string, string | number>;
        return [...pipe.by.map((_, index) => key[`g${index}`] ?? null), ...finishAll(metrics, bucket)];
      }),
  };
}

function topTable(pipe: TopPipe): TableCore {
  const columns = [pipe.field, 'count', 'percent'];
  checkUnique(columns, pipe.loc);
  const limit = Math.min(pipe.limit, TABLE_ROW_CAP);
  const order = [{ _count: pipe.type === 'top' ? 'desc' : 'asc' }, { _key: 'asc' }];
  return {
    aggs: { values: { terms: { field: groupField(pipe.field, pipe.loc), size: Math.max(1, limit), order } } },
    trackTotalHits: false,
    columns,
    limit,
    read: (aggregations) => {
      const values = aggregations.values as { sum_other_doc_count?: number } | undefined;
      const buckets = bucketsOf(aggregations, 'values');
      // Percent of all values, not only of the ones shown.
      const all = buckets.reduce((sum, b) => sum + b.doc_count, values?.sum_other_doc_count ?? 0);
      return buckets.map((b) => [b.key as string | number, b.doc_count, (b.doc_count * 100) / all]);
    },
  };
}

function histogram(spanMs: number): EsQuery {
  return { field: '@timestamp', fixed_interval: `${spanMs}ms` };
}

/** Folds the grid cells of series outside `keep` into OTHER, per time bucket. */
function foldSeries(
  cells: (AggBucket & { key: unknown })[],
  metrics: readonly MetricPlan[],
  keep?: Set<unknown>,
): Row[] {
  const merged = new Map<string, { time: number; series: string | number; states: MetricState[] }>();
  for (const cell of cells) {
    const key = cell.key as { t: number; s: string | number };
    const series = keep === undefined || keep.has(key.s) ? key.s : 'OTHER';
    const id = `${key.t}\u0000${typeof series}\u0000${series}`;
    const states = metrics.map((plan) => plan.state(cell));
    const previous = merged.get(id);
    if (previous)
      previous.states = previous.states.map((state, index) => mergeStates(state, states[index] as MetricState));
    else merged.set(id, { time: key.t, series, states });
  }
  return [...merged.values()]
    .sort((a, b) => a.time - b.time || compareCells(a.series, b.series, false))
    .map((entry) => [
      entry.time,
      entry.series,
      ...entry.states.map((state, index) => metrics[index]?.finish(state) ?? null),
    ]);
}

function timechartTable(pipe: TimechartPipe, spanMs: number): TableCore {
  const names = pipe.aggs.map((agg) => agg.name);
  const metrics = pipe.aggs.map((agg, index) => metricPlan(agg, `m${index}`));
  const timechart = { spanMs, ...(pipe.by ? { series: pipe.by } : {}) };
  if (pipe.by === undefined) {
    checkUnique(['_time', ...names], pipe.loc);
    return {
      aggs: { time: { date_histogram: { ...histogram(spanMs), min_doc_count: 1 }, aggs: metricAggs(metrics) } },
      trackTotalHits: false,
      columns: ['_time', ...names],
      timechart,
      limit: TABLE_ROW_CAP,
      read: (aggregations) => bucketsOf(aggregations, 'time').map((b) => [b.key as number, ...finishAll(metrics, b)]),
    };
  }
  checkUnique(['_time', pipe.by, ...names], pipe.loc);
  const series = groupField(pipe.by, pipe.loc);
  const sources = [{ t: { date_histogram: histogram(spanMs) } }, { s: { terms: { field: series } } }];
  // The `limit` series with most events keep their name (ties by name, as in SQLite).
  const top = { terms: { field: series, size: Math.max(1, pipe.limit), order: [{ _count: 'desc' }, { _key: 'asc' }] } };
  return {
    aggs: {
      grid: { composite: { size: COMPOSITE_PAGE, sources }, aggs: metricAggs(metrics) },
      ...(pipe.limit > 0 ? { series: top } : {}),
    },
    composite: { name: 'grid', maxBuckets: MAX_GRID_BUCKETS },
    trackTotalHits: false,
    columns: ['_time', pipe.by, ...names],
    timechart,
    limit: TABLE_ROW_CAP,
    read: (aggregations) => {
      const keep = pipe.limit > 0 ? new Set(bucketsOf(aggregations, 'series').map((b) => b.key)) : undefined;
      return foldSeries(bucketsOf(aggregations, 'grid'), metrics, keep);
    },
  };
}

/** A table command and the pipes after it, over the events `query` selects. */
export function compileElasticTable(
  query: EsQuery,
  command: Pipe,
  after: readonly Pipe[],
  range: { fromMs: number; toMs: number },
): ElasticTablePlan {
  let core: TableCore;
  if (command.type === 'stats') core = statsTable(command);
  else if (command.type === 'top' || command.type === 'rare') core = topTable(command);
  else if (command.type === 'timechart') core = timechartTable(command, spanFor(command, range.fromMs, range.toMs));
  else throw QuerySyntaxError.at(command.loc, `'${command.type}' is not a table command`);
  const { read, limit, ...plan } = core;
  const pipeline = rowPipeline(core.columns, limit, after);
  return {
    kind: 'table',
    query,
    ...plan,
    columns: pipeline.columns,
    rows: (aggregations, total) => pipeline.apply(read(aggregations, total)),
  };
}
