import { ROWID_SHIFT, SQLITE_COLUMNS, type CanonicalEvent } from '@vigil/schemas';

export { ROWID_SHIFT };

export function rowidFor(timestampMs: number, id: string): number {
  // Events of one millisecond spread over the low bits by their id (ROWID_SHIFT - 1 is the mask).
  // FNV-1a is enough: ids are hashes already, and a clash only moves a row to the next free slot.
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return timestampMs * ROWID_SHIFT + ((h >>> 0) & (ROWID_SHIFT - 1));
}

export function rowidRange(fromMs: number, toMs: number): [number, number] {
  return [fromMs * ROWID_SHIFT, toMs * ROWID_SHIFT + (ROWID_SHIFT - 1)];
}

/** Each column's path, split once: this runs for every column of every event. */
const COLUMN_PATHS: readonly (readonly string[])[] = SQLITE_COLUMNS.map(({ field }) => field.path.split('.'));

function valueAt(event: CanonicalEvent, parts: readonly string[]): unknown {
  let current: unknown = event;
  for (const part of parts) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** The value a column stores: arrays as JSON text, booleans as 0/1. */
export function columnValues(event: CanonicalEvent): unknown[] {
  return COLUMN_PATHS.map((parts) => {
    const value = valueAt(event, parts);
    if (value === undefined || value === null) return null;
    if (Array.isArray(value)) return JSON.stringify(value);
    if (typeof value === 'boolean') return value ? 1 : 0;
    return value;
  });
}

const MAX_BODY_DEPTH = 32;
/** An ISO date-time: times are searched as ranges on their fields, never as words. */
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d/;
/** The regex only where the dashes and the T sit where a date-time has them: it runs for every leaf. */
const isDateTime = (text: string): boolean =>
  text.length >= 16 && text.charCodeAt(4) === 45 && text.charCodeAt(10) === 84 && DATE_TIME.test(text);

/**
 * The words of the event for the full-text index: every string and number leaf, each distinct value
 * once. Left out, because they would only make the index bigger and every insert slower (FTS5 work
 * grows with the words of a row): the raw original (it repeats the parsed fields), values repeated
 * in the event (vendor fields copied into ECS ones, `related.*`), date-times, and geo points.
 * A word search still finds every value; its weight in a ranking would change, and Vigil orders
 * hits by time.
 */
export function fullTextBody(event: CanonicalEvent): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  const add = (text: string): void => {
    if (text === '' || seen.has(text)) return;
    seen.add(text);
    parts.push(text);
  };
  const walk = (value: unknown, depth: number): void => {
    if (depth > MAX_BODY_DEPTH || value === null || value === undefined) return;
    if (typeof value === 'string') {
      if (!isDateTime(value)) add(value);
    } else if (typeof value === 'number') add(String(value));
    else if (Array.isArray(value)) for (const v of value) walk(v, depth + 1);
    else if (typeof value === 'object' && !isGeoPoint(value)) for (const v of Object.values(value)) walk(v, depth + 1);
  };
  const { event: meta, message: _message, ...rest } = event;
  const { original: _original, ...metaWithoutOriginal } = meta;
  walk(metaWithoutOriginal, 0);
  walk(rest, 0);
  return parts.join(' ');
}

function isGeoPoint(value: object): boolean {
  const point = value as { lat?: unknown; lon?: unknown };
  return typeof point.lat === 'number' && typeof point.lon === 'number' && Object.keys(value).length === 2;
}
