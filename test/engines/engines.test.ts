// Smoke test of the real engines started by deploy/engines.sh: each one starts, answers its own
// protocol, does real work, and stops. The first run resolves everything from Maven Central.
import { connect } from 'node:net';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isGroupAlive,
  startElasticsearch,
  startKafka,
  startOpenSearch,
  type HttpEngine,
  type KafkaEngine,
} from '../support/engines.ts';

const START_MS = 600_000;
const TEST_MS = 300_000;

/**
 * One raw ApiVersions v0 round trip: unlike a client library it never retries, so it tells at
 * once whether the broker process answers at all (a frozen broker still accepts connections).
 */
function apiVersionsAnswers(port: number, timeoutMs: number): Promise<boolean> {
  const request = Buffer.alloc(14);
  request.writeInt32BE(10, 0); // size of what follows
  request.writeInt16BE(18, 4); // ApiVersions
  request.writeInt16BE(0, 6); // version 0
  request.writeInt32BE(4242, 8); // correlation id
  request.writeInt16BE(-1, 12); // no client id
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    const done = (answered: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answered);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    let received = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      // size, correlation id, error code 0
      if (received.length >= 10) done(received.readInt32BE(4) === 4242 && received.readInt16BE(8) === 0);
    });
    socket.on('error', () => done(false));
  });
}

// --- HTTP engines ---

