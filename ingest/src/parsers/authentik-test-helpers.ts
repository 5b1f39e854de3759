import { readFileSync } from 'node:fs';
import { FormatRegistry } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { CanonicalEventSchema, type CanonicalEvent, type Envelope } from '@vigil/schemas';
import { expect } from 'vitest';
import { authentikParser } from './authentik.ts';

export const RECEIVED_AT = '2026-02-02T08:00:00.000Z';

export function fixture(path: string): string {
  return readFileSync(new URL(`../../../test/fixtures/${path}`, import.meta.url), 'utf8');
}

export function envelope(raw: string): Envelope {
  return { ingest_id: 'test-1', source: 'authentik', input: 'http', received_at: RECEIVED_AT, raw };
}

export function parseAll(value: unknown): CanonicalEvent[] {
  return authentikParser.parse(envelope(typeof value === 'string' ? value : JSON.stringify(value)));
}

export function parseOne(value: unknown): CanonicalEvent {
  const events = parseAll(value);
  expect(events).toHaveLength(1);
  return events[0] as CanonicalEvent;
}

// The schema's date fields use the `date-time` format, which TypeBox checks only once registered.
if (!FormatRegistry.Has('date-time')) {
  FormatRegistry.Set('date-time', (value) => /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value)));
}
const checkEvent = TypeCompiler.Compile(CanonicalEventSchema);

/** The invariants every parsed event must hold, whatever its input. */
export function expectWellFormed(event: CanonicalEvent): void {
  const firstError = checkEvent.Errors(event).First();
  expect(firstError && `${firstError.path} ${firstError.message}`).toBeUndefined();
  expect(containsNull(event)).toBe(false);
  expect(event.event.module).toBe('authentik');
  expect(event.observer?.vendor).toBe('authentik');
  expect(event.message).toMatch(/\S/);
}

function containsNull(value: unknown): boolean {
  if (value === null) return true;
  if (typeof value !== 'object') return false;
  return Object.values(value).some(containsNull);
}

/** An Event object (shape A) with the given action and context, as the events API returns it. */
export function apiEvent(action: string, context: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return {
    pk: '0b0f6a35-6a7c-4c55-9d2e-1f2a3b4c5d6e',
    user: { pk: 1, email: 'root@localhost', username: 'akadmin' },
    action,
    app: 'authentik.events.middleware',
    context,
    client_ip: '198.51.100.7',
    created: '2025-03-01T10:00:00.123456Z',
    expires: '2026-03-01T10:00:00.123456Z',
    brand: {
      pk: 'fcba828076b94dedb2d5a6b4c5556fa1',
      app: 'authentik_brands',
      name: 'Default brand',
      model_name: 'brand',
    },
    ...extra,
  };
}
