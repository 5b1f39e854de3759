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

/**
 * Every string and number leaf of the event, for the full-text index. The raw original is left out:
 * it repeats the parsed fields and would double the index.
 */
export function fullTextBody(event: CanonicalEvent): string {
  const parts: string[] = [];
  const walk = (value: unknown, depth: number): void => {
    if (depth > MAX_BODY_DEPTH || value === null || value === undefined) return;
    if (typeof value === 'string') parts.push(value);
    else if (typeof value === 'number') parts.push(String(value));
    else if (Array.isArray(value)) for (const v of value) walk(v, depth + 1);
    else if (typeof value === 'object') for (const v of Object.values(value)) walk(v, depth + 1);
  };
  const { event: meta, message: _message, ...rest } = event;
  const { original: _original, ...metaWithoutOriginal } = meta;
  walk(metaWithoutOriginal, 0);
  walk(rest, 0);
  return parts.join(' ');
}
