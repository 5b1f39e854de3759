import type { AggFunction, Aggregation } from './ast.ts';
import { isNumericKind, numericOf, resolveField, scalarValue, type FieldTarget } from './fields.ts';
import { raw, sql, type Sql } from './sql-fragment.ts';

/**
 * One aggregation split in two: the per-event `input` (a field's value, or nothing for count) and
 * the aggregate over it. Timechart with a series materializes the inputs first, so it applies the
 * aggregate to a column reference instead of the input expression.
 */
export interface AggregateSql {
  input?: Sql;
  apply(input: Sql | undefined): Sql;
}

const ISO_FROM_MS = (ms: Sql) => sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${ms} / 1000.0, 'unixepoch')`;

function extreme(fn: 'min' | 'max', target: FieldTarget): (input: Sql) => Sql {
  const call = raw(fn);
  if (target.kind === 'timestamp') return (input) => ISO_FROM_MS(sql`${call}(${input})`);
  if (isNumericKind(target.fieldKind)) return (input) => sql`${call}(${input})`;
  // Like Splunk: numeric when the values are numbers, else the lexicographic extreme.
  return (input) => sql`coalesce(${call}(${numericOf(input)}), ${call}(${input}))`;
}

function numericInput(target: FieldTarget): Sql {
  const value = scalarValue(target);
  return isNumericKind(target.fieldKind) || target.kind === 'timestamp' ? value : numericOf(value);
}

// The grammar guarantees a field for every function but count, and the callers pass inputs back.
function need<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('aggregation without its field or input');
  return value;
}

const BUILDERS: Record<AggFunction, (target: FieldTarget | undefined) => AggregateSql> = {
  count: (target) =>
    target
      ? { input: scalarValue(target), apply: (input) => sql`count(${need(input)})` }
      : { apply: () => raw('count(*)') },
  // Field values compare case-insensitively everywhere, so distinct counts do too.
  dc: (target) => ({
    input: scalarValue(need(target)),
    apply: (input) => sql`count(DISTINCT ${need(input)} COLLATE NOCASE)`,
  }),
  avg: (target) => ({ input: numericInput(need(target)), apply: (input) => sql`avg(${need(input)})` }),
  sum: (target) => ({ input: numericInput(need(target)), apply: (input) => sql`sum(${need(input)})` }),
  min: (target) => {
    const aggregate = extreme('min', need(target));
    return { input: scalarValue(need(target)), apply: (input) => aggregate(need(input)) };
  },
  max: (target) => {
    const aggregate = extreme('max', need(target));
    return { input: scalarValue(need(target)), apply: (input) => aggregate(need(input)) };
  },
};

export function aggregateSql(agg: Aggregation): AggregateSql {
  return BUILDERS[agg.fn](agg.field === undefined ? undefined : resolveField(agg.field));
}
