import { createServer, type Server } from 'node:http';
import { hostname } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Registry } from 'prom-client';
import {
  connectEngine,
  createKafka,
  createPipelineStages,
  EngineEventSink,
  ensureEngineStore,
  ensureTopics,
  KafkaIngestWorker,
  KafkaTransport,
  retentionRules,
  WorkerMetrics,
  type EventSink,
  type RetentionRule,
} from '@vigil/ingest';
import type { Kafka } from 'kafkajs';
import { buildApp } from './app.ts';
import { pipelineOptions, type EngineKind, type VigilConfig } from './config.ts';
import { EngineEventSearch } from './store/engine/engine-search.ts';
import { connectEngineReader } from './store/engine/engine-reader.ts';
import { startSyslog } from './syslog-input.ts';

/** Every index, template and policy is named `vigil-...`; one deployment per engine cluster. */
const STORE_PREFIX = 'vigil';

export interface DistributedVigil {
  /** The API, when this process has the `api` role (or `all`); not listening yet. */
  app?: FastifyInstance;
  worker?: KafkaIngestWorker;
  /** The ingest-only process's /metrics and /health server, already listening. */
  metricsServer?: Server;
  metrics: Registry;
  close(): Promise<void>;
}

interface IngestPart {
  worker: KafkaIngestWorker;
  metrics: WorkerMetrics;
  sink: EventSink;
  stopRetention(): void;
}

/**
 * One process of the distributed mode: VIGIL_ROLE picks what it runs. `ingest` is a member of the
 * Kafka consumer group writing to the engine (scale by adding processes, up to the raw topic's
 * partitions); `api` is a stateless search API that also accepts ingest over HTTP into Kafka;
 * `all` is both, for a small deployment or a laptop.
 */
export async function startDistributed(
  config: VigilConfig,
  options: { uiDir?: string; exit?: (code: number) => void } = {},
): Promise<DistributedVigil> {
  const store = config.store;
  if (store.kind === 'sqlite' || !config.kafka) throw new Error('distributed mode needs kafka and an engine store');
  const role = config.role;
  const kafka = createKafka({ brokers: config.kafka.brokers, clientId: `vigil-${role}-${hostname()}-${process.pid}` });
  await createTopics(kafka, config.kafka.rawPartitions);

  const metrics = processMetrics();
  const ingest = role === 'api' ? undefined : await startIngest(config, kafka, store, options.exit);
  const registry = ingest ? Registry.merge([metrics, ingest.metrics.registry]) : metrics;

  let app: FastifyInstance | undefined;
  let transport: KafkaTransport | undefined;
  let search: EngineEventSearch | undefined;
  if (role !== 'ingest') {
    search = new EngineEventSearch(connectEngineReader(store.kind, { node: store.url }), { prefix: STORE_PREFIX });
    transport = await KafkaTransport.connect(kafka);
    app = await buildApp(
      {
        search,
        ingest: { transport, limits: { maxRecordBytes: config.maxRecordBytes, maxDepth: config.maxJsonDepth } },
        ...(config.hecToken ? { hecToken: config.hecToken } : {}),
        maxBodyBytes: config.maxBodyBytes,
        // An API-only process does not see the workers' counters; Prometheus scrapes them.
        pipelineStatus: () => pipelineStatus(ingest?.worker),
      },
      { logLevel: config.logLevel, ...(options.uiDir ? { uiDir: options.uiDir } : {}) },
    );
    app.get('/metrics', { schema: { hide: true } }, async (_request, reply) =>
      reply.type(registry.contentType).send(await registry.metrics()),
    );
  }
  const metricsServer = role === 'ingest' ? await serveMetrics(config, registry, ingest?.worker) : undefined;
  // Syslog senders reach the API processes.
  const syslog =
    transport && config.syslog ? await startSyslog(config.syslog, transport, config.maxRecordBytes) : undefined;

  return {
    ...(app ? { app } : {}),
    ...(ingest ? { worker: ingest.worker } : {}),
    ...(metricsServer ? { metricsServer } : {}),
    metrics: registry,
    async close() {
      // Stop taking new work first, then drain the worker, then let go of the connections.
      await syslog?.stop();
      await app?.close();
      await transport?.close();
      ingest?.stopRetention();
      await ingest?.worker.stop();
      await ingest?.sink.close();
      await search?.close();
      await new Promise((resolve) => (metricsServer ? metricsServer.close(resolve) : resolve(undefined)));
    },
  };
}

async function createTopics(kafka: Kafka, rawPartitions: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await ensureTopics(admin, { rawPartitions });
  } finally {
    await admin.disconnect();
  }
}

async function startIngest(
  config: VigilConfig,
  kafka: Kafka,
  store: { kind: EngineKind; url: string },
  exit: (code: number) => void = (code) => process.exit(code),
): Promise<IngestPart> {
  const rules = retentionRules(config.retentionDays, config.retention);
  const sink = await openEngineSink(store, rules);
  const stages = await createPipelineStages(pipelineOptions(config));
  const metrics = new WorkerMetrics();
  const worker = new KafkaIngestWorker(kafka, sink, stages, metrics, {
    batchSize: config.pipelineBatch,
    // A consumer kafkajs gave up on must not leave a live-looking process behind: exit, get restarted.
    onFatal: () => exit(1),
  });
  await worker.start();
  // The lifecycle manager drops whole indices; this deletes what shorter (category) rules expired.
  const runRetention = () => void sink.applyRetention(rules, new Date()).catch((error: unknown) => logError(error));
  runRetention();
  const timer = setInterval(runRetention, config.retentionIntervalMinutes * 60_000);
  timer.unref();
  return { worker, metrics, sink, stopRetention: () => clearInterval(timer) };
}

/**
 * The engine's indices, templates and lifecycle policies are set up by the writers at start (safe
 * from several at once); the API only reads and needs none of it to answer.
 */
async function openEngineSink(store: { kind: EngineKind; url: string }, rules: RetentionRule[]): Promise<EventSink> {
  const client = connectEngine(store.kind, { node: store.url });
  await ensureEngineStore(client, { prefix: STORE_PREFIX }, rules);
  return new EngineEventSink(client, { prefix: STORE_PREFIX });
}

function logError(error: unknown): void {
  console.error(JSON.stringify({ msg: 'retention failed', error: (error as Error).message }));
}

function pipelineStatus(worker: KafkaIngestWorker | undefined) {
  const c = worker?.counters;
  return {
    queued: worker?.lag() ?? 0,
    records: c?.records ?? 0,
    events: c?.events ?? 0,
    written: c?.written ?? 0,
    dead_lettered: c?.deadLettered ?? 0,
  };
}

/** CPU, memory, event-loop lag and GC of this process, in a registry of its own. */
function processMetrics(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'vigil_' });
  return registry;
}

/** An ingest-only process has no API, so a bare HTTP server answers Prometheus and liveness probes. */
async function serveMetrics(
  config: VigilConfig,
  registry: Registry,
  worker: KafkaIngestWorker | undefined,
): Promise<Server> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'GET' && path === '/metrics') {
      registry
        .metrics()
        .then((body) => response.writeHead(200, { 'content-type': registry.contentType }).end(body))
        .catch(() => response.writeHead(500).end());
      return;
    }
    if (request.method === 'GET' && path === '/health') {
      const body = JSON.stringify({ status: 'ok', role: 'ingest', pipeline: pipelineStatus(worker) });
      response.writeHead(200, { 'content-type': 'application/json' }).end(body);
      return;
    }
    response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"not_found"}}');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.metricsPort, config.host, () => resolve());
  });
  return server;
}
