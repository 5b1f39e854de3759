import { engineFieldOf } from '@vigil/schemas';
import type { Aggregation, Loc } from './ast.ts';
import { existsQuery, type EsQuery } from './compile-elastic-leaf.ts';
import { QuerySyntaxError } from './syntax-error.ts';

/**
 * The functions of stats and timechart as engine metric aggregations. Each bucket's values are read
 * into a mergeable state, so timechart can fold the series outside its top N into OTHER.
 *
 * As in the SQLite store: avg and sum read numbers (keyword fields through their numeric view, so
 * text that is not a number is skipped); min and max are numeric when the field has numbers and
 * otherwise the lexicographic extreme (a one-bucket terms aggregation); min/max of a date is its ISO
 * text. dc is the engine's cardinality (exact below 40,000 distinct values).
 */

export type Cell = string | number | null;
export type AggBucket = Record<string, unknown> & { doc_count: number };

export interface MetricState {
  docs: number;
  n: number;
  sum: number;
  min: number | null;
  max: number | null;
  lo: string | null;
  hi: string | null;
  distinct: number;
}

export interface MetricPlan {
  aggs: Record<string, EsQuery>;
  state(bucket: AggBucket): MetricState;
  finish(state: MetricState): Cell;
}

const CARDINALITY_PRECISION = 40_000;
const EMPTY: MetricState = { docs: 0, n: 0, sum: 0, min: null, max: null, lo: null, hi: null, distinct: 0 };

/** The field a terms, composite or cardinality aggregation reads for a path. */
export function groupField(path: string, loc: Loc): string {
  if (path === '_id') throw QuerySyntaxError.at(loc, 'cannot group or count by _id');
  const field = engineFieldOf(path);
  if (field.kind === 'geo_point' || field.kind === 'json' || field.kind === 'labels')
    throw QuerySyntaxError.at(loc, `cannot group by ${path}: it is not a single value (name one of its fields)`);
  return field.kind === 'text' ? (field.keyword as string) : field.name;
}

/** The text view for a lexicographic min/max, or undefined for numeric and date fields. */
function textView(path: string): string | undefined {
  const field = engineFieldOf(path);
  if (field.kind === 'long' || field.kind === 'double' || field.kind === 'date' || field.kind === 'boolean')
    return undefined;
  return field.keyword ?? field.name;
}

const subAgg = (bucket: AggBucket, name: string) => bucket[name] as Record<string, unknown> | undefined;
const numberOr = (value: unknown, fallback: number | null) => (typeof value === 'number' ? value : fallback);

function firstKey(bucket: AggBucket, name: string): string | null {
  const buckets = subAgg(bucket, name)?.buckets as { key: unknown }[] | undefined;
  const key = buckets?.[0]?.key;
  return key === undefined || key === null ? null : String(key);
}

function statsState(bucket: AggBucket, name: string): MetricState {
  const stats = subAgg(bucket, name) ?? {};
  return {
    ...EMPTY,
    docs: bucket.doc_count,
    n: numberOr(stats.count, 0) as number,
    sum: numberOr(stats.sum, 0) as number,
    min: numberOr(stats.min, null),
    max: numberOr(stats.max, null),
  };
}

function extremePlan(agg: Aggregation & { field: string }, name: string): MetricPlan {
  const field = engineFieldOf(agg.field);
  const numeric = field.numeric;
  const text = textView(agg.field);
  const order = agg.fn === 'min' ? 'asc' : 'desc';
  const aggs: Record<string, EsQuery> = {};
  if (numeric) aggs[name] = { stats: { field: numeric } };
  if (text) aggs[`${name}_text`] = { terms: { field: text, size: 1, order: { _key: order } } };
  const isDate = field.kind === 'date';
  return {
    aggs,
    state: (bucket) => {
      const base = numeric ? statsState(bucket, name) : { ...EMPTY, docs: bucket.doc_count };
      const key = text ? firstKey(bucket, `${name}_text`) : null;
      return { ...base, lo: key, hi: key };
    },
    finish: (state) => {
      const value = agg.fn === 'min' ? state.min : state.max;
      if (state.n > 0 && value !== null) return isDate ? new Date(value).toISOString() : value;
      return agg.fn === 'min' ? state.lo : state.hi;
    },
  };
}

function numericPlan(agg: Aggregation & { field: string }, name: string): MetricPlan {
  const numeric = engineFieldOf(agg.field).numeric;
  return {
    aggs: numeric ? { [name]: { stats: { field: numeric } } } : {},
    state: (bucket) => (numeric ? statsState(bucket, name) : { ...EMPTY, docs: bucket.doc_count }),
    finish: (state) => {
      if (state.n === 0) return null;
      return agg.fn === 'avg' ? state.sum / state.n : state.sum;
    },
  };
}

function need(agg: Aggregation): Aggregation & { field: string } {
  if (agg.field === undefined)
    throw QuerySyntaxError.at(agg.loc, `${agg.fn} needs a field, e.g. ${agg.fn}(event.severity)`);
  return agg as Aggregation & { field: string };
}

export function metricPlan(agg: Aggregation, name: string): MetricPlan {
  switch (agg.fn) {
    case 'count': {
      if (agg.field === undefined)
        return { aggs: {}, state: (b) => ({ ...EMPTY, docs: b.doc_count }), finish: (s) => s.docs };
      // Events that have the field, like count(x) over a column of NULLs and values.
      const filter = existsQuery({ field: agg.field });
      return {
        aggs: { [name]: { filter } },
        state: (b) => ({ ...EMPTY, docs: numberOr(subAgg(b, name)?.doc_count, 0) as number }),
        finish: (s) => s.docs,
      };
    }
    case 'dc': {
      const field = groupField(need(agg).field, agg.loc);
      return {
        aggs: { [name]: { cardinality: { field, precision_threshold: CARDINALITY_PRECISION } } },
        state: (b) => ({ ...EMPTY, docs: b.doc_count, distinct: numberOr(subAgg(b, name)?.value, 0) as number }),
        finish: (s) => s.distinct,
      };
    }
    case 'avg':
    case 'sum':
      return numericPlan(need(agg), name);
    case 'min':
    case 'max':
      return extremePlan(need(agg), name);
  }
}

function pick<T>(a: T | null, b: T | null, better: (x: T, y: T) => boolean): T | null {
  if (a === null) return b;
  if (b === null) return a;
  return better(a, b) ? a : b;
}

/**
 * Two buckets' states as one (timechart's OTHER). Exact for count, sum, avg, min and max; for dc
 * it is the sum of the parts, an upper bound, since distinct values cannot be merged from counts.
 */
export function mergeStates(a: MetricState, b: MetricState): MetricState {
  return {
    docs: a.docs + b.docs,
    n: a.n + b.n,
    sum: a.sum + b.sum,
    min: pick(a.min, b.min, (x, y) => x <= y),
    max: pick(a.max, b.max, (x, y) => x >= y),
    lo: pick(a.lo, b.lo, (x, y) => x <= y),
    hi: pick(a.hi, b.hi, (x, y) => x >= y),
    distinct: a.distinct + b.distinct,
  };
}

export function metricAggs(plans: readonly MetricPlan[]): Record<string, EsQuery> {
  return Object.assign({}, ...plans.map((plan) => plan.aggs)) as Record<string, EsQuery>;
}
