import type { Random } from './random.ts';

/** ISO 8601 with microseconds and `Z`, as authentik's API renders `created`. */
export function isoMicros(at: number, rng: Random): string {
  return new Date(at).toISOString().replace('Z', `${rng.int(0, 999).toString().padStart(3, '0')}Z`);
}

/** The naive local timestamp structlog writes in authentik's container logs (the container runs in UTC). */
export function naiveMicros(at: number, rng: Random): string {
  return isoMicros(at, rng).slice(0, -1);
}

export function isoMillis(at: number): string {
  return new Date(at).toISOString();
}

export function isoSeconds(at: number): string {
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Jackson's default rendering of a java.util.Date / OffsetDateTime in UTC. */
export function javaDate(at: number): string {
  return new Date(at).toISOString().replace('Z', '+00:00');
}

/**
 * JSON the way Python's `json.dumps(obj, sort_keys=True)` writes it: keys sorted at every level,
 * `", "` and `": "` separators, non-ASCII escaped as \uXXXX. authentik's
 * structlog lines look like this, and a parser fed only compact JSON would miss the difference.
 */
export function pythonJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return asciiString(value);
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${asciiString(key)}: ${pythonJson(item)}`).join(', ')}}`;
}

function asciiString(text: string): string {
  return JSON.stringify(text).replace(
    /[\u0080-\uffff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
