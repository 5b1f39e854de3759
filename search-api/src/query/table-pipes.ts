import type { Pipe } from './ast.ts';
import { QuerySyntaxError } from './syntax-error.ts';

/** What the table commands mean whatever store runs them. */

export function isTablePipe(pipe: Pipe): boolean {
  return pipe.type === 'stats' || pipe.type === 'timechart' || pipe.type === 'top' || pipe.type === 'rare';
}

export function checkUnique(columns: readonly string[], loc: Pipe['loc']): void {
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column)) throw QuerySyntaxError.at(loc, `column '${column}' appears twice; rename one with 'as'`);
    seen.add(column);
  }
}
