import { parseTime } from '../time/parse-time.ts';
import type { Loc } from './ast.ts';
import { QuerySyntaxError } from './syntax-error.ts';

/** Reading what the user typed as numbers, dates and patterns; independent of any store. */

const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

export function parseNumber(text: string): number | undefined {
  if (!NUMBER.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

export const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const HAS_ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/i;

export interface DateValue {
  ms: number;
  /** `2024-01-31` names a whole day (UTC): as an upper bound it includes that day's last millisecond. */
  wholeDay: boolean;
}

/**
 * ISO 8601 (a date, or a date-time read as UTC unless it names a zone), epoch milliseconds, or a
 * time relative to now (`now-15m`).
 */
export function parseDate(text: string, now: number = Date.now()): DateValue | undefined {
  const value = text.trim();
  if (DATE_ONLY.test(value)) {
    const ms = Date.parse(`${value}T00:00:00Z`);
    return Number.isFinite(ms) ? { ms, wholeDay: true } : undefined;
  }
  const zoned = /^\d{4}-\d{2}-\d{2}T/i.test(value) && !HAS_ZONE.test(value) ? `${value}Z` : value;
  const ms = parseTime(zoned, now);
  return ms === undefined ? undefined : { ms, wholeDay: false };
}

/** A date the user typed for `field`, or a QuerySyntaxError at `loc` saying what is accepted. */
export function dateOrFail(text: string, loc: Loc, field: string): DateValue {
  const date = parseDate(text);
  if (!date)
    throw QuerySyntaxError.at(
      loc,
      `cannot read '${text}' as a date for ${field} (e.g. 2024-01-31 or 2024-01-31T12:00:00Z)`,
    );
  return date;
}

/** The literal prefix of `adm*` (a glob whose only wildcard is one trailing `*`), or undefined. */
export function trailingStarPrefix(pattern: string): string | undefined {
  const body = pattern.slice(0, -1);
  // The trailing `*` is the only wildcard exactly when the body has none and the whole has one.
  if (body === '' || !pattern.endsWith('*') || wildcardCount(body) > 0 || wildcardCount(pattern) !== 1)
    return undefined;
  return body.replace(/\\(.)/g, '$1');
}

export const MAX_WILDCARDS = 16;

/** Counts unescaped wildcards in a glob. */
export function wildcardCount(pattern: string): number {
  let count = 0;
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === '*' || pattern[i] === '?') count++;
  }
  return count;
}

/** A glob (`*`, `?`, `\` escapes) as a LIKE pattern for `ESCAPE '\'`. */
export function globToLike(pattern: string): string {
  let like = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\') {
      i++;
      like += escapeLike(pattern[i] ?? '');
    } else if (c === '*') like += '%';
    else if (c === '?') like += '_';
    else like += escapeLike(c);
  }
  return like;
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}
