import type Database from 'better-sqlite3';
import {
  ROWID_SHIFT,
  type CanonicalEvent,
  type DeadLetterEntry,
  type SourcesResponse,
  type StoredEvent,
  type GeoResponse,
} from '@vigil/schemas';
import { countryNames, type SqliteDatabase } from '@vigil/ingest';
import { compileSqlite } from '../query/compile-sqlite.ts';
import { cellDegrees, compileSqliteGeo } from '../query/compile-sqlite-geo.ts';
import { cidrMatch, regexpMatch } from '../query/functions.ts';
import {
  InvalidCursorError,
  type EventSearch,
  type FieldCount,
  type SearchOutcome,
  type SearchRequest,
} from './event-search.ts';
import { countFields } from './field-walk.ts';
import { projectTable } from './project-table.ts';
import type { QueryAst } from '../query/ast.ts';

const STATEMENT_CACHE_SIZE = 256;
type Statement = Database.Statement<unknown[]>;

function encodeCursor(rowid: number): string {
  return Buffer.from(JSON.stringify({ r: rowid })).toString('base64url');
}

function decodeCursor(cursor: string): number {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { r?: unknown };
    if (typeof value.r === 'number' && Number.isSafeInteger(value.r)) return value.r;
  } catch {
    // fall through to the error below
  }
  throw new InvalidCursorError('cursor is not one this server handed out');
}

interface HitRow {
  rowid: number;
  id: string;
  doc: string;
}

/** A hit as the store keeps it: its id and its JSON text. */
export type StoredDoc = [id: string, doc: string];
export type StoredOutcome = Omit<SearchOutcome, 'hits'> & { docs: StoredDoc[] };

export function hitOfStored([id, doc]: StoredDoc): StoredEvent {
  return { id, ...(JSON.parse(doc) as CanonicalEvent) };
}

/** Registers the SQL functions the compiled queries call (CIDR and regex matching). */
export function registerQueryFunctions(db: SqliteDatabase): void {
  db.function('vigil_cidr_match', { deterministic: true }, (ip: unknown, cidr: unknown) =>
    typeof ip === 'string' && typeof cidr === 'string' && cidrMatch(ip, cidr) ? 1 : 0,
  );
  db.function('vigil_regexp', { deterministic: true }, (pattern: unknown, value: unknown) =>
    typeof pattern === 'string' && typeof value === 'string' && regexpMatch(pattern, value) ? 1 : 0,
  );
}

