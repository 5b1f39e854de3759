import type { Aggregation, Pipe, StatsPipe, TimechartPipe, TopPipe } from './ast.ts';
import { aggregateSql } from './compile-sqlite-aggregate.ts';
import { rowidMs, whereClause, type EventSource } from './compile-sqlite-source.ts';
import { groupTerm, resolveField, type GroupTerm } from './fields.ts';
import { joinSql, quoteIdent, raw, sql, type Sql } from './sql-fragment.ts';
import { QuerySyntaxError } from './syntax-error.ts';
import { checkUnique } from './table-pipes.ts';
import { spanFor } from './timechart-span.ts';

/**
 * Table commands (stats, timechart, top, rare) and the sort/head/fields pipes after them. Output
 * columns carry the user's names (`count`, `dc(user.name)`, by-field names), quoted.
 */

export interface TablePlan {
  kind: 'table';
  sql: string;
  params: unknown[];
  columns: string[];
  /** Rows are (_time, [series], values...); `_time` is the bucket start in ms. Empty buckets are absent. */
  timechart?: { spanMs: number; series?: string };
}

export const TABLE_ROW_CAP = 10_000;

interface TableState {
  select: Sql;
  columns: string[];
  order: Sql[];
  limit: number;
  /** A head (or top N) limited the rows: a later sort must sort only those. */
  limited: boolean;
}

function joins(groups: readonly GroupTerm[]): Sql {
  return joinSql(
    groups.flatMap((group) => (group.join ? [sql` ${group.join}`] : [])),
    '',
  );
}

function aggregateColumns(aggs: readonly Aggregation[]): Sql[] {
  return aggs.map((agg) => {
    const { input, apply } = aggregateSql(agg);
    return sql`${apply(input)} AS ${quoteIdent(agg.name)}`;
  });
}

function groupByFirst(count: number): Sql {
  return count === 0 ? raw('') : raw(` GROUP BY ${Array.from({ length: count }, (_, i) => i + 1).join(', ')}`);
}

function statsTable(source: EventSource, pipe: StatsPipe): TableState {
  const columns = [...pipe.by, ...pipe.aggs.map((agg) => agg.name)];
  checkUnique(columns, pipe.loc);
  const groups = pipe.by.map((field, index) => groupTerm(resolveField(field), `g${index}`));
  const keys = groups.map((group, index) => sql`${group.value} AS ${quoteIdent(pipe.by[index] as string)}`);
  const conditions = [...source.conditions, ...groups.map((group) => group.present)];
  const list = joinSql([...keys, ...aggregateColumns(pipe.aggs)], ', ');
  return {
    select: sql`SELECT ${list} FROM ${source.from}${joins(groups)}${whereClause(conditions)}${groupByFirst(pipe.by.length)}`,
    columns,
    order: pipe.by.map((field) => quoteIdent(field)),
    limit: TABLE_ROW_CAP,
    limited: false,
  };
}

function topTable(source: EventSource, pipe: TopPipe): TableState {
  const columns = [pipe.field, 'count', 'percent'];
  checkUnique(columns, pipe.loc);
  const group = groupTerm(resolveField(pipe.field), 'g0');
  const field = quoteIdent(pipe.field);
  const conditions = [...source.conditions, group.present];
  const direction = raw(pipe.type === 'top' ? 'DESC' : 'ASC');
  return {
    select: sql`SELECT ${group.value} AS ${field}, count(*) AS "count", count(*) * 100.0 / sum(count(*)) OVER () AS "percent" FROM ${source.from}${joins([group])}${whereClause(conditions)} GROUP BY 1`,
    columns,
    order: [sql`"count" ${direction}`, field],
    limit: Math.min(pipe.limit, TABLE_ROW_CAP),
    limited: true,
  };
}

/** Bucket start: ms minus its remainder (`%` works on integers whatever type the parameter binds as). */
function bucket(ms: Sql, spanMs: number): Sql {
  return sql`(${ms} - ${ms} % ${spanMs})`;
}

