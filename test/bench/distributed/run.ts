/**
 * Distributed-mode benchmark against a real Kafka and OpenSearch on this machine. Prints figures;
 * asserts nothing. Run: `npx tsx test/bench/distributed/run.ts` (BENCH_EVENTS, BENCH_RUNS tune it).
 *
 * 1. Raw `_bulk` of the pre-built documents straight to OpenSearch (same index layout, request size
 *    and concurrency as the ingester) and the full Kafka -> ingester -> OpenSearch pipeline over the
 *    same records (the ingester in this process, so process.cpuUsage is its CPU): ratio pipeline /
 *    raw (goal >= 0.8) and the ingester's CPU per event.
 * 2. The pipeline without GeoIP/ASN enrichment: with / without (goal >= 0.95).
 *    Order: warm-up raw (not counted), raw, on, off, on, raw; each ratio uses the runs around the
 *    other, because the engine keeps getting faster for several loads.
 * 3. Search latency p50/p99 through the search API next to the same engine requests sent straight.
 */
import {
  connectEngine,
  createKafka,
  createPipelineStages,
  ensureEngineStore,
  generateDemoRecords,
} from '@vigil/ingest';
import {
  ensureTopics,
  INGEST_GROUP,
  KafkaTransport,
  newCounters,
  processBatch,
  retentionRules,
  TOPICS,
} from '@vigil/ingest';
import type { IndexedEvent } from '@vigil/ingest';
import type { Envelope } from '@vigil/schemas';
import { loadConfig, startDistributed } from '@vigil/search-api';
import { startKafka, startOpenSearch } from '../../support/engines.ts';
import { bulkBodies, countDocs, dropPrefix, rawBulk } from './raw-bulk.ts';
import { searchLatency } from './search-latency.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const PREFIX = 'vigil';
const DAYS = 7;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function envelopes(count: number, seed: number): Envelope[] {
  return generateDemoRecords({ count, days: DAYS, now: new Date(), seed }).map((record, index) => ({
    ingest_id: `bench-${seed}-${index}`,
    source: record.source,
    input: 'bench',
    received_at: record.receivedAt,
    raw: record.raw,
  }));
}

async function prebuilt(records: Envelope[]): Promise<IndexedEvent[]> {
  const stages = await createPipelineStages({ enrich: true });
  const events: IndexedEvent[] = [];
  for (let i = 0; i < records.length; i += 1000) {
    events.push(...processBatch(records.slice(i, i + 1000), stages, newCounters()).events);
  }
  return events;
}

function baseEnv(brokers: string, url: string): Record<string, string> {
  return {
    VIGIL_TRANSPORT: 'kafka',
    VIGIL_KAFKA_BROKERS: brokers,
    VIGIL_STORE: 'opensearch',
    VIGIL_STORE_URL: url,
    LOG_LEVEL: 'warn',
  };
}

interface PipelineFigures {
  /** Events per second the ingester sent to the store (bulk items, as the raw run counts them). */
  rate: number;
  cpuMicrosPerEvent: number;
}

/** An ingest-role process in this one (so process.cpuUsage is the ingester's), drained from offset 0. */
async function pipelineRun(
  env: Record<string, string>,
  url: string,
  records: number,
  label: string,
): Promise<PipelineFigures> {
  await dropPrefix(url, PREFIX);
  const vigil = await startDistributed(loadConfig({ ...env, VIGIL_ROLE: 'ingest', VIGIL_METRICS_PORT: '0' }));
  const worker = vigil.worker;
  if (!worker) throw new Error('no worker in an ingest process');
  const cpu = process.cpuUsage();
  const started = performance.now();
  while (worker.counters.records < records || worker.lag() > 0) await new Promise((r) => setTimeout(r, 50));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const events = worker.counters.written;
  await vigil.close();
  const rate = events / seconds;
  const cpuMicrosPerEvent = (used.user + used.system) / Math.max(1, events);
  console.log(`\n## pipeline Kafka -> ingester -> OpenSearch (${label})`);
  console.log(
    `${fmt(events)} events in ${seconds.toFixed(1)} s = ${fmt(rate)} events/s; ingester CPU ${fmt(cpuMicrosPerEvent)} µs per event; ` +
      `${fmt(await countDocs(url, PREFIX))} distinct documents stored`,
  );
  return { rate, cpuMicrosPerEvent };
}

/** An empty engine with the store's layout (templates, write aliases), as an ingester creates it. */
async function freshLayout(url: string): Promise<void> {
  await dropPrefix(url, PREFIX);
  const client = connectEngine('opensearch', { node: url });
  await ensureEngineStore(client, { prefix: PREFIX }, retentionRules(365, []));
  await client.close();
}