/** The embedded store's read side: the query language compiled to SQL over SQLite + FTS5. */
export class SqliteEventSearch implements EventSearch {
  readonly kind = 'sqlite';
  /** Compiled statements by mode and SQL: the UI repeats the same few query shapes with new parameters. */
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: SqliteDatabase) {
    registerQueryFunctions(db);
  }

  async search(request: SearchRequest): Promise<SearchOutcome> {
    const { docs, ...outcome } = await this.searchStored(request);
    return { ...outcome, hits: docs.map(hitOfStored) };
  }

  /**
   * The search with its hits as stored: id and JSON text, not yet parsed. The search threads answer
   * with this, so that a page of hits crosses to the main thread as strings (a copy of bytes) rather
   * than as object graphs cloned twice.
   */
  async searchStored(request: SearchRequest): Promise<StoredOutcome> {
    const cursor = request.cursor ? decodeCursor(request.cursor) : undefined;
    const plan = compileSqlite(request.ast, {
      fromMs: request.fromMs,
      toMs: request.toMs,
      size: request.size,
      ...(cursor !== undefined ? { cursor } : {}),
      ...(request.sort ? { sort: request.sort } : {}),
    });
    if (plan.kind === 'table') {
      const rows = this.statement(plan.sql, 'raw').all(...plan.params) as (string | number | null)[][];
      return {
        total: rows.length,
        totalRelation: 'eq',
        docs: [],
        cursor: null,
        table: {
          columns: plan.columns,
          rows,
          ...(plan.timechart
            ? {
                timechart: {
                  span_ms: plan.timechart.spanMs,
                  ...(plan.timechart.series ? { series_field: plan.timechart.series } : {}),
                },
              }
            : {}),
        },
      };
    }
    const rows = request.size > 0 ? (this.statement(plan.sql).all(...plan.params) as HitRow[]) : [];
    const counted = this.statement(plan.countSql, 'pluck').get(...plan.countParams) as number;
    const last = rows.at(-1);
    return {
      total: Math.min(counted, plan.countCap),
      totalRelation: counted > plan.countCap ? 'gte' : 'eq',
      // `| fields` turns hits into a table of the chosen columns, as Splunk shows it.
      docs: plan.projection ? [] : rows.map((row): StoredDoc => [row.id, row.doc]),
      cursor: last && plan.rowidOrdered && rows.length === request.size ? encodeCursor(last.rowid) : null,
      ...(plan.projection
        ? {
            table: projectTable(
              rows.map((row) => hitOfStored([row.id, row.doc])),
              plan.projection,
            ),
          }
        : {}),
    };
  }

  private statement(text: string, mode: 'rows' | 'raw' | 'pluck' = 'rows'): Statement {
    const key = `${mode}:${text}`;
    let statement = this.statements.get(key);
    if (statement) {
      // Most recently used last, so the oldest is the first key when the cache is full.
      this.statements.delete(key);
    } else {
      statement = this.db.prepare(text);
      if (mode === 'raw') statement.raw();
      if (mode === 'pluck') statement.pluck();
      if (this.statements.size >= STATEMENT_CACHE_SIZE)
        this.statements.delete(this.statements.keys().next().value as string);
    }
    this.statements.set(key, statement);
    return statement;
  }

  async getEvent(id: string): Promise<StoredEvent | undefined> {
    const row = this.statement('SELECT rowid, id, doc FROM events WHERE id = ?').get(id) as HitRow | undefined;
    return row ? hitOfStored([row.id, row.doc]) : undefined;
  }

  async fields(request: { ast: QueryAst; fromMs: number; toMs: number; sample: number }): Promise<{
    fields: FieldCount[];
    sampled: number;
  }> {
    const plan = compileSqlite(request.ast, { fromMs: request.fromMs, toMs: request.toMs, size: request.sample });
    if (plan.kind !== 'hits') return { fields: [], sampled: 0 };
    const rows = this.statement(plan.sql).all(...plan.params) as HitRow[];
    const docs = rows.map((row) => JSON.parse(row.doc) as Record<string, unknown>);
    return { fields: countFields(docs), sampled: rows.length };
  }

  async sources(): Promise<SourcesResponse['sources']> {
    const rows = this.db
      .prepare('SELECT source, count(*) AS count, min(rowid) AS first, max(rowid) AS last FROM events GROUP BY source')
      .all() as { source: SourcesResponse['sources'][number]['source']; count: number; first: number; last: number }[];
    const iso = (rowid: number | null) =>
      rowid === null ? null : new Date(Math.floor(rowid / ROWID_SHIFT)).toISOString();
    return rows.map((r) => ({ source: r.source, count: r.count, first: iso(r.first), last: iso(r.last) }));
  }

  async deadLetters(size: number, before?: number) {
    const rows = this.db
      .prepare('SELECT * FROM dead_letters WHERE seq < ? ORDER BY seq DESC LIMIT ?')
      .all(before ?? Number.MAX_SAFE_INTEGER, size) as DeadLetterEntry[];
    const total = this.db.prepare('SELECT count(*) FROM dead_letters').pluck().get() as number;
    return { total, dead_letters: rows };
  }

  async geo(request: { ast: QueryAst; fromMs: number; toMs: number; zoom: number }): Promise<GeoResponse> {
    const plan = compileSqliteGeo(request.ast, request);
    const cell = cellDegrees(request.zoom);
    const cellRows = this.db.prepare(plan.cellsSql).all(...plan.cellsParams) as {
      gy: number;
      gx: number;
      count: number;
      lat: number;
      lon: number;
    }[];
    const countryRows = this.db.prepare(plan.countriesSql).all(...plan.countriesParams) as {
      code: string;
      count: number;
    }[];
    const cells = cellRows.map((r) => ({
      lat: r.lat,
      lon: r.lon,
      count: r.count,
      bbox: [r.gx * cell, r.gy * cell, (r.gx + 1) * cell, (r.gy + 1) * cell] as [number, number, number, number],
    }));
    return {
      total: cells.reduce((sum, c) => sum + c.count, 0),
      cells,
      countries: countryRows.map((r) => ({
        code: r.code,
        name: countryNames(r.code)?.country_name ?? r.code,
        count: r.count,
      })),
    };
  }

  async count(): Promise<number> {
    return this.db.prepare('SELECT count(*) FROM events').pluck().get() as number;
  }

  /** The connection is its owner's (the pipeline's, or a search thread's) to close. */
  async close(): Promise<void> {}
}
