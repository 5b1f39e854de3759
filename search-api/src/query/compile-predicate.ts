import { fieldAt, type CanonicalEvent } from '@vigil/schemas';
import type { FilterNode, MatchNode, QueryAst, RangeBound, RangeNode } from './ast.ts';
import { cidrMatch, parseCidr, regexpMatch } from './functions.ts';
import { QuerySyntaxError } from './syntax-error.ts';
import { parseDate, parseNumber } from './values.ts';

/**
 * The query language as a JavaScript predicate over one event, for streams that never touch the
 * store (live tail now; single-event alert rules later). It follows the SQL compiler's semantics:
 * values match case-insensitively, NOT also matches events without the field, free text matches
 * words of the message and every other string leaf.
 */
export type EventPredicate = (event: CanonicalEvent) => boolean;

const MAX_DEPTH = 32;

function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function leafStrings(value: unknown, out: string[], depth = 0): string[] {
  if (depth > MAX_DEPTH || value === null || value === undefined) return out;
  if (typeof value === 'string') out.push(value);
  else if (typeof value === 'number' || typeof value === 'boolean') out.push(String(value));
  else if (Array.isArray(value)) for (const v of value) leafStrings(v, out, depth + 1);
  else if (typeof value === 'object') for (const v of Object.values(value)) leafStrings(v, out, depth + 1);
  return out;
}

function fullTextTokens(event: CanonicalEvent): string[] {
  const { original: _original, ...meta } = event.event;
  return tokens(leafStrings({ ...event, event: meta }, []).join(' '));
}

function containsSequence(haystack: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0) return true;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

function globRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\') source += (pattern[++i] ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else source += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'is');
}

function valuesAt(event: CanonicalEvent, path: string): unknown[] {
  let current: unknown[] = [event];
  for (const part of path.split('.')) {
    const next: unknown[] = [];
    for (const node of current) {
      const child = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
      if (Array.isArray(child)) next.push(...child);
      else if (child !== undefined && child !== null) next.push(child);
    }
    current = next;
  }
  return current.filter((v) => v !== null && typeof v !== 'object');
}

function matchNode(node: MatchNode): EventPredicate {
  const declared = fieldAt(node.field);
  const isMessage = declared?.path === node.field && declared.fulltext === true;
  if (node.value.kind === 'wildcard') {
    const re = globRegExp(node.value.pattern);
    return (event) => valuesAt(event, node.field).some((v) => re.test(String(v)));
  }
  const text = node.value.text;
  if (isMessage) {
    const needle = tokens(text);
    return (event) => valuesAt(event, node.field).some((v) => containsSequence(tokens(String(v)), needle));
  }
  if (declared?.kind === 'ip' && parseCidr(text)) {
    return (event) => valuesAt(event, node.field).some((v) => cidrMatch(String(v), text));
  }
  const lower = text.toLowerCase();
  return (event) => valuesAt(event, node.field).some((v) => String(v).toLowerCase() === lower);
}

function boundValue(bound: RangeBound, field: string): number | string {
  const text = bound.value as string;
  const declared = fieldAt(field);
  if (field === '@timestamp' || declared?.kind === 'date') {
    const date = parseDate(text);
    if (!date) throw QuerySyntaxError.at(bound.loc, `cannot read '${text}' as a date for ${field}`);
    return date.ms;
  }
  return parseNumber(text) ?? text;
}

function rangeNode(node: RangeNode): EventPredicate {
  const isDate = node.field === '@timestamp' || fieldAt(node.field)?.kind === 'date';
  const lower = node.lower?.value !== undefined ? boundValue(node.lower, node.field) : undefined;
  const upper = node.upper?.value !== undefined ? boundValue(node.upper, node.field) : undefined;
  const inRange = (value: number | string): boolean => {
    if (lower !== undefined && (node.lower?.inclusive ? value < lower : value <= lower)) return false;
    if (upper !== undefined && (node.upper?.inclusive ? value > upper : value >= upper)) return false;
    return true;
  };
  return (event) =>
    valuesAt(event, node.field).some((v) => {
      const value = isDate
        ? Date.parse(String(v))
        : typeof lower === 'string' || typeof upper === 'string'
          ? String(v)
          : Number(v);
      return typeof value === 'number' && Number.isNaN(value) ? false : inRange(value);
    });
}

function compileNode(node: FilterNode): EventPredicate {
  switch (node.type) {
    case 'and': {
      const children = node.children.map(compileNode);
      return (event) => children.every((child) => child(event));
    }
    case 'or': {
      const children = node.children.map(compileNode);
      return (event) => children.some((child) => child(event));
    }
    case 'not': {
      const child = compileNode(node.child);
      return (event) => !child(event);
    }
    case 'all':
      return () => true;
    case 'text': {
      if (node.value.kind === 'wildcard') {
        const re = globRegExp(node.value.pattern.toLowerCase());
        return (event) => fullTextTokens(event).some((token) => re.test(token));
      }
      const needle = tokens(node.value.text);
      return (event) => containsSequence(fullTextTokens(event), needle);
    }
    case 'match':
      return matchNode(node);
    case 'exists':
      return (event) => valuesAt(event, node.field).length > 0;
    case 'range':
      return rangeNode(node);
    case 'regex':
      return (event) => valuesAt(event, node.field).some((v) => regexpMatch(node.pattern, String(v)));
  }
}

export function compilePredicate(ast: QueryAst): EventPredicate {
  const pipe = ast.pipes[0];
  if (pipe) throw QuerySyntaxError.at(pipe.loc, 'a live stream takes a filter only, without pipes');
  return ast.filter ? compileNode(ast.filter) : () => true;
}
