import type { Pipe } from './ast.ts';
import type { Cell } from './compile-elastic-metrics.ts';
import { QuerySyntaxError } from './syntax-error.ts';

/**
 * Sort, head and fields after a table command. The engine answers at most TABLE_ROW_CAP rows, so
 * these run in memory over them, in pipe order (a sort after a head sorts only those rows, as in
 * SQLite where the head becomes a subquery).
 */

export const TABLE_ROW_CAP = 10_000;

export type Row = Cell[];

/** Nulls last in either direction; numbers before text (SQLite's order of types); text by code point. */
export function compareCells(a: Cell, b: Cell, desc: boolean): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  let order: number;
  if (typeof a === 'number' && typeof b === 'number') order = a - b;
  else if (typeof a !== typeof b) order = typeof a === 'number' ? -1 : 1;
  else order = a < b ? -1 : a > b ? 1 : 0;
  return desc ? -order : order;
}

export interface RowPipeline {
  columns: string[];
  apply(rows: Row[]): Row[];
}

function indexOf(columns: readonly string[], column: string, loc: Pipe['loc']): number {
  const index = columns.indexOf(column);
  if (index < 0) throw QuerySyntaxError.at(loc, `unknown column '${column}'; the table has ${columns.join(', ')}`);
  return index;
}

/** Checks the pipes against the table's columns now (compile time) and applies them later to rows. */
export function rowPipeline(columns: readonly string[], firstLimit: number, pipes: readonly Pipe[]): RowPipeline {
  let current = [...columns];
  const steps: ((rows: Row[]) => Row[])[] = [(rows) => rows.slice(0, firstLimit)];
  for (const pipe of pipes) {
    switch (pipe.type) {
      case 'sort': {
        const keys = pipe.keys.map((key) => ({ index: indexOf(current, key.field, key.loc), desc: key.desc }));
        steps.push((rows) =>
          [...rows].sort((x, y) => {
            for (const key of keys) {
              const order = compareCells(x[key.index] ?? null, y[key.index] ?? null, key.desc);
              if (order !== 0) return order;
            }
            return 0;
          }),
        );
        break;
      }
      case 'head':
        steps.push((rows) => rows.slice(0, pipe.count));
        break;
      case 'fields': {
        const indexes = pipe.fields.map((field) => indexOf(current, field, pipe.loc));
        steps.push((rows) => rows.map((row) => indexes.map((index) => row[index] ?? null)));
        current = [...pipe.fields];
        break;
      }
      default:
        throw QuerySyntaxError.at(pipe.loc, `'${pipe.type}' cannot follow another stats, timechart, top or rare`);
    }
  }
  return {
    columns: current,
    apply: (rows) => steps.reduce((acc, step) => step(acc), rows).slice(0, TABLE_ROW_CAP),
  };
}
