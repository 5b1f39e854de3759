import type { Envelope } from '@vigil/schemas';
import { createPipelineStages, generateDemoRecords, newCounters, processBatch } from '@vigil/ingest';

export interface Expectation {
  /** Distinct document ids: what the store must hold, no more, no less. */
  total: number;
  bySource: Record<string, number>;
  /** Keyed by the action as the engine aggregates it (keywords are normalized to lowercase). */
  byAction: Record<string, number>;
  deadLetters: number;
}

export interface Corpus {
  envelopes: Envelope[];
  expected: Expectation;
  /** The document ids each envelope turns into, by its index in `envelopes`. */
  idsOf(index: number): string[];
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/**
 * Demo records of every vendor as envelopes, and what the store must hold afterwards: the same
 * records run through the same stages here, so the expectation is computed, not guessed.
 */
export async function buildCorpus(count: number, now: Date): Promise<Corpus> {
  const records = generateDemoRecords({ count, days: 7, now, seed: 3 });
  const envelopes: Envelope[] = records.map((record, index) => ({
    ingest_id: `e2e-${index}`,
    source: record.source,
    input: 'test',
    received_at: record.receivedAt,
    raw: record.raw,
  }));
  const stages = await createPipelineStages({ enrich: true });
  const counters = newCounters();
  const ids: string[][] = [];
  const seen = new Set<string>();
  const expected: Expectation = { total: 0, bySource: {}, byAction: {}, deadLetters: 0 };
  for (const envelope of envelopes) {
    const result = processBatch([envelope], stages, counters);
    expected.deadLetters += result.deadLetters.length;
    ids.push(result.events.map((e) => e.id));
    for (const { id, event } of result.events) {
      if (seen.has(id)) continue;
      seen.add(id);
      bump(expected.bySource, event.event.module);
      bump(expected.byAction, event.event.action.toLowerCase());
    }
  }
  expected.total = seen.size;
  return { envelopes, expected, idsOf: (index) => ids[index] ?? [] };
}
