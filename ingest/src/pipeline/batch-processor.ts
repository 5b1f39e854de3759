import type { Envelope } from '@vigil/schemas';
import type { DeadLetter } from '../store/event-sink.ts';
import { prepareRow, type PreparedRow } from '../store/prepared-row.ts';
import { processBatch, type PipelineStages } from './process-batch.ts';
import { newCounters, type PipelineCounters } from './stage-counters.ts';

/** A processed batch, ready for the embedded store's insert. */
export interface PreparedBatch {
  rows: PreparedRow[];
  deadLetters: DeadLetter[];
  counters: Pick<PipelineCounters, 'records' | 'events' | 'deadLettered'>;
}

/**
 * parse -> redact -> enrich -> id -> row, for a batch of envelopes. The embedded runner uses a pool
 * of worker threads (so processing and SQLite writes run on both cores at once) or, where threads
 * are not wanted, the same work inline.
 */
export interface BatchProcessor {
  process(envelopes: readonly Envelope[]): Promise<PreparedBatch>;
  close(): Promise<void>;
}

export function prepareBatch(envelopes: readonly Envelope[], stages: PipelineStages): PreparedBatch {
  const counters = newCounters();
  const batch = processBatch(envelopes, stages, counters);
  return {
    rows: batch.events.map(prepareRow),
    deadLetters: batch.deadLetters,
    counters: { records: counters.records, events: counters.events, deadLettered: counters.deadLettered },
  };
}

export function inlineProcessor(stages: PipelineStages): BatchProcessor {
  return {
    process: async (envelopes) => prepareBatch(envelopes, stages),
    close: async () => {},
  };
}
