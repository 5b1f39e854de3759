import { readFileSync } from 'node:fs';
import { FormatRegistry } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { CanonicalEventSchema, type CanonicalEvent, type Envelope } from '@vigil/schemas';
import { expect } from 'vitest';
import { genericParser } from './generic.ts';

export const RECEIVED_AT = '2026-01-05T10:00:00.000Z';
export const fixture = (path: string) =>
  readFileSync(new URL(`../../../test/fixtures/${path}`, import.meta.url), 'utf8');

// The schema's date fields use the `date-time` format, which TypeBox checks only once registered.
if (!FormatRegistry.Has('date-time')) {
  FormatRegistry.Set('date-time', (value) => /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value)));
}
const checkEvent = TypeCompiler.Compile(CanonicalEventSchema);

export function envelope(raw: string): Envelope {
  return { ingest_id: 'test-1', source: 'generic', input: 'http', received_at: RECEIVED_AT, raw };
}

/** Parses and checks every event against the canonical schema, as the pipeline does. */
export function parseAll(value: unknown): CanonicalEvent[] {
  const events = genericParser.parse(envelope(typeof value === 'string' ? value : JSON.stringify(value)));
  for (const event of events) {
    const error = checkEvent.Errors(event).First();
    expect(error && `${error.path} ${error.message}`).toBeUndefined();
    expect(event.event.module).toBe('generic');
  }
  return events;
}

export function parseOne(value: unknown): CanonicalEvent {
  const events = parseAll(value);
  expect(events).toHaveLength(1);
  return events[0] as CanonicalEvent;
}

/** Nesting depth of objects/arrays, walked without recursion. */
export function depthOf(root: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (value === null || typeof value !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** What the canonical event keeps of vendor JSON: no nulls, no empty objects (buildEvent drops those). */
export function asKept(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== null).map(asKept);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value)
    .filter(([, item]) => item !== null)
    .map(([key, item]) => [key, asKept(item)] as const)
    .filter(
      ([, item]) =>
        !(item !== null && typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length === 0),
    );
  return Object.fromEntries(entries);
}
