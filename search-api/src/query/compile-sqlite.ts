import type { FilterNode, Pipe, QueryAst, SortKey } from './ast.ts';
import type { RowRange } from './compile-sqlite-filter.ts';
import {
  eventOrder,
  filterSource,
  limitedSource,
  narrowByTimestamp,
  rowRange,
  whereClause,
  withTimeIndex,
  type EventSource,
} from './compile-sqlite-source.ts';
import { compileTable, type TablePlan } from './compile-sqlite-table.ts';
import { isTablePipe } from './table-pipes.ts';
import { sql } from './sql-fragment.ts';
import { QuerySyntaxError } from './syntax-error.ts';

/**
 * AST -> SQL for the embedded store (SQLite + FTS5): a `hits` plan (events newest first, with a
 * capped count) or a `table` plan (stats, timechart, top, rare). See compile-sqlite-filter.ts for
 * filters and compile-sqlite-table.ts for aggregations.
 */

export interface CompileOptions {
  fromMs: number;
  toMs: number;
  size: number;
  /** A rowid: only rows older than it (rowid < cursor), for newest-first paging. */
  cursor?: number;
  /** Overrides a `| sort` pipe. Cursor paging is by rowid only, so it is meaningless with a sort. */
  sort?: { field: string; desc: boolean }[];
}

export interface HitsPlan {
  kind: 'hits';
  /** Selects `rowid, id, doc`. */
  sql: string;
  params: unknown[];
  /** `SELECT count(*) AS n` over at most countCap + 1 matches: n > countCap means "more than". */
  countSql: string;
  countParams: unknown[];
  countCap: number;
  /** From a `| fields` pipe: the fields to keep in each hit. */
  projection?: string[];
  /** Whether rows come newest first, so that the last rowid is a valid next cursor. */
  rowidOrdered: boolean;
}

export type { TablePlan };
export type SqlitePlan = HitsPlan | TablePlan;

export const COUNT_CAP = 10_000;

/** The event stream before any table command: sort/head/fields pipes over the filtered events. */
interface HitsStage {
  source: EventSource;
  keys?: Pick<SortKey, 'field' | 'desc'>[];
  limit?: number;
  projection?: string[];
}

function sortStage(stage: HitsStage, keys: Pick<SortKey, 'field' | 'desc'>[]): HitsStage {
  // Sorting after a head sorts those rows only: the head becomes a subquery.
  const source = stage.limit === undefined ? stage.source : limitedSource(stage.source, order(stage), stage.limit);
  return { ...stage, source, keys, limit: undefined };
}

function order(stage: HitsStage) {
  return eventOrder(stage.keys ?? [], stage.source.rowid);
}

function applyHitsPipe(stage: HitsStage, pipe: Pipe, beforeTable: boolean): HitsStage {
  switch (pipe.type) {
    case 'sort':
      return sortStage(stage, pipe.keys);
    case 'head':
      return { ...stage, limit: Math.min(stage.limit ?? pipe.count, pipe.count) };
    case 'fields':
      if (beforeTable)
        throw QuerySyntaxError.at(
          pipe.loc,
          "'fields' before stats, timechart, top or rare has no effect; put it after",
        );
      return { ...stage, projection: pipe.fields };
    default:
      throw QuerySyntaxError.at(pipe.loc, `only one of stats, timechart, top or rare may run per query`);
  }
}

function hitsStage(
  filter: FilterNode | null,
  pipes: readonly Pipe[],
  range: RowRange,
  beforeTable: boolean,
): HitsStage {
  let stage: HitsStage = { source: filterSource(filter, range) };
  for (const pipe of pipes) stage = applyHitsPipe(stage, pipe, beforeTable);
  return stage;
}

function hitsPlan(ast: QueryAst, options: CompileOptions, range: RowRange): HitsPlan {
  const withSort = (stage: HitsStage) =>
    options.sort && options.sort.length > 0 ? sortStage(stage, options.sort) : stage;
  const counted = withSort(hitsStage(ast.filter, ast.pipes, range, false));
  const paged = options.cursor === undefined ? range : { lo: range.lo, hi: Math.min(range.hi, options.cursor - 1) };
  const stage = withSort(hitsStage(ast.filter, ast.pipes, paged, false));

  const size = Math.max(0, Math.min(options.size, stage.limit ?? options.size));
  const { source } = stage;
  const hits = sql`SELECT e.rowid AS rowid, e.id AS id, e.doc AS doc FROM ${source.from}${whereClause(source.conditions)} ORDER BY ${order(stage)} LIMIT ${size}`;
  const countLimit = Math.min(counted.limit ?? COUNT_CAP + 1, COUNT_CAP + 1);
  const countSource = counted.source.countOnly ?? counted.source;
  const count = sql`SELECT count(*) AS n FROM (SELECT 1 FROM ${countSource.from}${whereClause(countSource.conditions)} LIMIT ${countLimit})`;
  return {
    kind: 'hits',
    sql: hits.text,
    params: [...hits.params],
    countSql: count.text,
    countParams: [...count.params],
    countCap: COUNT_CAP,
    ...(stage.projection ? { projection: stage.projection } : {}),
    rowidOrdered: stage.keys === undefined && stage.limit === undefined,
  };
}

function tablePlan(ast: QueryAst, options: CompileOptions, range: RowRange, tableIndex: number): TablePlan {
  const before = ast.pipes.slice(0, tableIndex);
  const stage = hitsStage(ast.filter, before, range, true);
  const source =
    stage.limit === undefined && stage.keys === undefined
      ? stage.source
      : limitedSource(stage.source, order(stage), stage.limit ?? Number.MAX_SAFE_INTEGER);
  const command = ast.pipes[tableIndex] as Pipe;
  const chartOfAll = command.type === 'timechart' && command.by === undefined;
  return compileTable(
    chartOfAll ? withTimeIndex(source, range) : source,
    command,
    ast.pipes.slice(tableIndex + 1),
    options,
  );
}

/** Compiles a parsed query. Throws QuerySyntaxError for mistakes only the compiler can see. */
export function compileSqlite(ast: QueryAst, options: CompileOptions): SqlitePlan {
  const range = narrowByTimestamp(ast.filter, rowRange(options.fromMs, options.toMs));
  const tableIndex = ast.pipes.findIndex(isTablePipe);
  return tableIndex < 0 ? hitsPlan(ast, options, range) : tablePlan(ast, options, range, tableIndex);
}
