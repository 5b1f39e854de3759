import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Envelope } from '@vigil/schemas';
import {
  createEmbeddedPipeline,
  generateDemoRecords,
  retentionRules,
  type EmbeddedPipeline,
  type SyslogListener,
} from '@vigil/ingest';
import { pipelineOptions, type VigilConfig } from './config.ts';
import { buildApp } from './app.ts';
import { startSyslog } from './syslog-input.ts';
import type { EventSearch } from './store/event-search.ts';
import { SqliteEventSearch } from './store/sqlite-search.ts';
import { ThreadedEventSearch } from './store/threaded-search.ts';

export interface EmbeddedVigil {
  app: FastifyInstance;
  pipeline: EmbeddedPipeline;
  search: EventSearch;
  syslog?: SyslogListener;
  runRetention(now?: Date): Promise<number>;
  close(): Promise<void>;
}

const DEFAULT_UI_DIR = fileURLToPath(new URL('../../ui/build', import.meta.url));

/** Puts the demo events on the queue once, on the first start of an empty store. */
async function loadDemoData(pipeline: EmbeddedPipeline, count: number): Promise<number> {
  const loaded = pipeline.db.prepare("SELECT value FROM meta WHERE key = 'demo_loaded'").pluck().get();
  const hasEvents = pipeline.db.prepare('SELECT 1 FROM events LIMIT 1').get();
  if (loaded || hasEvents) return 0;
  const records = generateDemoRecords({ count, days: 7, now: new Date(), seed: 7 });
  const envelopes: Envelope[] = records.map((record, index) => ({
    ingest_id: `demo-${index}`,
    source: record.source,
    input: 'demo',
    received_at: record.receivedAt,
    raw: record.raw,
  }));
  await pipeline.queue.publish(envelopes);
  pipeline.db
    .prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('demo_loaded', ?)")
    .run(new Date().toISOString());
  return envelopes.length;
}

/** One process: inputs, the pipeline worker, the SQLite store, the API and the UI. */
export async function startEmbedded(
  config: VigilConfig,
  options: { uiDir?: string | false; workers?: number } = {},
): Promise<EmbeddedVigil> {
  const pipeline = await createEmbeddedPipeline(config.dataDir, {
    ...pipelineOptions(config),
    batchSize: config.pipelineBatch,
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
  });
  // An in-memory store has no file another thread could open: it is searched on the main thread.
  const threaded = config.searchThreads > 0 && !pipeline.db.memory;
  const search = threaded
    ? await ThreadedEventSearch.open(pipeline.db.name, config.searchThreads)
    : new SqliteEventSearch(pipeline.db);
  const limits = { maxRecordBytes: config.maxRecordBytes, maxDepth: config.maxJsonDepth };
  const { runner, queue, sink } = pipeline;
  const app = await buildApp(
    {
      search,
      ingest: { transport: queue, limits, waitFor: (receipt) => runner.waitFor(receipt.position) },
      ...(config.hecToken ? { hecToken: config.hecToken } : {}),
      maxBodyBytes: config.maxBodyBytes,
      subscribeStored: (listener) =>
        runner.onStored((events) => listener(events.map(({ id, event }) => ({ id, ...event })))),
      pipelineStatus: () => ({
        queued: queue.depth(),
        records: runner.counters.records,
        events: runner.counters.events,
        written: runner.counters.written,
        dead_lettered: runner.counters.deadLettered,
      }),
    },
    {
      logLevel: config.logLevel,
      ...(options.uiDir === false ? {} : { uiDir: options.uiDir ?? DEFAULT_UI_DIR }),
    },
  );

  const rules = retentionRules(config.retentionDays, config.retention);
  const runRetention = (now = new Date()) => sink.applyRetention(rules, now);
  if (config.demoData) {
    const queued = await loadDemoData(pipeline, config.demoEvents);
    if (queued) app.log.info({ queued }, 'demo data queued');
  }
  runner.start();
  await runRetention();
  const retentionTimer = setInterval(
    () => void runRetention().catch((error) => app.log.error({ err: error }, 'retention failed')),
    config.retentionIntervalMinutes * 60_000,
  );
  retentionTimer.unref();

  const syslog = config.syslog ? await startSyslog(config.syslog, queue, config.maxRecordBytes) : undefined;

  return {
    app,
    pipeline,
    search,
    ...(syslog ? { syslog } : {}),
    runRetention,
    async close() {
      clearInterval(retentionTimer);
      await syslog?.stop();
      await app.close();
      await search.close();
      await pipeline.close();
    },
  };
}
