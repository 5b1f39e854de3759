import { splitPipes } from '../query/split-pipes.ts';
import { DEFAULT_SORT, type ViewState } from '../state/url-state.ts';
import type { QueryOf } from '../api/client.ts';

/**
 * The queries behind each part of the search page. Everything is one `/search` call in the query
 * language: exact counts come from the store's aggregations (`| top`, `| rare`, `| timechart`), not
 * from a sample of hits.
 */
export const PAGE_SIZE = 100;
export const TOP_VALUES = 10;
export const RARE_VALUES = 5;

/**
 * The default order (newest first) is left implicit: the API pages with a cursor only in its own
 * storage order; an explicit sort answers one page.
 */
export function resultsRequest(state: ViewState, query = state.q): QueryOf<'/api/v1/search'> {
  const request = { q: query, from: state.from, to: state.to, size: PAGE_SIZE };
  return state.sort === DEFAULT_SORT ? request : { ...request, sort: state.sort };
}

export function topQuery(filter: string, field: string, limit = TOP_VALUES): string {
  return `${filter.trim()} | top ${limit} ${field}`.trim();
}

export function rareQuery(filter: string, field: string, limit = RARE_VALUES): string {
  return `${filter.trim()} | rare ${limit} ${field}`.trim();
}

/** The filter part of the page's query: what the chart, sidebar and live tail apply. */
export function filterOf(query: string): string {
  return splitPipes(query).filter;
}

export interface ValueCount {
  value: string;
  count: number;
  percent: number;
}

/** Rows of a `top`/`rare` table (`field, count, percent`) as values with counts. */
export function valueCounts(
  table: { columns: string[]; rows: (string | number | null)[][] } | undefined,
): ValueCount[] {
  if (!table) return [];
  return table.rows.flatMap((row) => {
    const [value, count, percent] = row;
    if (value === null || value === undefined) return [];
    return [{ value: String(value), count: Number(count ?? 0), percent: Number(percent ?? 0) }];
  });
}

/** Whether the query's own pipes already draw a time chart (then it replaces the volume chart). */
export function isTimechart(table: { timechart?: unknown } | undefined): boolean {
  return table?.timechart !== undefined;
}
