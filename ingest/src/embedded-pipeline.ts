import { join } from 'node:path';
import { createEnricher } from './enrich/enricher.ts';
import { createRedactor } from './redact/redact.ts';
import { PARSERS } from './parsers/registry.ts';
import { EmbeddedRunner } from './pipeline/embedded-runner.ts';
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

/** parse -> enrich -> redact, the same stages in both modes. */
export async function createPipelineStages(options: PipelineOptions): Promise<PipelineStages> {
  const enricher = await createEnricher({
    enabled: options.enrich,
    ...(options.geoipCityMmdb ? { geoipCityMmdb: options.geoipCityMmdb } : {}),
    ...(options.asnMmdb ? { asnMmdb: options.asnMmdb } : {}),
  });
  const redactor = createRedactor(options.redactKeys?.length ? { extraKeys: options.redactKeys } : {});
  const stages: EventStage[] = [
    { apply: (event) => enricher.enrich(event) },
    { apply: (event) => redactor.redact(event) },
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

/** The embedded mode's write path: one SQLite file holds the queue, the events and dead letters. */
export async function createEmbeddedPipeline(
  dataDir: string,
  options: PipelineOptions & { batchSize?: number },
): Promise<EmbeddedPipeline> {
  const db = openSqliteDatabase(dataDir === ':memory:' ? ':memory:' : join(dataDir, 'vigil.db'));
  const queue = new EmbeddedQueue(db);
  const sink = new SqliteEventSink(db);
  const stages = await createPipelineStages(options);
  const runner = new EmbeddedRunner(db, queue, sink, stages, { batchSize: options.batchSize ?? 1000, idleMs: 1000 });
  return {
    db,
    queue,
    sink,
    runner,
    async close() {
      await runner.stop();
      await queue.close();
      db.close();
    },
  };
}
