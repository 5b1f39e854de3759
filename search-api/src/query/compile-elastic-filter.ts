import { ENGINE_BODY_FIELD } from '@vigil/schemas';
import type { FilterNode, Loc, TermValue } from './ast.ts';
import { conjunctsOf } from './compile-sqlite-filter.ts';
import { existsQuery, matchQuery, rangeQuery, regexQuery, type EsQuery } from './compile-elastic-leaf.ts';
import { isFullTextField } from './fields.ts';
import { QuerySyntaxError } from './syntax-error.ts';
import { trailingStarPrefix } from './values.ts';

/**
 * The boolean structure of a filter as a bool query, in filter context (no scoring: results are
 * ordered by time). NOT is must_not, so events without the field match `NOT field:x`, as in SQLite.
 * Free text searches the message and the `body` catch-all as phrases; `adm*` is a prefix.
 */

const FREE_TEXT_FIELDS = ['message', ENGINE_BODY_FIELD];
/** A prefix the analyzer keeps as one token can be a plain prefix query (no expansion limit). */
const ONE_TOKEN = /^[\p{L}\p{N}]+$/u;
const PHRASE_PREFIX_EXPANSIONS = 200;

export const MATCH_ALL: EsQuery = { match_all: {} };

function phrase(text: string, fields: readonly string[]): EsQuery {
  if (fields.length === 1) return { match_phrase: { [fields[0] as string]: text } };
  return { multi_match: { query: text, type: 'phrase', fields: [...fields] } };
}

function prefix(text: string, fields: readonly string[]): EsQuery {
  if (!ONE_TOKEN.test(text)) {
    return {
      multi_match: {
        query: text,
        type: 'phrase_prefix',
        fields: [...fields],
        max_expansions: PHRASE_PREFIX_EXPANSIONS,
      },
    };
  }
  // The analyzer lowercases what it indexes; a prefix query is not analyzed.
  const queries = fields.map((field) => ({ prefix: { [field]: { value: text.toLowerCase() } } }));
  return queries.length === 1 ? (queries[0] as EsQuery) : { bool: { should: queries, minimum_should_match: 1 } };
}

/** A phrase or `word*` prefix over full-text fields, or undefined when a text index cannot express it. */
function fullText(value: TermValue, fields: readonly string[]): EsQuery | undefined {
  if (value.kind === 'exact') return phrase(value.text, fields);
  const start = trailingStarPrefix(value.pattern);
  return start === undefined ? undefined : prefix(start, fields);
}

function freeText(value: TermValue, loc: Loc): EsQuery {
  const query = fullText(value, FREE_TEXT_FIELDS);
  if (query === undefined) {
    throw QuerySyntaxError.at(
      loc,
      'free-text wildcards work only at the end of a word (adm*); for other patterns name a field, e.g. user.name:*adm*',
    );
  }
  return query;
}

function bool(filter: EsQuery[], mustNot: EsQuery[]): EsQuery {
  if (mustNot.length === 0 && filter.length === 1) return filter[0] as EsQuery;
  if (mustNot.length === 0 && filter.length === 0) return MATCH_ALL;
  return { bool: { ...(filter.length > 0 ? { filter } : {}), ...(mustNot.length > 0 ? { must_not: mustNot } : {}) } };
}

/** The children of an AND: negated children go to must_not, the rest to filter. */
export function conjunction(children: readonly FilterNode[]): { filter: EsQuery[]; mustNot: EsQuery[] } {
  const filter: EsQuery[] = [];
  const mustNot: EsQuery[] = [];
  for (const child of children) {
    if (child.type === 'all') continue;
    if (child.type === 'not') mustNot.push(filterQuery(child.child));
    else filter.push(filterQuery(child));
  }
  return { filter, mustNot };
}

export function filterQuery(node: FilterNode): EsQuery {
  switch (node.type) {
    case 'and': {
      const { filter, mustNot } = conjunction(node.children);
      return bool(filter, mustNot);
    }
    case 'or':
      if (node.children.some((child) => child.type === 'all')) return MATCH_ALL;
      return { bool: { should: node.children.map(filterQuery), minimum_should_match: 1 } };
    case 'not':
      return { bool: { must_not: [filterQuery(node.child)] } };
    case 'all':
      return MATCH_ALL;
    case 'text':
      return freeText(node.value, node.loc);
    case 'match':
      // The message is prose: phrases and word prefixes on its words; other globs on the whole value.
      return (isFullTextField(node.field) ? fullText(node.value, [node.field]) : undefined) ?? matchQuery(node);
    case 'exists':
      return existsQuery(node);
    case 'range':
      return rangeQuery(node);
    case 'regex':
      return regexQuery(node);
  }
}

/** The whole query: the time range and the filter's conjuncts side by side in one bool. */
export function eventsQuery(filter: FilterNode | null, range: { fromMs: number; toMs: number }): EsQuery {
  const time = { range: { '@timestamp': { gte: range.fromMs, lte: range.toMs, format: 'epoch_millis' } } };
  const { filter: conditions, mustNot } = conjunction(conjunctsOf(filter));
  return { bool: { filter: [time, ...conditions], ...(mustNot.length > 0 ? { must_not: mustNot } : {}) } };
}
