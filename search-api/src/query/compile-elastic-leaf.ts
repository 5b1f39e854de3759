import ipaddr from 'ipaddr.js';
import { engineFieldOf, type EngineField, type EngineJson } from '@vigil/schemas';
import type { ExistsNode, Loc, MatchNode, RangeBound, RangeNode, RegexNode } from './ast.ts';
import { dateBoundMs } from './compile-sqlite-leaf.ts';
import { luceneRegex } from './compile-elastic-regex.ts';
import { parseCidr } from './functions.ts';
import { QuerySyntaxError } from './syntax-error.ts';
import { dateOrFail, DAY_MS, MAX_WILDCARDS, parseNumber, wildcardCount } from './values.ts';

/**
 * Conditions on one field as engine queries: term, wildcard, regexp, range, exists. User text only
 * ever becomes a query's value (never query_string or a script). Keyword fields are normalized to
 * lowercase by the mapping, so term matching is case-insensitive; wildcards and regexes ask for
 * case-insensitive matching explicitly.
 */

export type EsQuery = EngineJson;

/** Kinds whose values are not text: no wildcard or regex applies to them. */
const NON_TEXT = new Set(['long', 'double', 'date', 'boolean', 'geo_point']);

function term(field: string, value: string | number): EsQuery {
  return { term: { [field]: value } };
}

function anyOf(queries: EsQuery[]): EsQuery {
  return queries.length === 1 ? (queries[0] as EsQuery) : { bool: { should: queries, minimum_should_match: 1 } };
}

function notOnId(field: string, loc: Loc, what: string): void {
  if (field === '_id') throw QuerySyntaxError.at(loc, `${what} do not apply to _id; match an id exactly (_id:abc)`);
}

/** A text view of the field for wildcards and regexes, or a clear refusal. */
function textTarget(field: EngineField, loc: Loc, what: string): string {
  if (field.path === '@timestamp')
    throw QuerySyntaxError.at(
      loc,
      what === 'wildcards'
        ? 'wildcards do not apply to @timestamp; use a range such as @timestamp >= "2024-01-31"'
        : 'regular expressions do not apply to @timestamp',
    );
  notOnId(field.path, loc, what);
  if (field.kind !== undefined && NON_TEXT.has(field.kind))
    throw QuerySyntaxError.at(loc, `${what} apply to text; ${field.path} holds ${field.kind} values (use a range)`);
  return field.keyword ?? field.name;
}

/** The glob as an engine wildcard: the same `*`, `?` and `\` escapes, other escapes resolved. */
export function engineWildcard(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c !== '\\') out += c;
    else {
      const next = pattern[++i] ?? '';
      out += next === '*' || next === '?' || next === '\\' ? `\\${next}` : next;
    }
  }
  return out;
}

function wildcardQuery(node: MatchNode, field: EngineField, pattern: string): EsQuery {
  const target = textTarget(field, node.valueLoc, 'wildcards');
  if (wildcardCount(pattern) > MAX_WILDCARDS)
    throw QuerySyntaxError.at(node.valueLoc, `a value may hold at most ${MAX_WILDCARDS} wildcards`);
  return { wildcard: { [target]: { value: engineWildcard(pattern), case_insensitive: true } } };
}

/** Only the literal forms the engine parses (ipaddr also accepts `10` or `0xa.1`). */
function isIpLiteral(text: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(text) || (text.includes(':') && ipaddr.IPv6.isValid(text));
}

function ipQuery(node: MatchNode, field: EngineField, text: string): EsQuery {
  if (text.includes('/')) {
    const range = parseCidr(text);
    if (!range)
      throw QuerySyntaxError.at(node.valueLoc, `'${text}' is not a CIDR range (e.g. 10.0.0.0/8 or 2001:db8::/32)`);
    return term(field.name, `${range[0].toString()}/${range[1]}`);
  }
  // A value that is not an address can only match a malformed one, kept as text.
  return isIpLiteral(text) ? term(field.name, text) : term(field.keyword ?? field.name, text);
}

