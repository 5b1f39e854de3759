import type { CanonicalEvent, Envelope } from '@vigil/schemas';
import { ParseError } from './parser.ts';

type EventCore = Pick<CanonicalEvent['event'], 'action'> & Partial<CanonicalEvent['event']>;
export type EventDraft = Omit<CanonicalEvent, 'event' | '@timestamp'> & {
  '@timestamp'?: string;
  event: EventCore;
};

/**
 * Completes a parser's draft with what every event carries: module/dataset from the envelope's
 * source, ingest time, the original record, and defaults for kind/category/type.
 */
export function buildEvent(envelope: Envelope, draft: EventDraft): CanonicalEvent {
  const { event, ...rest } = draft;
  return dropUndefined({
    ...rest,
    '@timestamp': draft['@timestamp'] ?? envelope.received_at,
    event: {
      kind: 'event',
      category: [],
      type: [],
      dataset: `${envelope.source}.audit`,
      ...event,
      module: envelope.source,
      ingested: envelope.received_at,
      original: event.original ?? envelope.raw,
    },
  }) as CanonicalEvent;
}

/** Parses a record that must be one JSON object. */
export function parseJsonObject(raw: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new ParseError(`invalid JSON: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ParseError('expected a JSON object');
  }
  return value as Record<string, unknown>;
}

/**
 * Normalizes the timestamps vendors send: ISO 8601 (with or without zone; naive ones are taken as
 * UTC), epoch seconds or milliseconds (number or numeric string). Returns ISO 8601 UTC, or undefined.
 */
export function toIsoTimestamp(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  let ms: number;
  if (typeof value === 'number' || (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value))) {
    const n = Number(value);
    ms = n < 1e11 ? n * 1000 : n < 1e14 ? n : n / 1000;
  } else if (typeof value === 'string') {
    const naive = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value);
    ms = Date.parse(naive ? `${value.replace(' ', 'T')}Z` : value);
  } else {
    return undefined;
  }
  // Date accepts ±8.64e15 ms; anything beyond is not a time, whatever the digits say.
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : undefined;
}

/** Removes undefined values recursively so events carry only what they have. */
export function dropUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => dropUndefined(v)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined) continue;
    const cleaned = dropUndefined(v);
    if (cleaned !== null && typeof cleaned === 'object' && !Array.isArray(cleaned) && Object.keys(cleaned).length === 0)
      continue;
    // A JSON key `__proto__` must stay data, not change the prototype; defineProperty is slow, so only there.
    if (key === '__proto__') Object.defineProperty(out, key, { value: cleaned, enumerable: true, writable: true });
    else out[key] = cleaned;
  }
  return out as T;
}

export function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
