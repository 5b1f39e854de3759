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

/**
 * Removes undefined values and empty objects recursively so events carry only what they have.
 * Copy-on-write: a part with nothing to remove is returned as it is (parsed vendor JSON never holds
 * undefined), which spares copying every vendor object of every event.
 */
export function dropUndefined<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  return rewrite(
    value,
    (child) => {
      if (child === undefined) return OMIT;
      const cleaned = dropUndefined(child);
      return isEmptyObject(cleaned) ? OMIT : cleaned;
    },
    (item) => dropUndefined(item),
  ) as T;
}

/**
 * Vendor JSON without its nulls: null becomes undefined, null array items and null-valued keys go.
 * Copy-on-write like dropUndefined, so a vendor object without nulls is kept as it is.
 */
export function withoutNulls(value: unknown): unknown {
  if (value === null) return undefined;
  if (typeof value !== 'object') return value;
  const clean = (child: unknown) => (child === null ? OMIT : withoutNulls(child));
  return rewrite(value, clean, clean);
}

/** What a rewrite rule returns to leave a member or an item out. */
const OMIT = Symbol('omit');
type Rule = (value: unknown) => unknown;

/**
 * An object's members or an array's items through `member` / `item`, copied only from the first one
 * that changes (or is OMITted): unchanged parts keep their identity.
 */
function rewrite(value: object, member: Rule, item: Rule): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const original: unknown = value[i];
      const cleaned = item(original);
      if (copy === undefined) {
        if (cleaned === original) continue;
        copy = value.slice(0, i);
      }
      if (cleaned !== OMIT) copy.push(cleaned);
    }
    return copy ?? value;
  }
  const source = value as Record<string, unknown>;
  const keys = Object.keys(source);
  let out: Record<string, unknown> | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const child = source[key];
    const cleaned = member(child);
    if (out === undefined) {
      if (cleaned === child) continue;
      out = {};
      for (let j = 0; j < i; j++) setOwn(out, keys[j] as string, source[keys[j] as string]);
    }
    if (cleaned !== OMIT) setOwn(out, key, cleaned);
  }
  return out ?? value;
}

function isEmptyObject(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  for (const _key in value) return false;
  return true;
}

/** A JSON key `__proto__` must stay data, not change the prototype; defineProperty is slow, so only there. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true });
  else target[key] = value;
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
