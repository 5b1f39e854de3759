import type { FilterNode, MatchNode, TextNode } from './ast.ts';
import { existsNodeCondition, matchCondition, rangeCondition, regexCondition } from './compile-sqlite-leaf.ts';
import { isFullTextField } from './fields.ts';
import { joinSql, raw, sql, type Sql } from './sql-fragment.ts';
import { QuerySyntaxError } from './syntax-error.ts';
import { trailingStarPrefix } from './values.ts';

/**
 * The boolean structure of a filter. Free text (and phrases on the message field) goes to FTS5: a
 * subtree made only of such terms becomes ONE MATCH expression, every term a quoted FTS5 string so
 * nothing the user types is read as FTS5 syntax. Everything else becomes SQL conditions.
 */

/** Rowid bounds of the time range, repeated inside full-text subqueries so they stay small. */
export interface RowRange {
  lo: number;
  hi: number;
}

function ftsString(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/** A word, phrase or `adm*` prefix as FTS5 text, or undefined when FTS5 cannot express the value. */
function ftsTerm(value: TextNode['value']): string | undefined {
  if (value.kind === 'exact') return ftsString(value.text);
  const prefix = trailingStarPrefix(value.pattern);
  return prefix === undefined ? undefined : `${ftsString(prefix)}*`;
}

function textQuery(node: TextNode): string {
  const term = ftsTerm(node.value);
  if (term === undefined) {
    throw QuerySyntaxError.at(
      node.loc,
      'free-text wildcards work only at the end of a word (adm*); for other patterns name a field, e.g. user.name:*adm*',
    );
  }
  return term;
}

function messageQuery(node: MatchNode): string | undefined {
  if (!isFullTextField(node.field)) return undefined;
  const term = ftsTerm(node.value);
  return term === undefined ? undefined : `${node.field} : ${term}`;
}

interface Partition {
  positive: string[];
  negative: string[];
  rest: FilterNode[];
}

function partition(children: readonly FilterNode[]): Partition {
  const parts: Partition = { positive: [], negative: [], rest: [] };
  for (const child of children) {
    const positive = ftsQuery(child);
    const negative = child.type === 'not' ? ftsQuery(child.child) : undefined;
    if (positive !== undefined) parts.positive.push(positive);
    else if (negative !== undefined) parts.negative.push(negative);
    else parts.rest.push(child);
  }
  return parts;
}

function group(parts: readonly string[], operator: 'AND' | 'OR'): string {
  return parts.length === 1 ? (parts[0] as string) : `(${parts.join(` ${operator} `)})`;
}

/** FTS5 NOT is binary: (all the positives) NOT (any of the negatives). */
function conjunction(positive: readonly string[], negative: readonly string[]): string {
  const both = group(positive, 'AND');
  return negative.length === 0 ? both : `(${both} NOT ${group(negative, 'OR')})`;
}

/** The FTS5 query for a node the full-text index alone answers, or undefined. */
export function ftsQuery(node: FilterNode): string | undefined {
  switch (node.type) {
    case 'text':
      return textQuery(node);
    case 'match':
      return messageQuery(node);
    case 'and': {
      const { positive, negative, rest } = partition(node.children);
      return rest.length === 0 && positive.length > 0 ? conjunction(positive, negative) : undefined;
    }
    case 'or': {
      const parts = node.children.map(ftsQuery);
      return parts.every((part) => part !== undefined) ? group(parts as string[], 'OR') : undefined;
    }
    default:
      return undefined;
  }
}

function inFullText(query: string, range: RowRange, negate = false): Sql {
  const membership = raw(negate ? 'NOT IN' : 'IN');
  return sql`e.rowid ${membership} (SELECT rowid FROM events_fts WHERE events_fts MATCH ${query} AND rowid BETWEEN ${range.lo} AND ${range.hi})`;
}

export interface CompiledConjunction {
  /** The FTS5 query that can drive the whole conjunction, when it has positive free text. */
  match?: string;
  conditions: Sql[];
}

/** The children of a top-level AND: the free-text part merged into one MATCH, the rest as conditions. */
export function compileConjunction(children: readonly FilterNode[], range: RowRange): CompiledConjunction {
  const { positive, negative, rest } = partition(children.filter((child) => child.type !== 'all'));
  const conditions = rest.map((child) => condition(child, range));
  if (positive.length > 0) return { match: conjunction(positive, negative), conditions };
  if (negative.length > 0) conditions.push(inFullText(group(negative, 'OR'), range, true));
  return { conditions };
}

function parenthesized(parts: readonly Sql[], operator: 'AND' | 'OR', empty: string): Sql {
  if (parts.length === 0) return raw(empty);
  if (parts.length === 1) return parts[0] as Sql;
  return sql`(${joinSql(parts, ` ${operator} `)})`;
}

/** A SQL condition that is never NULL-ambiguous under NOT: `x IS NOT 1` treats unknown as false. */
export function condition(node: FilterNode, range: RowRange): Sql {
  const query = ftsQuery(node);
  if (query !== undefined) return inFullText(query, range);
  switch (node.type) {
    case 'and': {
      const { match, conditions } = compileConjunction(node.children, range);
      return parenthesized(match ? [inFullText(match, range), ...conditions] : conditions, 'AND', '1');
    }
    case 'or': {
      if (node.children.some((child) => child.type === 'all')) return raw('1');
      const searchable = node.children.map(ftsQuery).filter((part): part is string => part !== undefined);
      const others = node.children.filter((child) => ftsQuery(child) === undefined);
      const parts = searchable.length > 0 ? [inFullText(group(searchable, 'OR'), range)] : [];
      return parenthesized([...parts, ...others.map((child) => condition(child, range))], 'OR', '0');
    }
    case 'not': {
      const negated = ftsQuery(node.child);
      if (negated !== undefined) return inFullText(negated, range, true);
      return sql`(${condition(node.child, range)}) IS NOT 1`;
    }
    case 'all':
      return raw('1');
    case 'match':
      return matchCondition(node);
    case 'exists':
      return existsNodeCondition(node);
    case 'range':
      return rangeCondition(node);
    case 'regex':
      return regexCondition(node);
    case 'text':
      return inFullText(textQuery(node), range);
  }
}

/** The children of the top-level AND (a single node is a conjunction of one). */
export function conjunctsOf(filter: FilterNode | null): FilterNode[] {
  if (!filter) return [];
  return filter.type === 'and' ? filter.children : [filter];
}
