// The distributed mode end to end against a real Kafka (KRaft) and a real OpenSearch: 100,000 demo
// records through two ingest worker processes, one of them killed with -9 three times, the engine
// frozen for 30 s, bad records in between; afterwards the store holds exactly what the same records
// give when processed locally. The steps share one run and go in order.
import { Partitioners, type Admin, type Kafka, type Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKafka, KafkaTransport, TOPICS, HEADERS } from '@vigil/ingest';
import { startKafka, startOpenSearch, type HttpEngine, type KafkaEngine } from '../support/engines.ts';
import { startServer, type ServerProcess } from '../support/server-process.ts';
import { badRecords, type BadRecord } from './bad-records.ts';
import { buildCorpus, type Corpus } from './corpus.ts';
import { groupProgress, readTopic, waitForProgress } from './kafka-probe.ts';
import { distributedEnv, startIngestProcess, type IngestProcess } from './role-process.ts';
import { countByField, countEvents } from './store-probe.ts';

const COUNT = 100_000;
const CHUNK = 2_000;
/** Bad records go in after these chunks, between two good records whose events we look up later. */
const BAD_AFTER_CHUNK = [5, 15, 25, 40];
const FREEZE_MS = 30_000;

const elapsed: Record<string, string> = {};
async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await work();
  } finally {
    elapsed[name] = `${((Date.now() - started) / 1000).toFixed(1)} s`;
  }
}

