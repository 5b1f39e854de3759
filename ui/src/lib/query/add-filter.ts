import { joinQuery, splitPipes } from './split-pipes.ts';

/**
 * Building query text from clicks: the field sidebar's +/- buttons, "search for this value" and the
 * map's area and country filters. Values are quoted whenever the grammar could read them as
 * anything but one exact value.
 */

/** Characters that end a bare value or make it a wildcard, plus `:` and `/` to stay unambiguous. */
const NEEDS_QUOTES = /[\s()"|\\*?:/[\]{}<>]|^-|^$/;
const KEYWORDS = new Set(['AND', 'OR', 'NOT']);

export function formatValue(value: string | number | boolean): string {
  const text = String(value);
  if (!NEEDS_QUOTES.test(text) && !KEYWORDS.has(text)) return text;
  return `"${text.replace(/[\\"]/g, '\\$&')}"`;
}

export function filterTerm(field: string, value: string | number | boolean, negate = false): string {
  const term = `${field}:${formatValue(value)}`;
  return negate ? `NOT ${term}` : term;
}

/**
 * Adds `field:value` (or `NOT field:value`) to the filter part of a query, keeping its pipes. A term
 * already present is not repeated; its opposite is replaced, so clicking + then - flips the filter.
 */
export function addFilter(query: string, field: string, value: string | number | boolean, negate = false): string {
  return addTerm(query, filterTerm(field, value, negate), filterTerm(field, value, !negate));
}

/** Adds a ready-made term (a range, an exists...) with AND, wrapping an OR filter in parentheses. */
export function addTerm(query: string, term: string, opposite?: string): string {
  const { filter, pipes } = splitPipes(query);
  if (containsTerm(filter, term)) return query.trim();
  const base = opposite && containsTerm(filter, opposite) ? removeTerm(filter, opposite) : filter;
  return joinQuery(andTerms(base, term), pipes);
}

export function andTerms(filter: string, term: string): string {
  const trimmed = filter.trim();
  if (trimmed === '' || trimmed === '*') return term;
  return `${hasTopLevelOr(trimmed) ? `(${trimmed})` : trimmed} AND ${term}`;
}

function containsTerm(filter: string, term: string): boolean {
  return termPositions(filter, term).length > 0;
}

/** Where `term` appears as a whole term: not preceded by `NOT ` (unless it starts with NOT) or a field char. */
function termPositions(filter: string, term: string): number[] {
  const positions: number[] = [];
  for (let at = filter.indexOf(term); at >= 0; at = filter.indexOf(term, at + 1)) {
    const before = filter.slice(0, at);
    const after = filter[at + term.length];
    const startsClean = before === '' || /[\s(]$/.test(before);
    const negatedHere = !term.startsWith('NOT ') && /(?:^|[\s(])(?:NOT\s+|-)$/.test(before);
    const endsClean = after === undefined || /[\s)]/.test(after);
    if (startsClean && endsClean && !negatedHere) positions.push(at);
  }
  return positions;
}

function removeTerm(filter: string, term: string): string {
  const at = termPositions(filter, term)[0];
  if (at === undefined) return filter;
  const without = `${filter.slice(0, at)}${filter.slice(at + term.length)}`;
  return without
    .replace(/\s+AND\s+AND\s+/g, ' AND ')
    .replace(/^\s*AND\s+|\s+AND\s*$/g, '')
    .replace(/\(\s*AND\s+/g, '(')
    .replace(/\s+AND\s*\)/g, ')')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** An OR outside parentheses and quotes would bind looser than the AND we add. */
function hasTopLevelOr(filter: string): boolean {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < filter.length; i++) {
    const char = filter[i];
    if (char === '\\') i++;
    else if (char === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (depth === 0 && /^OR(?:[\s(]|$)/.test(filter.slice(i)) && (i === 0 || /\s/.test(filter[i - 1] ?? '')))
      return true;
  }
  return false;
}
