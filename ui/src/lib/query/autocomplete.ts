import { formatValue } from './add-filter.ts';

/**
 * What the query bar can suggest at the cursor: a field name (from /fields), a value of the field
 * before `:` (from `| top`), or a pipe command after `|`. Pure text work; the component fetches.
 */
export type SuggestionContext =
  | { kind: 'field'; prefix: string; start: number; end: number }
  | { kind: 'value'; field: string; prefix: string; start: number; end: number }
  | { kind: 'command'; prefix: string; start: number; end: number }
  | { kind: 'none' };

export interface Suggestion {
  /** What replaces the token. */
  text: string;
  /** What the list shows. */
  label: string;
  detail?: string;
}

export const PIPE_COMMANDS: readonly Suggestion[] = [
  { text: 'stats count by ', label: 'stats', detail: 'count, dc(), avg() … by fields' },
  { text: 'timechart count by ', label: 'timechart', detail: 'counts per time bucket' },
  { text: 'top 10 ', label: 'top', detail: 'most frequent values of a field' },
  { text: 'rare 10 ', label: 'rare', detail: 'least frequent values of a field' },
  { text: 'sort -', label: 'sort', detail: 'order the table' },
  { text: 'head 10', label: 'head', detail: 'first rows' },
  { text: 'fields ', label: 'fields', detail: 'keep columns' },
];

const TOKEN_BREAK = /[\s()]/;
const FIELD_NAME = /^[A-Za-z_@][A-Za-z0-9_.@-]*$/;

export function suggestionContext(text: string, cursor: number): SuggestionContext {
  let start = cursor;
  while (start > 0 && !TOKEN_BREAK.test(text[start - 1] ?? '')) start--;
  let end = cursor;
  while (end < text.length && !TOKEN_BREAK.test(text[end] ?? '')) end++;
  if (insideQuotes(text, start)) return { kind: 'none' };
  const before = text.slice(0, start);
  const token = text.slice(start, cursor);
  if (/\|\s*$/.test(before) || token.startsWith('|')) {
    const offset = token.startsWith('|') ? 1 : 0;
    return { kind: 'command', prefix: token.slice(offset), start: start + offset, end };
  }
  if (/\|/.test(before) && afterPipeCommand(before)) return { kind: 'none' };
  const negation = token.startsWith('-') ? 1 : 0;
  const colon = token.indexOf(':');
  if (colon > 0) {
    const field = token.slice(negation, colon);
    if (!FIELD_NAME.test(field)) return { kind: 'none' };
    const valueStart = start + colon + 1;
    return { kind: 'value', field, prefix: text.slice(valueStart, cursor).replace(/^"/, ''), start: valueStart, end };
  }
  const prefix = token.slice(negation);
  if (prefix !== '' && !/^[A-Za-z0-9_.@-]*$/.test(prefix)) return { kind: 'none' };
  return { kind: 'field', prefix, start: start + negation, end };
}

/** Inside a pipe's arguments we only help with the command name itself. */
function afterPipeCommand(before: string): boolean {
  return /\|[^|]*\S\s/.test(before);
}

function insideQuotes(text: string, upTo: number): boolean {
  let quoted = false;
  for (let i = 0; i < upTo; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') quoted = !quoted;
  }
  return quoted;
}

/** Prefix matches first, then substring matches, each alphabetical; case-insensitive. */
export function rankByPrefix<T>(items: readonly T[], prefix: string, key: (item: T) => string, limit = 12): T[] {
  const needle = prefix.toLowerCase();
  const starts: T[] = [];
  const contains: T[] = [];
  for (const item of items) {
    const name = key(item).toLowerCase();
    if (name === needle) continue;
    if (name.startsWith(needle)) starts.push(item);
    else if (needle !== '' && name.includes(needle)) contains.push(item);
  }
  const byName = (a: T, b: T) => key(a).localeCompare(key(b));
  return [...starts.sort(byName), ...contains.sort(byName)].slice(0, limit);
}

export function fieldSuggestions(fields: readonly { name: string; type: string }[], prefix: string): Suggestion[] {
  return rankByPrefix(fields, prefix, (field) => field.name).map((field) => ({
    text: `${field.name}:`,
    label: field.name,
    detail: field.type,
  }));
}

/** Values keep the order they came in (most frequent first) and are filtered by the prefix. */
export function valueSuggestions(values: readonly { value: string; count: number }[], prefix: string): Suggestion[] {
  const needle = prefix.toLowerCase();
  return values
    .filter((entry) => entry.value.toLowerCase().includes(needle))
    .slice(0, 12)
    .map((entry) => ({ text: `${formatValue(entry.value)} `, label: entry.value, detail: String(entry.count) }));
}

export function commandSuggestions(prefix: string): Suggestion[] {
  return PIPE_COMMANDS.filter((command) => command.label.startsWith(prefix.toLowerCase()));
}

/** The text after choosing a suggestion, and where the cursor goes. */
export function applySuggestion(
  text: string,
  context: Exclude<SuggestionContext, { kind: 'none' }>,
  suggestion: Suggestion,
): { text: string; cursor: number } {
  const lead = context.kind === 'command' && context.start > 0 && text[context.start - 1] === '|' ? ' ' : '';
  const inserted = `${lead}${suggestion.text}`;
  const rest = text.slice(context.end);
  const glue = rest !== '' && !/^\s/.test(rest) && !inserted.endsWith(' ') ? ' ' : '';
  return {
    text: `${text.slice(0, context.start)}${inserted}${glue}${rest}`,
    cursor: context.start + inserted.length,
  };
}