async function json(url: string, init: RequestInit = {}): Promise<Record<string, unknown>> {
  const response = await fetch(url, { ...init, headers: { 'content-type': 'application/json' } });
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

async function indexAndSearch(engine: HttpEngine) {
  const health = await json(`${engine.url}/_cluster/health`);
  expect(['green', 'yellow']).toContain(health.status);
  const doc = { '@timestamp': '2026-01-02T03:04:05Z', event: { action: 'login_failed' }, user: { name: 'alice' } };
  await json(`${engine.url}/vigil-smoke/_doc/evt-1?refresh=true`, { method: 'PUT', body: JSON.stringify(doc) });
  const found = await json(`${engine.url}/vigil-smoke/_search`, {
    method: 'POST',
    body: JSON.stringify({ query: { term: { 'event.action.keyword': 'login_failed' } } }),
  });
  const hits = (found.hits as { hits: { _id: string; _source: typeof doc }[] }).hits;
  expect(hits.map((hit) => hit._id)).toEqual(['evt-1']);
  expect(hits[0]?._source.user.name).toBe('alice');
}

describe('Kafka (KRaft) from deploy/engines.sh', () => {
  let kafka: KafkaEngine;
  let client: Kafka;
  beforeAll(async () => {
    kafka = await startKafka();
    client = new Kafka({ clientId: 'vigil-smoke', brokers: [kafka.brokers], logLevel: logLevel.NOTHING });
  }, START_MS);
  afterAll(async () => kafka?.stop(), TEST_MS);

  it(
    'lists, creates and describes topics through the kafkajs admin',
    async () => {
      const admin = client.admin();
      await admin.connect();
      try {
        expect(await admin.listTopics()).not.toContain('vigil-smoke');
        await admin.createTopics({ topics: [{ topic: 'vigil-smoke', numPartitions: 3 }], waitForLeaders: true });
        expect(await admin.listTopics()).toContain('vigil-smoke');
        const { topics } = await admin.fetchTopicMetadata({ topics: ['vigil-smoke'] });
        expect(topics[0]?.partitions).toHaveLength(3);
        const cluster = await admin.describeCluster();
        expect(cluster.brokers).toEqual([{ nodeId: 1, host: '127.0.0.1', port: kafka.port }]);
      } finally {
        await admin.disconnect();
      }
    },
    TEST_MS,
  );

  it(
    'delivers a produced record to a consumer group',
    async () => {
      const producer = client.producer();
      await producer.connect();
      await producer.send({ topic: 'vigil-smoke', messages: [{ key: 'authentik', value: 'hello vigil' }] });
      await producer.disconnect();
      const consumer = client.consumer({ groupId: 'vigil-smoke' });
      await consumer.connect();
      await consumer.subscribe({ topic: 'vigil-smoke', fromBeginning: true });
      const received = await new Promise<string>((resolve) => {
        void consumer.run({ eachMessage: async ({ message }) => resolve(String(message.value)) });
      });
      await consumer.disconnect();
      expect(received).toBe('hello vigil');
    },
    TEST_MS,
  );

  it(
    'runs the Kafka CLI tools from the same jars',
    async () => {
      const listed = await kafka.tool('org.apache.kafka.tools.TopicCommand', [
        '--bootstrap-server',
        kafka.brokers,
        '--list',
      ]);
      expect(listed.split('\n')).toContain('vigil-smoke');
    },
    TEST_MS,
  );

  it(
    'freezes, thaws, survives kill -9 with its data, and reports memory',
    async () => {
      expect(await kafka.rssKb()).toBeGreaterThan(50_000);
      kafka.freeze();
      expect(await apiVersionsAnswers(kafka.port, 1_500)).toBe(false);
      kafka.thaw();
      expect(await apiVersionsAnswers(kafka.port, 10_000)).toBe(true);
      const before = kafka.pid;
      await kafka.kill9();
      expect(await isGroupAlive(before)).toBe(false);
      expect(await apiVersionsAnswers(kafka.port, 1_500)).toBe(false);
      await kafka.restart();
      expect(kafka.pid).not.toBe(before);
      const admin = client.admin();
      await admin.connect();
      expect(await admin.listTopics()).toContain('vigil-smoke');
      await admin.disconnect();
    },
    TEST_MS,
  );
});

describe('OpenSearch from deploy/engines.sh', () => {
  let opensearch: HttpEngine;
  beforeAll(async () => {
    opensearch = await startOpenSearch();
  }, START_MS);
  afterAll(async () => opensearch?.stop(), TEST_MS);

  it('is healthy, indexes a document and finds it', async () => {
    await indexAndSearch(opensearch);
  });

  it('loads the modules Vigil relies on and the job scheduler', async () => {
    const nodes = await json(`${opensearch.url}/_nodes/plugins`);
    const node = Object.values(nodes.nodes as Record<string, { modules: { name: string }[] }>)[0];
    expect(node?.modules.map((m) => m.name)).toEqual(
      expect.arrayContaining(['analysis-common', 'lang-painless', 'mapper-extras', 'reindex', 'ingest-common']),
    );
    const plugins = await (await fetch(`${opensearch.url}/_cat/plugins?h=component`)).text();
    expect(plugins).toContain('opensearch-job-scheduler');
  });

  // The ISM plugin zip is not on Maven Central, so it is installed only when OPENSEARCH_ISM_ZIP
  // names one; the script must report that truthfully, because retention picks its path from it.
  it('reports ISM as installed exactly when the ISM API answers', async () => {
    const response = await fetch(`${opensearch.url}/_plugins/_ism/explain/vigil-smoke`);
    expect(response.ok).toBe(opensearch.info.ISM === 'true');
  });
});

describe('Elasticsearch from deploy/engines.sh', () => {
  let elasticsearch: HttpEngine;
  beforeAll(async () => {
    elasticsearch = await startElasticsearch();
  }, START_MS);
  afterAll(async () => elasticsearch?.stop(), TEST_MS);

  it('is healthy, indexes a document and finds it', async () => {
    await indexAndSearch(elasticsearch);
    expect(elasticsearch.info.VERSION).toMatch(/^8\./);
  });

  it(
    'stops its whole process group',
    async () => {
      const pid = elasticsearch.pid;
      await elasticsearch.stop();
      expect(await isGroupAlive(pid)).toBe(false);
      await expect(fetch(`${elasticsearch.url}/_cluster/health`)).rejects.toThrow();
    },
    TEST_MS,
  );
});
