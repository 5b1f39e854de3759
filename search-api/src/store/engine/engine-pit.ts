import type { EngineKind } from '@vigil/schemas';
import { InvalidCursorError } from '../event-search.ts';
import type { EngineReader, ReadRequest } from './engine-reader.ts';

/**
 * Point-in-time paging. The first page is a plain search: most searches never ask for a second page,
 * and a PIT for each of them would pile up against the engines' cap on open PITs (300 per node on
 * OpenSearch) and turn busy minutes into 503s. Asking for the second page opens the PIT and goes on
 * with search_after from the first page's last sort values; from then on pages neither skip nor
 * repeat while events arrive or merge. The snapshot is therefore taken at the second page.
 *
 * The first page had no tiebreak (it needs the PIT), so hits that tie with its last one on every sort
 * value may sit on either side of the boundary: the second page starts *before* the tie group
 * (search_after with the tiebreak's extreme value) and leaves out the ids the first page already
 * showed. The cursor (opaque base64url) carries the PIT id once there is one, the last sort values,
 * and those ids.
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
  /** A tiebreak value that sorts before every document, to start a page at the head of a tie group. */
  beforeAll: number;
  idOf(body: Record<string, unknown>): string;
  close(id: string): ReadRequest;
}

const DIALECTS: Record<EngineKind, PitDialect> = {
  elasticsearch: {
    open: (index) => ({ method: 'POST', path: `/${index}/_pit`, querystring: { keep_alive: PIT_KEEP_ALIVE } }),
    tiebreak: { _shard_doc: 'desc' },
    // Shard index and doc id packed in a long: far below this in any real cluster.
    beforeAll: Number.MAX_SAFE_INTEGER,
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
    beforeAll: -1,
    idOf: (body) => String(body.pit_id),
    close: (id) => ({ method: 'DELETE', path: '/_search/point_in_time', body: { pit_id: [id] } }),
  },
};

/** Sorts within a PIT break ties by (shard and) Lucene doc, which is stable inside the PIT. */
export function pitTiebreak(reader: EngineReader): Record<string, string> {
  return DIALECTS[reader.kind].tiebreak;
}

/** search_after values that continue right before the group of hits tying with `after`. */
export function beforeTieGroup(reader: EngineReader, after: unknown[]): unknown[] {
  return [...after, DIALECTS[reader.kind].beforeAll];
}

export async function openPit(reader: EngineReader, index: string): Promise<string> {
  const dialect = DIALECTS[reader.kind];
  return dialect.idOf(await reader.request<Record<string, unknown>>(dialect.open(index)));
}

/** Closing is a courtesy (an abandoned PIT expires by itself), so a failure here is not the caller's. */
export async function closePit(reader: EngineReader, id: string): Promise<void> {
  await reader.request(DIALECTS[reader.kind].close(id)).catch(() => undefined);
}

/**
 * Ids of first-page hits that tie with its last one: past this many, the first page opens the PIT
 * and runs again inside it instead, so that a cursor stays small enough for a URL.
 */
export const MAX_TIED_IDS = 32;

/** No `pit` yet: the first page's cursor, with the ids of its hits that tie with the last one. */
export interface PageCursor {
  pit?: string;
  after: unknown[];
  seen?: string[];
}

export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify({ p: cursor.pit, a: cursor.after, s: cursor.seen })).toString('base64url');
}

export function decodeCursor(text: string): PageCursor {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as {
      p?: unknown;
      a?: unknown;
      s?: unknown;
    };
    const seen = Array.isArray(value.s) && value.s.every((id) => typeof id === 'string') ? value.s : undefined;
    if (Array.isArray(value.a) && (value.p === undefined || (typeof value.p === 'string' && value.p !== '')))
      return { ...(typeof value.p === 'string' ? { pit: value.p } : {}), after: value.a, ...(seen ? { seen } : {}) };
  } catch {
    // fall through to the error below
  }
  throw new InvalidCursorError('cursor is not one this server handed out');
}
