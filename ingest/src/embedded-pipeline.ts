import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createEnricher } from './enrich/enricher.ts';
import { createRedactor } from './redact/redact.ts';
import { PARSERS } from './parsers/registry.ts';
import { EmbeddedRunner } from './pipeline/embedded-runner.ts';
import { inlineProcessor } from './pipeline/batch-processor.ts';
import { WorkerPool } from './pipeline/worker-pool.ts';
import type { EventStage, PipelineStages } from './pipeline/process-batch.ts';
import { openSqliteDatabase, type SqliteDatabase } from './store/sqlite-database.ts';
import { SqliteEventSink } from './store/sqlite-sink.ts';
import { EmbeddedQueue } from './transport/embedded-queue.ts';

export interface PipelineOptions {
  enrich: boolean;
  geoipCityMmdb?: string;
  asnMmdb?: string;
  redactKeys?: string[];
}

/**
 * parse -> redact -> enrich, the same stages in both modes. Redaction goes first: what enrichment
 * adds (places, networks) holds no secrets, and the redactor then need not scan it.
 */
export async function createPipelineStages(options: PipelineOptions): Promise<PipelineStages> {
  const enricher = await createEnricher({
    enabled: options.enrich,
    ...(options.geoipCityMmdb ? { geoipCityMmdb: options.geoipCityMmdb } : {}),
    ...(options.asnMmdb ? { asnMmdb: options.asnMmdb } : {}),
  });
  const redactor = createRedactor(options.redactKeys?.length ? { extraKeys: options.redactKeys } : {});
  const stages: EventStage[] = [
    { apply: (event) => redactor.redact(event) },
    { apply: (event) => enricher.enrich(event) },
  ];
  return { parsers: PARSERS, stages };
}

export interface EmbeddedPipeline {
  db: SqliteDatabase;
  queue: EmbeddedQueue;
  sink: SqliteEventSink;
  runner: EmbeddedRunner;
  close(): Promise<void>;
}

/**
 * Worker threads for parsing and enrichment: by default one fewer than the cores (at least one), so
 * the main thread keeps a core for SQLite writes and the API. 0 processes inline.
 */
export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism() - 1);
}

/** The embedded mode's write path: one SQLite file holds the queue, the events and dead letters. */
export async function createEmbeddedPipeline(
  dataDir: string,
  options: PipelineOptions & { batchSize?: number; workers?: number },
): Promise<EmbeddedPipeline> {
  const db = openSqliteDatabase(dataDir === ':memory:' ? ':memory:' : join(dataDir, 'vigil.db'));
  const queue = new EmbeddedQueue(db);
  const sink = new SqliteEventSink(db);
  const workers = options.workers ?? defaultWorkerCount();
  const { batchSize: _batchSize, workers: _workers, ...stageOptions } = options;
  const processor =
    workers > 0
      ? await WorkerPool.create(workers, stageOptions)
      : inlineProcessor(await createPipelineStages(stageOptions));
  const runner = new EmbeddedRunner(db, queue, sink, processor, {
    batchSize: options.batchSize ?? 1000,
    idleMs: 1000,
    lookahead: Math.max(1, workers),
  });
  return {
    db,
    queue,
    sink,
    runner,
    async close() {
      await runner.stop();
      await processor.close();
      await queue.close();
      db.close();
    },
  };
}