describe.sequential('distributed pipeline: Kafka -> ingest workers -> OpenSearch', () => {
  let kafkaEngine: KafkaEngine;
  let engine: HttpEngine;
  let kafka: Kafka;
  let admin: Admin;
  let api: ServerProcess;
  let steady: IngestProcess;
  let victim: IngestProcess;
  let env: Record<string, string>;
  let corpus: Corpus;
  let bad: BadRecord[];

  beforeAll(async () => {
    await timed('start', async () => {
      const engines = Promise.all([startKafka(), startOpenSearch()]);
      // The expectation is computed while the JVMs boot.
      corpus = await timed('expectation', () => buildCorpus(COUNT, new Date()));
      bad = await badRecords();
      [kafkaEngine, engine] = await engines;
      env = distributedEnv(kafkaEngine.brokers, engine.url);
      kafka = createKafka({ brokers: [kafkaEngine.brokers], clientId: 'vigil-e2e' });
      admin = kafka.admin();
      await admin.connect();
      // The API creates the topics and the engine's templates; the workers find them in place.
      api = await startServer({ ...env, VIGIL_ROLE: 'api' });
      [steady, victim] = await Promise.all([startIngestProcess(env), startIngestProcess(env)]);
    });
  }, 900_000);

  afterAll(async () => {
    await Promise.all([steady?.terminate(), victim?.terminate()]);
    await api?.stop();
    await admin?.disconnect();
    await Promise.all([kafkaEngine?.stop(), engine?.stop()]);
    console.log('distributed e2e timings', elapsed);
  }, 180_000);

  it('publishes every record durably, bad ones in between', async () => {
    const transport = await KafkaTransport.connect(kafka);
    const producer: Producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await timed('publish', async () => {
      for (let chunk = 0; chunk * CHUNK < COUNT; chunk++) {
        await transport.publish(corpus.envelopes.slice(chunk * CHUNK, (chunk + 1) * CHUNK));
        const slot = BAD_AFTER_CHUNK.indexOf(chunk + 1);
        const record = bad[slot];
        if (record) await producer.send({ topic: TOPICS.raw, acks: -1, messages: [record.message] });
      }
    });
    await producer.disconnect();
    await transport.close();
    expect((await groupProgress(admin)).end).toBe(COUNT + bad.length);
  }, 300_000);

  it('keeps going through three kill -9 of an ingest worker', async () => {
    await timed('kills', async () => {
      for (const share of [0.1, 0.2, 0.3]) {
        const at = await waitForProgress(admin, (p) => p.committed >= share * p.end, 300_000);
        expect(at.committed).toBeLessThan(at.end);
        await victim.kill9();
        victim = await startIngestProcess(env);
      }
    });
    const before = (await groupProgress(admin)).committed;
    await waitForProgress(admin, (p) => p.committed > before, 120_000);
  }, 900_000);

  it('waits out a 30 s engine freeze; the API answers 503 with a reason meanwhile', async () => {
    const at = await waitForProgress(admin, (p) => p.committed >= 0.45 * p.end, 600_000);
    expect(at.committed, 'the freeze must happen mid-run').toBeLessThan(at.end);
    engine.freeze();
    try {
      await new Promise((r) => setTimeout(r, 5_000));
      const settled = (await groupProgress(admin)).committed;
      const asked = Date.now();
      const response = await fetch(`${api.url}/api/v1/search?q=privx&from=now-30d`, {
        signal: AbortSignal.timeout(FREEZE_MS),
      });
      const answeredMs = Date.now() - asked;
      const body = (await response.json()) as { error?: { code: string; message: string } };
      expect(response.status).toBe(503);
      expect(body.error?.code).toBe('store_unavailable');
      expect(body.error?.message.length).toBeGreaterThan(0);
      expect(answeredMs).toBeLessThan(FREEZE_MS - 5_000);
      await new Promise((r) => setTimeout(r, Math.max(0, FREEZE_MS - 5_000 - (Date.now() - asked))));
      // Nothing is committed while nothing can be stored.
      expect((await groupProgress(admin)).committed).toBe(settled);
    } finally {
      engine.thaw();
    }
    await timed('recovery after thaw', () =>
      waitForProgress(admin, (p) => p.committed > at.committed + CHUNK, 300_000),
    );
  }, 900_000);

  it('drains to exactly the expected events, per source and per action', async () => {
    await timed('drain', () => waitForProgress(admin, (p) => p.committed === p.end, 900_000));
    await fetch(`${engine.url}/_refresh`, { method: 'POST' });
    expect(await countEvents(engine.url)).toBe(corpus.expected.total);
    expect(await countByField(engine.url, 'event.module')).toEqual(corpus.expected.bySource);
    expect(await countByField(engine.url, 'event.action')).toEqual(corpus.expected.byAction);
    const sources = (await (await fetch(`${api.url}/api/v1/sources`)).json()) as {
      sources: { source: string; count: number }[];
    };
    const bySource = Object.fromEntries(sources.sources.filter((s) => s.count > 0).map((s) => [s.source, s.count]));
    expect(bySource).toEqual(corpus.expected.bySource);
  }, 900_000);

  it('puts bad records on the dead-letter topic with their reason; their neighbours are indexed', async () => {
    const letters = await readTopic(kafka, TOPICS.deadLetters, (r) => r.length >= bad.length);
    for (const record of bad) {
      const found = letters.filter((l) => l.value.equals(record.original));
      expect(found.length, record.name).toBeGreaterThan(0);
      for (const letter of found) {
        expect(letter.headers[HEADERS.reason], record.name).toMatch(record.reason);
        expect(letter.headers[HEADERS.source], record.name).toBe(record.source);
        expect(letter.headers[HEADERS.ingestId], record.name).toBeTruthy();
      }
    }
    // A replay after a kill may repeat a dead letter, but nothing else may land there.
    expect(letters.every((l) => bad.some((b) => l.value.equals(b.original)))).toBe(true);
    const stored = (await (await fetch(`${api.url}/api/v1/dead-letters?size=50`)).json()) as { total: number };
    expect(stored.total).toBe(bad.length);
    for (const chunk of BAD_AFTER_CHUNK) {
      for (const index of [chunk * CHUNK - 1, chunk * CHUNK]) {
        for (const id of corpus.idsOf(index)) {
          expect((await fetch(`${api.url}/api/v1/events/${id}`)).status, `event ${id} of record ${index}`).toBe(200);
        }
      }
    }
  }, 120_000);

  it('SIGTERM drains the batch in hand, commits and exits 0; a replay overwrites', async () => {
    const transport = await KafkaTransport.connect(kafka);
    await transport.publish(corpus.envelopes.slice(0, 10_000));
    await transport.close();
    const end = (await groupProgress(admin)).end;
    await waitForProgress(admin, (p) => p.committed > end - 10_000, 120_000);
    expect(await Promise.all([steady.terminate(), victim.terminate()])).toEqual([0, 0]);
    expect(steady.output()).toContain('SIGTERM: draining and stopping');
    const successor = await startIngestProcess(env);
    try {
      await waitForProgress(admin, (p) => p.committed === p.end, 300_000);
      await fetch(`${engine.url}/_refresh`, { method: 'POST' });
      expect(await countEvents(engine.url)).toBe(corpus.expected.total);
    } finally {
      expect(await successor.terminate()).toBe(0);
    }
  }, 600_000);
});
