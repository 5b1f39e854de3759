import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { decodeEvent, encodeEvent, type SourceName } from '@vigil/schemas';
import { toEnvelopes } from '../inputs/accept-records.ts';
import { generateDemoRecords } from '../demo/generate.ts';
import { createPipelineStages } from '../embedded-pipeline.ts';
import { processBatch } from './process-batch.ts';
import { newCounters } from './stage-counters.ts';

const FIXTURES: [string, SourceName][] = [
  ['authentik.ndjson', 'authentik'],
  ['privx.ndjson', 'privx'],
  ['keeper.ndjson', 'keeper'],
  ['keeper.syslog.log', 'keeper'],
  ['akeyless.ndjson', 'akeyless'],
  ['czertainly.ndjson', 'czertainly'],
];

const records = (file: string) =>
  readFileSync(new URL(`../../../test/fixtures/vendor/${file}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');

describe('the whole pipeline over the vendor fixtures', async () => {
  const stages = await createPipelineStages({ enrich: true });

  it.each(FIXTURES)('%s: every record becomes valid events and survives an Avro round trip', (file, source) => {
    const batch = processBatch(toEnvelopes(records(file), { source, input: 'test' }), stages, newCounters());
    expect(batch.deadLetters).toEqual([]);
    expect(batch.events.length).toBeGreaterThanOrEqual(records(file).length);
    for (const { event } of batch.events) {
      expect(decodeEvent(encodeEvent(event))).toEqual(event);
      expect(event.event.module).toBe(source);
    }
  });

  it('gives the same input the same document id; a timeless record is told apart by its receipt time', () => {
    const privx = records('privx.ndjson').slice(0, 1);
    const ids = (lines: string[], source: SourceName, receivedAt: Date) =>
      processBatch(toEnvelopes(lines, { source, input: 't' }, receivedAt), stages, newCounters()).events.map(
        (e) => e.id,
      );
    const now = Date.now();
    expect(ids(privx, 'privx', new Date(now + 60_000))).toEqual(ids(privx, 'privx', new Date(now)));
    const akeyless = records('akeyless.ndjson').slice(-1);
    const first = ids(akeyless, 'akeyless', new Date(now));
    expect(ids(akeyless, 'akeyless', new Date(now))).toEqual(first);
    expect(ids(akeyless, 'akeyless', new Date(now + 3_600_000))).not.toEqual(first);
  });

  it('parses every demo record with the real parsers, and enriches their public IPs', () => {
    const demo = generateDemoRecords({ count: 3000, days: 7, now: new Date('2026-06-01T12:00:00Z'), seed: 3 });
    const envelopes = demo.flatMap((r) => toEnvelopes([r.raw], { source: r.source, input: 'demo' }));
    const batch = processBatch(envelopes, stages, newCounters());
    expect(batch.deadLetters.map((d) => d.reason)).toEqual([]);
    const located = batch.events.filter((e) => e.event.source?.geo?.country_iso_code);
    const countries = new Set(located.map((e) => e.event.source?.geo?.country_iso_code));
    expect(located.length).toBeGreaterThan(batch.events.length / 3);
    expect(countries.size).toBeGreaterThanOrEqual(20);
  });

  it('sends a record that cannot be parsed to the dead letters and keeps its neighbours', () => {
    const lines = ['{"event_id":"10"}', '{"no":"id"}', '{"event_id":"11"}'];
    const counters = newCounters();
    const batch = processBatch(toEnvelopes(lines, { source: 'privx', input: 't' }), stages, counters);
    expect(batch.events).toHaveLength(2);
    expect(batch.deadLetters).toHaveLength(1);
    expect(batch.deadLetters[0]?.envelope.raw).toBe('{"no":"id"}');
    expect(counters).toMatchObject({ records: 3, events: 2, deadLettered: 1 });
  });
});