/** Raw bulk into a fresh layout; answers documents per second. */
async function rawRun(url: string, bodies: readonly string[], label: string): Promise<number> {
  await freshLayout(url);
  const run = await rawBulk(url, bodies, 2);
  const rate = run.docs / run.seconds;
  console.log(
    `\n## ${label}: ${fmt(run.docs)} docs (${run.refused} refused) in ${run.seconds.toFixed(1)} s = ${fmt(rate)} docs/s`,
  );
  return rate;
}

async function resetGroup(brokers: string): Promise<void> {
  const admin = createKafka({ brokers: [brokers], clientId: 'bench-admin' }).admin();
  await admin.connect();
  await admin.resetOffsets({ groupId: INGEST_GROUP, topic: TOPICS.raw, earliest: true });
  await admin.disconnect();
}

console.log(
  `# Vigil distributed benchmark (${new Date().toISOString()}, node ${process.version}, ${fmt(EVENTS)} records)`,
);
const [kafka, engine] = await Promise.all([startKafka(), startOpenSearch()]);
try {
  const env = baseEnv(kafka.brokers, engine.url);
  const records = envelopes(EVENTS, 11);
  const events = await prebuilt(records);

  // The engine's JIT needs a full load to warm up (a second raw run was ~2x the first): one
  // unmeasured pass first, so no phase is flattered by running later than another.
  const bodies = bulkBodies(events, PREFIX);
  await rawRun(engine.url, bodies, 'raw _bulk warm-up (not counted)');
  const raw = await rawRun(engine.url, bodies, 'raw _bulk');

  const client = createKafka({ brokers: [kafka.brokers], clientId: 'bench' });
  const admin = client.admin();
  await admin.connect();
  await ensureTopics(admin, { rawPartitions: 6 });
  await admin.disconnect();
  const transport = await KafkaTransport.connect(client);
  const publishStarted = performance.now();
  for (let i = 0; i < records.length; i += 5000) await transport.publish(records.slice(i, i + 5000));
  await transport.close();
  const publishSeconds = (performance.now() - publishStarted) / 1000;
  console.log(
    `published ${fmt(records.length)} records to Kafka in ${publishSeconds.toFixed(1)} s (${fmt(records.length / publishSeconds)}/s)`,
  );

  // The engine still speeds up run after run, so the phases go raw, on, off, on, raw and each
  // comparison takes the mean of the runs on both sides of the other: a steady drift cancels out.
  const enriched = await pipelineRun({ ...env, VIGIL_ENRICH: 'true' }, engine.url, records.length, 'enrichment on');
  await resetGroup(kafka.brokers);
  const plain = await pipelineRun({ ...env, VIGIL_ENRICH: 'false' }, engine.url, records.length, 'enrichment off');
  await resetGroup(kafka.brokers);
  const enrichedAgain = await pipelineRun(
    { ...env, VIGIL_ENRICH: 'true' },
    engine.url,
    records.length,
    'enrichment on',
  );
  const rawAgain = await rawRun(engine.url, bodies, 'raw _bulk again');

  const onRate = (enriched.rate + enrichedAgain.rate) / 2;
  const cpu = (enriched.cpuMicrosPerEvent + enrichedAgain.cpuMicrosPerEvent) / 2;
  console.log(`\n## summary`);
  console.log(`pipeline / raw bulk: ${(onRate / ((raw + rawAgain) / 2)).toFixed(2)} (goal >= 0.8)`);
  console.log(`with / without enrichment: ${(onRate / plain.rate).toFixed(2)} (goal >= 0.95)`);
  console.log(`ingester CPU per event: ${fmt(cpu)} µs with enrichment, ${fmt(plain.cpuMicrosPerEvent)} µs without`);

  const api = await startDistributed(loadConfig({ ...env, VIGIL_ROLE: 'api', LOG_LEVEL: 'silent' }));
  await api.app?.listen({ port: 0, host: '127.0.0.1' });
  const address = api.app?.server.address();
  const apiUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const now = Date.now();
  const window = { fromMs: now - DAYS * 86_400_000 - 3_600_000, toMs: now };
  console.log(
    `\n## search latency at ${fmt(await countDocs(engine.url, PREFIX))} events (${RUNS} runs each): API vs straight to OpenSearch`,
  );
  const rows = await searchLatency(
    { kind: 'opensearch', engineUrl: engine.url, apiUrl, prefix: PREFIX, runs: RUNS },
    window,
  );
  const errors = (n: number) => (n > 0 ? `, ${n} of ${RUNS} failed` : '');
  for (const { query, api: viaApi, engine: direct } of rows) {
    console.log(
      `${JSON.stringify(query)}: API p50 ${viaApi.p50.toFixed(1)} ms, p99 ${viaApi.p99.toFixed(1)} ms${errors(viaApi.errors)} | ` +
        `OpenSearch p50 ${direct.p50.toFixed(1)} ms, p99 ${direct.p99.toFixed(1)} ms${errors(direct.errors)}`,
    );
  }
  await api.close();
} finally {
  await Promise.all([kafka.stop(), engine.stop()]);
}