function timechartTable(source: EventSource, pipe: TimechartPipe, spanMs: number): TableState {
  const names = pipe.aggs.map((agg) => agg.name);
  if (pipe.by === undefined) {
    checkUnique(['_time', ...names], pipe.loc);
    const list = joinSql(
      [sql`${bucket(rowidMs(source.rowid), spanMs)} AS "_time"`, ...aggregateColumns(pipe.aggs)],
      ', ',
    );
    return {
      select: sql`SELECT ${list} FROM ${source.from}${whereClause(source.conditions)} GROUP BY 1`,
      columns: ['_time', ...names],
      order: [raw('"_time"')],
      limit: TABLE_ROW_CAP,
      limited: false,
    };
  }
  const series = quoteIdent(pipe.by);
  checkUnique(['_time', pipe.by, ...names], pipe.loc);
  const group = groupTerm(resolveField(pipe.by), 'g0');
  // Inputs are computed per event once (m), then aggregated per bucket and series.
  const parts = pipe.aggs.map(aggregateSql);
  const inputs = parts.flatMap((part, index) => (part.input ? [sql`, ${part.input} AS ${raw(`a${index}`)}`] : []));
  const values = parts.map((part, index) => {
    const input = part.input ? raw(`a${index}`) : undefined;
    return sql`${part.apply(input)} AS ${quoteIdent(pipe.aggs[index]?.name ?? '')}`;
  });
  const conditions = [...source.conditions, group.present];
  const events = sql`SELECT ${rowidMs(source.rowid)} AS ts, ${group.value} AS s${joinSql(inputs, '')} FROM ${source.from}${joins([group])}${whereClause(conditions)}`;
  // The `limit` series with most events keep their name; the rest are summed up as OTHER.
  const top = sql`, top_series AS (SELECT s FROM m GROUP BY s ORDER BY count(*) DESC, s LIMIT ${pipe.limit})`;
  const label = pipe.limit > 0 ? raw(`CASE WHEN s IN (SELECT s FROM top_series) THEN s ELSE 'OTHER' END`) : raw('s');
  const list = joinSql([sql`${bucket(raw('ts'), spanMs)} AS "_time"`, sql`${label} AS ${series}`, ...values], ', ');
  return {
    select: sql`WITH m AS (${events})${pipe.limit > 0 ? top : raw('')} SELECT ${list} FROM m GROUP BY 1, 2`,
    columns: ['_time', pipe.by, ...names],
    order: [raw('"_time"'), series],
    limit: TABLE_ROW_CAP,
    limited: false,
  };
}

function finalize(state: TableState): Sql {
  const order = state.order.length > 0 ? sql` ORDER BY ${joinSql(state.order, ', ')}` : raw('');
  return sql`${state.select}${order} LIMIT ${state.limit}`;
}

function checkColumn(state: TableState, column: string, loc: Pipe['loc']): void {
  if (!state.columns.includes(column)) {
    throw QuerySyntaxError.at(loc, `unknown column '${column}'; the table has ${state.columns.join(', ')}`);
  }
}

function applyTablePipe(state: TableState, pipe: Pipe): TableState {
  switch (pipe.type) {
    case 'sort': {
      for (const key of pipe.keys) checkColumn(state, key.field, key.loc);
      const base = state.limited ? { ...state, select: sql`SELECT * FROM (${finalize(state)}) AS t` } : state;
      const order = pipe.keys.map((key) => sql`${quoteIdent(key.field)} ${raw(key.desc ? 'DESC' : 'ASC')} NULLS LAST`);
      return { ...base, order, limit: TABLE_ROW_CAP, limited: false };
    }
    case 'head':
      return { ...state, limit: Math.min(state.limit, pipe.count), limited: true };
    case 'fields': {
      for (const field of pipe.fields) checkColumn(state, field, pipe.loc);
      const list = joinSql(pipe.fields.map(quoteIdent), ', ');
      return { ...state, select: sql`SELECT ${list} FROM (${finalize(state)}) AS t`, columns: [...pipe.fields] };
    }
    default:
      throw QuerySyntaxError.at(pipe.loc, `'${pipe.type}' cannot follow another stats, timechart, top or rare`);
  }
}

export function compileTable(
  source: EventSource,
  command: Pipe,
  after: readonly Pipe[],
  range: { fromMs: number; toMs: number },
): TablePlan {
  let state: TableState;
  let timechart: TablePlan['timechart'];
  if (command.type === 'stats') state = statsTable(source, command);
  else if (command.type === 'top' || command.type === 'rare') state = topTable(source, command);
  else if (command.type === 'timechart') {
    const spanMs = spanFor(command, range.fromMs, range.toMs);
    state = timechartTable(source, command, spanMs);
    timechart = { spanMs, ...(command.by ? { series: command.by } : {}) };
  } else throw QuerySyntaxError.at(command.loc, `'${command.type}' is not a table command`);
  for (const pipe of after) state = applyTablePipe(state, pipe);
  const statement = finalize(state);
  return {
    kind: 'table',
    sql: statement.text,
    params: [...statement.params],
    columns: state.columns,
    ...(timechart ? { timechart } : {}),
  };
}
