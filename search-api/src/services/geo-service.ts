import type { GeoResponse } from '@vigil/schemas';
import { ApiError } from '../errors.ts';
import { QuerySyntaxError } from '../query/parse.ts';
import type { EventSearch } from '../store/event-search.ts';
import { parseOrFail, resolveRange } from './search-service.ts';

export async function runGeo(
  search: EventSearch,
  query: { q?: string; from?: string; to?: string; zoom?: number },
): Promise<GeoResponse> {
  const ast = parseOrFail(query.q);
  const range = resolveRange(query.from, query.to, 'now-24h');
  try {
    return await search.geo({ ast, ...range, zoom: query.zoom ?? 2 });
  } catch (error) {
    if (error instanceof QuerySyntaxError) throw new ApiError('query_syntax', error.message, { column: error.column });
    throw error;
  }
}
