import type { ExistsNode, MatchNode, RangeBound, RangeNode, RegexNode } from './ast.ts';
import {
  anyValue,
  epochMsOf,
  existsCondition,
  isNumericKind,
  numericOf,
  resolveField,
  type FieldTarget,
} from './fields.ts';
import { parseCidr } from './functions.ts';
import { joinSql, raw, sql, type Sql } from './sql-fragment.ts';
import { QuerySyntaxError } from './syntax-error.ts';
import { dateOrFail, DAY_MS, escapeLike, globToLike, MAX_WILDCARDS, parseNumber, wildcardCount } from './values.ts';

/**
 * Conditions on one field: `field:value`, `field:*`, ranges and regexes, for fields that are not
 * answered by the full-text index. Every value the user typed becomes a parameter. Text compares
 * case-insensitively (NOCASE; LIKE folds ASCII case only).
 */

const LIKE_ESCAPE = raw(` ESCAPE '\\'`);

function like(value: Sql, pattern: string): Sql {
  return sql`${value} LIKE ${pattern}${LIKE_ESCAPE}`;
}

function isDateTarget(target: FieldTarget): boolean {
  return target.fieldKind === 'date';
}

/** A date field's value in ms: `e.ts` is already ms; other dates are ISO text inside the doc. */
function dateMs(target: FieldTarget, value: Sql): Sql {
  return target.kind === 'timestamp' ? value : epochMsOf(value);
}

/** Equality that also finds JSON numbers and booleans when the vendor field's type is unknown. */
function looseEquals(value: Sql, text: string, loose: boolean): Sql {
  const alternatives = [sql`${value} = ${text} COLLATE NOCASE`];
  const number = parseNumber(text);
  if (loose && number !== undefined) alternatives.push(sql`${value} = ${number}`);
  if (loose && /^(true|false)$/i.test(text)) alternatives.push(raw(`type = '${text.toLowerCase()}'`));
  return alternatives.length === 1 ? (alternatives[0] as Sql) : sql`(${joinSql(alternatives, ' OR ')})`;
}

function wildcardCondition(node: MatchNode, target: FieldTarget, pattern: string): Sql {
  if (target.kind === 'timestamp')
    throw QuerySyntaxError.at(
      node.valueLoc,
      'wildcards do not apply to @timestamp; use a range such as @timestamp >= "2024-01-31"',
    );
  if (wildcardCount(pattern) > MAX_WILDCARDS)
    throw QuerySyntaxError.at(node.valueLoc, `a value may hold at most ${MAX_WILDCARDS} wildcards`);
  return anyValue(target, (value) => like(value, globToLike(pattern)));
}

function exactCondition(node: MatchNode, target: FieldTarget, text: string): Sql {
  const { fieldKind } = target;
  if (isDateTarget(target)) {
    const date = dateOrFail(text, node.valueLoc, node.field);
    const last = date.wholeDay ? date.ms + DAY_MS - 1 : date.ms;
    return anyValue(target, (value) => sql`${dateMs(target, value)} BETWEEN ${date.ms} AND ${last}`);
  }
  if (isNumericKind(fieldKind)) {
    const number = parseNumber(text);
    if (number === undefined)
      throw QuerySyntaxError.at(node.valueLoc, `'${text}' is not a number, and ${node.field} is numeric`);
    return anyValue(target, (value) => sql`${value} = ${number}`);
  }
  if (fieldKind === 'ip' && text.includes('/')) {
    if (!parseCidr(text))
      throw QuerySyntaxError.at(node.valueLoc, `'${text}' is not a CIDR range (e.g. 10.0.0.0/8 or 2001:db8::/32)`);
    return anyValue(target, (value) => sql`vigil_cidr_match(${value}, ${text})`);
  }
  // Prose (event.reason, event.original, a message pattern) matches when it contains the text.
  if (fieldKind === 'text') return anyValue(target, (value) => like(value, `%${escapeLike(text)}%`));
  return anyValue(target, (value) => looseEquals(value, text, target.kind === 'json' && fieldKind === undefined));
}