function exactQuery(node: MatchNode, field: EngineField, text: string): EsQuery {
  switch (field.kind) {
    case 'date': {
      const date = dateOrFail(text, node.valueLoc, node.field);
      const last = date.wholeDay ? date.ms + DAY_MS - 1 : date.ms;
      return { range: { [field.name]: { gte: date.ms, lte: last, format: 'epoch_millis' } } };
    }
    case 'long':
    case 'double': {
      const number = parseNumber(text);
      if (number === undefined)
        throw QuerySyntaxError.at(node.valueLoc, `'${text}' is not a number, and ${node.field} is numeric`);
      return term(field.name, number);
    }
    case 'ip':
      return ipQuery(node, field, text);
    case 'text':
      // Prose matches when it contains the words (SQLite: contains the text).
      return { match_phrase: { [field.name]: text } };
    case 'geo_point':
      throw QuerySyntaxError.at(node.valueLoc, `${node.field} is a location; test it with ${node.field}:*`);
    default: {
      // Vendor leaves sent as JSON numbers also match numerically (5 finds 5.0).
      const number = field.vendor ? parseNumber(text) : undefined;
      const exact = term(field.name, text);
      return number === undefined || !field.numeric ? exact : anyOf([exact, term(field.numeric, number)]);
    }
  }
}

export function matchQuery(node: MatchNode): EsQuery {
  if (node.field === '_id') {
    if (node.value.kind === 'wildcard') notOnId('_id', node.valueLoc, 'wildcards');
    return { ids: { values: [node.value.kind === 'exact' ? node.value.text : ''] } };
  }
  const field = engineFieldOf(node.field);
  return node.value.kind === 'wildcard'
    ? wildcardQuery(node, field, node.value.pattern)
    : exactQuery(node, field, node.value.text);
}

export function existsQuery(node: Pick<ExistsNode, 'field'>): EsQuery {
  return node.field === '_id' ? { match_all: {} } : { exists: { field: engineFieldOf(node.field).name } };
}

export function regexQuery(node: RegexNode): EsQuery {
  const target = textTarget(engineFieldOf(node.field), node.loc, 'regular expressions');
  return {
    regexp: { [target]: { value: luceneRegex(node.pattern, node.loc), flags: 'NONE', case_insensitive: true } },
  };
}

type Bound = { side: 'lower' | 'upper'; bound: RangeBound & { value: string } };

function boundsOf(node: RangeNode): Bound[] {
  const bounds: Bound[] = [];
  if (node.lower?.value !== undefined)
    bounds.push({ side: 'lower', bound: { ...node.lower, value: node.lower.value } });
  if (node.upper?.value !== undefined)
    bounds.push({ side: 'upper', bound: { ...node.upper, value: node.upper.value } });
  return bounds;
}

function operator(side: 'lower' | 'upper', inclusive: boolean): string {
  return side === 'lower' ? (inclusive ? 'gte' : 'gt') : inclusive ? 'lte' : 'lt';
}

function rangeOf(field: string, bounds: Bound[], value: (bound: Bound) => string | number): EsQuery {
  const limits: EsQuery = {};
  for (const bound of bounds) limits[operator(bound.side, bound.bound.inclusive)] = value(bound);
  return { range: { [field]: limits } };
}

/**
 * Ranges: dates by their instant (a whole-day bound covers its day), numbers numerically (keyword
 * fields through their numeric view when the mapping has one), IPs by address, anything else as
 * lowercase text (keyword values are normalized to lowercase).
 */
export function rangeQuery(node: RangeNode): EsQuery {
  notOnId(node.field, node.loc, 'ranges');
  const field = engineFieldOf(node.field);
  const bounds = boundsOf(node);
  if (bounds.length === 0) return existsQuery(node);
  if (field.kind === 'date') {
    const limits: EsQuery = { format: 'epoch_millis' };
    for (const { side, bound } of bounds)
      limits[side === 'lower' ? 'gte' : 'lte'] = dateBoundMs(bound, side, node.field);
    return { range: { [field.name]: limits } };
  }
  const numbers = bounds.map(({ bound }) => parseNumber(bound.value));
  const numeric = numbers.every((n) => n !== undefined);
  if ((field.kind === 'long' || field.kind === 'double') && !numeric) {
    const bad = bounds[numbers.findIndex((n) => n === undefined)]?.bound;
    throw QuerySyntaxError.at(bad?.loc ?? node.loc, `'${bad?.value}' is not a number, and ${node.field} is numeric`);
  }
  if (numeric && field.numeric) return rangeOf(field.numeric, bounds, (b) => parseNumber(b.bound.value) as number);
  if (field.kind === 'ip' && bounds.every(({ bound }) => isIpLiteral(bound.value)))
    return rangeOf(field.name, bounds, (b) => b.bound.value);
  return rangeOf(field.keyword ?? field.name, bounds, (b) => b.bound.value.toLowerCase());
}
