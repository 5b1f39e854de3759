import type { Loc } from './ast.ts';

/**
 * A query that cannot run: bad syntax, or a mistake such as an unknown pipe command, an invalid span
 * or regex, a CIDR on an IP field that is not one. `column` is 1-based within `line`; `offset` is
 * the 0-based character offset in the whole query.
 */
export class QuerySyntaxError extends Error {
  override readonly name = 'QuerySyntaxError';

  constructor(
    message: string,
    readonly offset: number,
    readonly column: number,
    readonly line: number = 1,
  ) {
    super(message);
  }

  static at(loc: Loc, message: string): QuerySyntaxError {
    return new QuerySyntaxError(message, loc.offset, loc.column, loc.line);
  }
}
