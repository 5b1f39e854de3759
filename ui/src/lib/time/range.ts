/**
 * Time ranges as the API reads them: ISO 8601, epoch ms, or relative to now (`now-15m`, `now-7d`).
 * The URL keeps what the user chose (relative stays relative, so a shared link means "the last 24
 * hours" when opened); charts resolve it to absolute ms at fetch time.
 */

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const UNIT_NAME: Record<string, string> = { s: 'second', m: 'minute', h: 'hour', d: 'day', w: 'week' };
const RELATIVE = /^now(?:([+-])(\d+)([smhdw]))?$/;

export interface QuickRange {
  label: string;
  from: string;
}

export const QUICK_RANGES: readonly QuickRange[] = [
  { label: 'Last 15 minutes', from: 'now-15m' },
  { label: 'Last 1 hour', from: 'now-1h' },
  { label: 'Last 4 hours', from: 'now-4h' },
  { label: 'Last 24 hours', from: 'now-24h' },
  { label: 'Last 7 days', from: 'now-7d' },
  { label: 'Last 30 days', from: 'now-30d' },
];

export const DEFAULT_FROM = 'now-24h';
export const DEFAULT_TO = 'now';

/** Epoch ms for a time the API accepts, or undefined when unreadable (mirrors the server). */
export function parseTime(text: string, now: number = Date.now()): number | undefined {
  const value = text.trim();
  const relative = RELATIVE.exec(value);
  if (relative) {
    const [, sign, amount, unit] = relative;
    if (!sign || !amount || !unit) return now;
    const delta = Number(amount) * (UNIT_MS[unit] ?? 0);
    return sign === '-' ? now - delta : now + delta;
  }
  if (/^\d{10,13}$/.test(value)) return Number(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  const zoned = /T[^Z+-]*$/i.test(value) ? `${value}Z` : value;
  const ms = Date.parse(zoned);
  return Number.isFinite(ms) ? ms : undefined;
}

export function isRelative(text: string): boolean {
  return RELATIVE.test(text.trim());
}

export interface ResolvedRange {
  fromMs: number;
  toMs: number;
}

/** Both ends in ms, or an error message naming the end that is wrong. */
export function resolveRange(from: string, to: string, now: number = Date.now()): ResolvedRange | { error: string } {
  const fromMs = parseTime(from, now);
  const toMs = parseTime(to, now);
  if (fromMs === undefined) return { error: `cannot read the start time '${from}'` };
  if (toMs === undefined) return { error: `cannot read the end time '${to}'` };
  if (fromMs > toMs) return { error: 'the start is after the end' };
  return { fromMs, toMs };
}

/** "Last 7 days", "now-90m → now", or the absolute ends in UTC. */
export function describeRange(from: string, to: string): string {
  const quick = QUICK_RANGES.find((range) => range.from === from.trim());
  if (quick && to.trim() === DEFAULT_TO) return quick.label;
  const relative = RELATIVE.exec(from.trim());
  if (relative && to.trim() === DEFAULT_TO && relative[1] === '-' && relative[2] && relative[3]) {
    const amount = Number(relative[2]);
    return `Last ${amount} ${UNIT_NAME[relative[3]]}${amount === 1 ? '' : 's'}`;
  }
  return `${describeEnd(from)} → ${describeEnd(to)}`;
}

function describeEnd(text: string): string {
  if (isRelative(text)) return text.trim();
  const ms = parseTime(text);
  return ms === undefined ? text : formatUtc(ms);
}

/** `2026-03-01 10:00:04` (UTC, seconds), the form used across the UI. */
export function formatUtc(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, '');
}

/** An absolute end for the URL: ISO without milliseconds when they are zero. */
export function toIso(ms: number): string {
  return new Date(Math.round(ms)).toISOString().replace('.000Z', 'Z');
}

/** `<input type="datetime-local">` value (UTC) and back. */
export function toLocalInput(text: string, now: number = Date.now()): string {
  const ms = parseTime(text, now);
  return ms === undefined ? '' : new Date(ms).toISOString().slice(0, 16);
}

export function fromLocalInput(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return undefined;
  const ms = Date.parse(`${value.slice(0, 16)}:00Z`);
  return Number.isFinite(ms) ? toIso(ms) : undefined;
}

/** A window around an instant, for "events around that time" links. */
export function around(ms: number, halfWidthMs: number): { from: string; to: string } {
  return { from: toIso(ms - halfWidthMs), to: toIso(ms + halfWidthMs) };
}
