import { ROWID_SHIFT } from '@vigil/schemas';
import type { FilterNode, SortKey } from './ast.ts';
import { compileConjunction, conjunctsOf, type RowRange } from './compile-sqlite-filter.ts';
import { dateBoundMs } from './compile-sqlite-leaf.ts';
import { resolveField, scalarValue } from './fields.ts';
import { joinSql, raw, sql, type Sql } from './sql-fragment.ts';

/**
 * The filtered events, as a FROM clause and its conditions. Rowids are time-ordered (ms * ROWID_SHIFT +
 * the low bits of the id's hash), so the time range is a rowid range and "newest first" is rowid order.
 */

export { ROWID_SHIFT };

export interface EventSource {
  /** FROM clause text; the events table (or a subquery of its rows) is always aliased `e`. */
  from: Sql;
  conditions: Sql[];
  /** The rowid expression whose order the plan streams in. */
  rowid: string;
  /**
   * The same rows from fewer tables, for counting: free text alone needs no join to the events
   * (the FTS index holds exactly the stored events), and counting 10,000 matches then reads the
   * FTS doclists only instead of 10,000 event rows.
   */
  countOnly?: { from: Sql; conditions: Sql[] };
  /** The events table itself, walked by rowid range (no free text, no subquery). */
  plainTable?: boolean;
}

export function rowRange(fromMs: number, toMs: number): RowRange {
  return { lo: fromMs * ROWID_SHIFT, hi: toMs * ROWID_SHIFT + (ROWID_SHIFT - 1) };
}

/** Narrows the rowid range by `@timestamp` ranges that every match must satisfy. */
export function narrowByTimestamp(filter: FilterNode | null, range: RowRange): RowRange {
  let { lo, hi } = range;
  for (const node of conjunctsOf(filter)) {
    if (node.type !== 'range' || node.field !== '@timestamp') continue;
    if (node.lower?.value !== undefined) lo = Math.max(lo, dateBoundMs(node.lower, 'lower', node.field) * ROWID_SHIFT);
    if (node.upper?.value !== undefined) {
      hi = Math.min(hi, dateBoundMs(node.upper, 'upper', node.field) * ROWID_SHIFT + (ROWID_SHIFT - 1));
    }
  }
  return { lo, hi };
}

/**
 * A conjunction with free text is driven from FTS5, which streams matching rowids newest first
 * within the range, so "newest 100 hits" reads about 100 index entries; otherwise the events table
 * is walked by rowid (or by a column index the planner picks).
 */
export function filterSource(filter: FilterNode | null, range: RowRange): EventSource {
  const { match, conditions } = compileConjunction(conjunctsOf(filter), range);
  if (match !== undefined) {
    const textConditions = [sql`events_fts MATCH ${match}`, sql`f.rowid BETWEEN ${range.lo} AND ${range.hi}`];
    return {
      // CROSS JOIN pins the loop order: SQLite would otherwise walk a column index and run the FTS match
      // once per row (seconds at 1M events for a common word and a common value).
      from: raw('events_fts f CROSS JOIN events e ON e.rowid = f.rowid'),
      conditions: [...textConditions, ...conditions],
      rowid: 'f.rowid',
      ...(conditions.length === 0 ? { countOnly: { from: raw('events_fts f'), conditions: textConditions } } : {}),
    };
  }
  return {
    from: raw('events e'),
    conditions: [sql`e.rowid BETWEEN ${range.lo} AND ${range.hi}`, ...conditions],
    rowid: 'e.rowid',
    plainTable: true,
  };
}

/**
 * For a timechart or the map of all events in a range: the same range once more on `ts`, so that
 * SQLite reads the narrow time index (events_time) instead of walking every ~2.5 KB row (a week's
 * chart at 1M events: 1.3 s -> 0.2 s). Only without a filter: a filtered chart is cheapest from its column's
 * `(value, rowid)` index, which a `ts` condition would stop covering. Time buckets come from the
 * rowid (see rowidMs), so either index covers them. Rows moved to the next free rowid past their
 * millisecond (more than ROWID_SHIFT events in one ms) may differ by that one ms at the range ends.
 */
export function withTimeIndex(source: EventSource, range: RowRange): EventSource {
  if (!source.plainTable || source.conditions.length !== 1) return source;
  const ts = sql`e.ts BETWEEN ${Math.floor(range.lo / ROWID_SHIFT)} AND ${Math.floor(range.hi / ROWID_SHIFT)}`;
  return { ...source, conditions: [...source.conditions, ts] };
}

/** The millisecond an event's rowid was made from: time buckets read it from any index (all hold rowid). */
export function rowidMs(rowid: string): Sql {
  return raw(`(${rowid} >> ${Math.log2(ROWID_SHIFT)})`);
}

export function whereClause(conditions: readonly Sql[]): Sql {
  return conditions.length === 0 ? raw('') : sql` WHERE ${joinSql(conditions, ' AND ')}`;
}

/** ORDER BY terms for event fields, newest first among equals (and by default). */
export function eventOrder(keys: readonly Pick<SortKey, 'field' | 'desc'>[], rowid: string): Sql {
  const terms = keys.map(
    (key) => sql`${scalarValue(resolveField(key.field))} ${raw(key.desc ? 'DESC' : 'ASC')} NULLS LAST`,
  );
  return joinSql([...terms, raw(`${rowid} DESC`)], ', ');
}

/** The events of a source, ordered and limited, as a new source (for head/sort before stats). */
export function limitedSource(source: EventSource, order: Sql, limit: number): EventSource {
  return {
    from: sql`(SELECT e.* FROM ${source.from}${whereClause(source.conditions)} ORDER BY ${order} LIMIT ${limit}) AS e`,
    conditions: [],
    rowid: 'e.rowid',
  };
}