export function matchCondition(node: MatchNode): Sql {
  const target = resolveField(node.field);
  return node.value.kind === 'wildcard'
    ? wildcardCondition(node, target, node.value.pattern)
    : exactCondition(node, target, node.value.text);
}

export function existsNodeCondition(node: ExistsNode): Sql {
  return existsCondition(resolveField(node.field));
}

export function regexCondition(node: RegexNode): Sql {
  const target = resolveField(node.field);
  if (target.kind === 'timestamp')
    throw QuerySyntaxError.at(node.loc, 'regular expressions do not apply to @timestamp');
  // The function sees text: numbers in columns or JSON are matched by their decimal form.
  return anyValue(target, (value) => sql`vigil_regexp(${node.pattern}, CAST(${value} AS TEXT))`);
}

/** A date bound as inclusive ms: a whole-day upper bound (or exclusive lower bound) covers its day. */
export function dateBoundMs(bound: RangeBound, side: 'lower' | 'upper', field: string): number {
  const date = dateOrFail(bound.value ?? '', bound.loc, field);
  const dayEnd = date.wholeDay ? date.ms + DAY_MS - 1 : date.ms;
  if (side === 'lower') return bound.inclusive ? date.ms : dayEnd + 1;
  return bound.inclusive ? dayEnd : date.ms - 1;
}

type Bounds = { side: 'lower' | 'upper'; bound: RangeBound & { value: string } }[];

function boundsOf(node: RangeNode): Bounds {
  const bounds: Bounds = [];
  if (node.lower?.value !== undefined)
    bounds.push({ side: 'lower', bound: { ...node.lower, value: node.lower.value } });
  if (node.upper?.value !== undefined)
    bounds.push({ side: 'upper', bound: { ...node.upper, value: node.upper.value } });
  return bounds;
}

function operator(side: 'lower' | 'upper', inclusive: boolean): Sql {
  return raw(side === 'lower' ? (inclusive ? ' >= ' : ' > ') : inclusive ? ' <= ' : ' < ');
}

function dateRange(node: RangeNode, target: FieldTarget, bounds: Bounds): Sql {
  const limits = bounds.map(({ side, bound }) => ({ side, ms: dateBoundMs(bound, side, node.field) }));
  return anyValue(target, (value) => {
    const ms = dateMs(target, value);
    return joinSql(
      limits.map(({ side, ms: limit }) => sql`${ms}${operator(side, true)}${limit}`),
      ' AND ',
    );
  });
}

export function rangeCondition(node: RangeNode): Sql {
  const target = resolveField(node.field);
  const bounds = boundsOf(node);
  if (bounds.length === 0) return existsCondition(target);
  if (isDateTarget(target)) return dateRange(node, target, bounds);
  const numbers = bounds.map(({ bound }) => parseNumber(bound.value));
  const numeric = numbers.every((n) => n !== undefined);
  if (isNumericKind(target.fieldKind) && !numeric) {
    const bad = bounds[numbers.findIndex((n) => n === undefined)]?.bound ?? bounds[0]?.bound;
    throw QuerySyntaxError.at(bad?.loc ?? node.loc, `'${bad?.value}' is not a number, and ${node.field} is numeric`);
  }
  return anyValue(target, (value) => {
    // Numeric kinds are stored as numbers; other fields compare numerically only when the bounds are numbers.
    const subject = numeric && !isNumericKind(target.fieldKind) ? numericOf(value) : value;
    const parts = bounds.map(({ side, bound }, index) =>
      numeric
        ? sql`${subject}${operator(side, bound.inclusive)}${numbers[index]}`
        : sql`${subject}${operator(side, bound.inclusive)}${bound.value} COLLATE NOCASE`,
    );
    return joinSql(parts, ' AND ');
  });
}
