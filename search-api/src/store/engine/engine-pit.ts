import type { EngineKind } from '@vigil/schemas';
import { InvalidCursorError } from '../event-search.ts';
import type { EngineReader, ReadRequest } from './engine-reader.ts';

/**
 * Point-in-time paging: the first page opens a PIT over the event indices, later pages continue in
 * it with search_after, so pages neither skip nor repeat while events arrive or merge. The cursor
 * (opaque base64url) carries the PIT id and the last hit's sort values. The two engines name the
 * PIT endpoints differently; the search body is the same.
 */

/**
 * Long enough to click "next page", short enough that first pages nobody continues do not pile up
 * (the engines cap open PITs, 300 per node by default). Each page renews it; an expired cursor is
 * answered with InvalidCursorError ("search again").
 */
export const PIT_KEEP_ALIVE = '1m';

interface PitDialect {
  open(index: string): ReadRequest;
  /** The last sort key: it makes sort values unique within the PIT. */
  tiebreak: Record<string, string>;
  idOf(body: Record<string, unknown>): string;
  close(id: string): ReadRequest;
}

const DIALECTS: Record<EngineKind, PitDialect> = {
  elasticsearch: {
    open: (index) => ({ method: 'POST', path: `/${index}/_pit`, querystring: { keep_alive: PIT_KEEP_ALIVE } }),
    tiebreak: { _shard_doc: 'desc' },
    idOf: (body) => String(body.id),
    close: (id) => ({ method: 'DELETE', path: '/_pit', body: { id } }),
  },
  opensearch: {
    open: (index) => ({
      method: 'POST',
      path: `/${index}/_search/point_in_time`,
      querystring: { keep_alive: PIT_KEEP_ALIVE },
    }),
    // OpenSearch 2.x has no _shard_doc; the Lucene doc id is stable inside the PIT, and unique with
    // the timestamp on one shard (two shards could hold a doc of the same ms and doc id: keep 1 shard
    // per index, the template's default, or accept that rare skip).
    tiebreak: { _doc: 'asc' },
    idOf: (body) => String(body.pit_id),
    close: (id) => ({ method: 'DELETE', path: '/_search/point_in_time', body: { pit_id: [id] } }),
  },
};

/** Sorts within a PIT break ties by (shard and) Lucene doc, which is stable inside the PIT. */
export function pitTiebreak(reader: EngineReader): Record<string, string> {
  return DIALECTS[reader.kind].tiebreak;
}

export async function openPit(reader: EngineReader, index: string): Promise<string> {
  const dialect = DIALECTS[reader.kind];
  return dialect.idOf(await reader.request<Record<string, unknown>>(dialect.open(index)));
}

/** Closing is a courtesy (an abandoned PIT expires by itself), so a failure here is not the caller's. */
export async function closePit(reader: EngineReader, id: string): Promise<void> {
  await reader.request(DIALECTS[reader.kind].close(id)).catch(() => undefined);
}

export interface PageCursor {
  pit: string;
  after: unknown[];
}

export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify({ p: cursor.pit, a: cursor.after })).toString('base64url');
}

export function decodeCursor(text: string): PageCursor {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as { p?: unknown; a?: unknown };
    if (typeof value.p === 'string' && value.p !== '' && Array.isArray(value.a))
      return { pit: value.p, after: value.a };
  } catch {
    // fall through to the error below
  }
  throw new InvalidCursorError('cursor is not one this server handed out');
}
