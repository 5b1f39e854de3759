import type { Admin, IHeaders, ITopicConfig, Message, Producer, RecordMetadata } from 'kafkajs';

/** The three topics of the distributed mode. Names are fixed so every process agrees without configuration. */
export const TOPICS = {
  /** Envelopes as inputs received them (Avro), keyed by ingest id so every source spreads over all partitions. */
  raw: 'vigil.raw',
  /** Canonical events after the store accepted them (Avro), for real-time consumers. */
  events: 'vigil.events',
  /** Records that could not become events: the original bytes, the reason in a header. */
  deadLetters: 'vigil.dead-letters',
} as const;

/** Header names, shared by the producers and the consumers of the topics above. */
export const HEADERS = {
  fingerprint: 'vigil.schema-fingerprint',
  reason: 'vigil.reason',
  source: 'vigil.source',
  ingestId: 'vigil.ingest-id',
  failedAt: 'vigil.failed-at',
  origin: 'vigil.origin',
} as const;

/** The consumer group every ingest worker joins; more workers share the raw topic's partitions. */
export const INGEST_GROUP = 'vigil-ingest';

export interface TopicOptions {
  rawPartitions: number;
  /** Partitions of the normalized and dead-letter topics; follows the raw topic unless given. */
  outputPartitions?: number;
}

/**
 * Creates the topics when they are missing and grows the raw topic to the configured partition
 * count. Safe to call from every process at start: another process creating a topic at the same
 * moment is not an error.
 */
export async function ensureTopics(admin: Admin, options: TopicOptions): Promise<void> {
  const outputs = options.outputPartitions ?? options.rawPartitions;
  const wanted: ITopicConfig[] = [
    { topic: TOPICS.raw, numPartitions: options.rawPartitions },
    { topic: TOPICS.events, numPartitions: outputs },
    // Dead letters are few and must be kept for an operator to look at: longer retention.
    {
      topic: TOPICS.deadLetters,
      numPartitions: 1,
      configEntries: [{ name: 'retention.ms', value: String(30 * 24 * 3600 * 1000) }],
    },
  ];
  const existing = new Set(await admin.listTopics());
  const missing = wanted.filter((topic) => !existing.has(topic.topic));
  if (missing.length > 0) {
    try {
      await admin.createTopics({ topics: missing, waitForLeaders: true });
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
    }
  }
  await growRawTopic(admin, options.rawPartitions);
}

async function growRawTopic(admin: Admin, partitions: number): Promise<void> {
  const metadata = await admin.fetchTopicMetadata({ topics: [TOPICS.raw] });
  const current = metadata.topics[0]?.partitions.length ?? 0;
  if (current >= partitions) return;
  try {
    await admin.createPartitions({ topicPartitions: [{ topic: TOPICS.raw, count: partitions }] });
  } catch (error) {
    // Another process grew it first; a smaller configured count never shrinks a topic.
    if (!/already has|INVALID_PARTITIONS/i.test(describe(error))) throw error;
  }
}

function isAlreadyExists(error: unknown): boolean {
  return /TOPIC_ALREADY_EXISTS|already exists/i.test(describe(error));
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const nested = (error as Error & { errors?: unknown[] }).errors ?? [];
  return [error.message, (error as Error & { type?: string }).type, ...nested.map(describe)].join(' ');
}

/**
 * Brokers refuse a request whose record batch exceeds `message.max.bytes` (1 MiB by default), so
 * sends are cut into requests below that. One request per chunk, in order, each acknowledged by all
 * in-sync replicas before the next goes out.
 */
const MAX_REQUEST_BYTES = 900 * 1024;

export async function sendInChunks(producer: Producer, topic: string, messages: Message[]): Promise<RecordMetadata[]> {
  const results: RecordMetadata[] = [];
  let chunk: Message[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = messageSize(message);
    if (chunk.length > 0 && bytes + size > MAX_REQUEST_BYTES) {
      results.push(...(await producer.send({ topic, messages: chunk, acks: -1 })));
      chunk = [];
      bytes = 0;
    }
    chunk.push(message);
    bytes += size;
  }
  if (chunk.length > 0) results.push(...(await producer.send({ topic, messages: chunk, acks: -1 })));
  return results;
}

function messageSize(message: Message): number {
  let size = 64 + byteLength(message.value) + byteLength(message.key);
  for (const [name, value] of Object.entries(message.headers ?? {})) size += name.length + headerLength(value);
  return size;
}

function headerLength(value: IHeaders[string]): number {
  if (Array.isArray(value)) return value.reduce((sum, v) => sum + byteLength(v), 0);
  return byteLength(value);
}

function byteLength(value: Buffer | string | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'string' ? Buffer.byteLength(value) : value.length;
}
