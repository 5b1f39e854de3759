import {
  SOURCES,
  type CanonicalEvent,
  type GeoResponse,
  type SourcesResponse,
  type StoredEvent,
  type Table,
} from '@vigil/schemas';
import { countryNames } from '@vigil/ingest';
import type { ElasticTablePlan } from '../../query/compile-elastic.ts';
import { tileBounds } from '../../query/compile-elastic-geo.ts';
import type { Row } from '../../query/compile-elastic-rows.ts';
import { QuerySyntaxError } from '../../query/syntax-error.ts';
import { EngineQueryError } from './engine-reader.ts';

/** Engine answers turned into the shapes the API serves (the same as the SQLite store's). */

export interface Hit {
  _id: string;
  _source: CanonicalEvent;
  sort?: unknown[];
}

export interface SearchBody {
  pit_id?: string;
  hits: { total?: { value: number; relation: 'eq' | 'gte' }; hits: Hit[] };
  aggregations?: Record<string, unknown>;
}

export const toHit = (hit: Hit): StoredEvent => ({ id: hit._id, ...hit._source });

export function tableOf(plan: ElasticTablePlan, rows: Row[]): Table {
  const timechart = plan.timechart && {
    span_ms: plan.timechart.spanMs,
    ...(plan.timechart.series ? { series_field: plan.timechart.series } : {}),
  };
  return { columns: plan.columns, rows, ...(timechart ? { timechart } : {}) };
}

/** Engine refusals of a query the compiler let through (a regex too complex, too many clauses) are the user's to fix. */
export function asQueryError(error: unknown): unknown {
  if (error instanceof EngineQueryError && error.status === 400)
    return new QuerySyntaxError(`the engine refused the query: ${error.reason}`, 0, 1);
  return error;
}

type SourceBucket = { key: string; doc_count: number; first: { value: number | null }; last: { value: number | null } };

export function sourcesOf(aggregations: Record<string, unknown>): SourcesResponse['sources'] {
  const buckets = (aggregations.sources as { buckets?: SourceBucket[] } | undefined)?.buckets ?? [];
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return buckets
    .filter((b) => (SOURCES as readonly string[]).includes(b.key))
    .map((b) => ({
      source: b.key as SourcesResponse['sources'][number]['source'],
      count: b.doc_count,
      first: iso(b.first.value),
      last: iso(b.last.value),
    }));
}

type CellBucket = { key: string; doc_count: number; centroid: { location?: { lat: number; lon: number } } };
type CountryBucket = { key: string; doc_count: number };

export function geoOf(aggregations: Record<string, unknown>): GeoResponse {
  const cells = ((aggregations.cells as { buckets?: CellBucket[] } | undefined)?.buckets ?? []).map((b) => ({
    lat: b.centroid.location?.lat ?? 0,
    lon: b.centroid.location?.lon ?? 0,
    count: b.doc_count,
    bbox: tileBounds(b.key),
  }));
  const countries = ((aggregations.countries as { buckets?: CountryBucket[] } | undefined)?.buckets ?? []).map((b) => {
    // Keyword values are stored lowercased; country codes are shown as ISO writes them.
    const code = b.key.toUpperCase();
    return { code, name: countryNames(code)?.country_name ?? code, count: b.doc_count };
  });
  return { total: cells.reduce((sum, c) => sum + c.count, 0), cells, countries };
}
