import type { SearchResponse } from '@vigil/schemas';
import { ApiError } from '../errors.ts';
import { parseQuery, QuerySyntaxError } from '../query/parse.ts';
import type { QueryAst } from '../query/ast.ts';
import { parseTime } from '../time/parse-time.ts';
import { InvalidCursorError, type EventSearch, type SortField } from '../store/event-search.ts';

export interface TimeRange {
  fromMs: number;
  toMs: number;
}

export function resolveRange(from: string | undefined, to: string | undefined, defaultFrom: string): TimeRange {
  const now = Date.now();
  const fromMs = parseTime(from ?? defaultFrom, now);
  const toMs = parseTime(to ?? 'now', now);
  if (fromMs === undefined) throw new ApiError('invalid_time', `cannot read time '${from}'`);
  if (toMs === undefined) throw new ApiError('invalid_time', `cannot read time '${to}'`);
  if (fromMs > toMs) throw new ApiError('invalid_time', 'from is after to');
  return { fromMs, toMs };
}

export function parseOrFail(q: string | undefined): QueryAst {
  try {
    return parseQuery(q ?? '');
  } catch (error) {
    if (error instanceof QuerySyntaxError) {
      throw new ApiError('query_syntax', error.message, { column: error.column });
    }
    throw error;
  }
}

const SORT_FIELD = /^-?[A-Za-z_@][A-Za-z0-9_.@-]*$/;

export function parseSort(sort: string | undefined): SortField[] | undefined {
  if (!sort) return undefined;
  return sort.split(',').map((part) => {
    const text = part.trim();
    if (!SORT_FIELD.test(text)) throw new ApiError('validation', `cannot sort by '${text}'`);
    return text.startsWith('-') ? { field: text.slice(1), desc: true } : { field: text, desc: false };
  });
}

export async function runSearch(
  search: EventSearch,
  query: { q?: string; from?: string; to?: string; size?: number; cursor?: string; sort?: string },
): Promise<SearchResponse> {
  const started = performance.now();
  const ast = parseOrFail(query.q);
  const range = resolveRange(query.from, query.to, 'now-24h');
  const sort = parseSort(query.sort);
  try {
    const outcome = await search.search({
      ast,
      ...range,
      size: query.size ?? 100,
      ...(query.cursor ? { cursor: query.cursor } : {}),
      ...(sort ? { sort } : {}),
    });
    return {
      total: outcome.total,
      total_relation: outcome.totalRelation,
      took_ms: Math.round((performance.now() - started) * 100) / 100,
      hits: outcome.hits,
      cursor: outcome.cursor,
      ...(outcome.table ? { table: outcome.table } : {}),
      from: new Date(range.fromMs).toISOString(),
      to: new Date(range.toMs).toISOString(),
    };
  } catch (error) {
    if (error instanceof InvalidCursorError) throw new ApiError('invalid_cursor', error.message);
    if (error instanceof QuerySyntaxError) throw new ApiError('query_syntax', error.message, { column: error.column });
    throw error;
  }
}
