import { Kafka, logLevel, Partitioners, type KafkaMessage, type Message, type Producer } from 'kafkajs';
import {
  decodeEnvelope,
  encodeEnvelope,
  ENVELOPE_FINGERPRINT,
  SOURCES,
  type Envelope,
  type SourceName,
} from '@vigil/schemas';
import type { DeadLetter } from '../store/event-sink.ts';
import { HEADERS, sendInChunks, TOPICS } from './kafka-topics.ts';
import type { PublishReceipt, RawTransport } from './raw-transport.ts';

export interface KafkaConnectOptions {
  brokers: string[];
  clientId: string;
}

/** One kafkajs client per process; warnings and errors only, since every batch would log at info. */
export function createKafka(options: KafkaConnectOptions): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 300, retries: 8 },
  });
}

/**
 * An idempotent producer that waits for every in-sync replica (`acks: -1`): a retried request after a
 * lost answer does not write the records twice, and an acknowledged record survives a broker loss.
 */
export function createIdempotentProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    // Idempotence holds only while a send is retried until it lands; a bounded retry count could
    // give up between a write and its acknowledgement. Brokers that stay away keep `publish` waiting.
    retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 10_000 },
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}

/**
 * The raw topic's wire format: the Avro envelope with the schema fingerprint and the source in
 * headers, keyed by ingest id. Keying by source would send one source's traffic to one partition (and
 * one worker) whatever the partition count; nothing downstream needs a source's records in order
 * (ids are deterministic, events sort by their own time), so records spread over all partitions.
 */
export function encodeRawMessage(envelope: Envelope): Message {
  return {
    key: envelope.ingest_id,
    value: encodeEnvelope(envelope),
    headers: { [HEADERS.fingerprint]: ENVELOPE_FINGERPRINT, [HEADERS.source]: envelope.source },
  };
}

export type DecodedRaw = { envelope: Envelope } | { deadLetter: DeadLetter; original: Buffer };

export interface RawPosition {
  topic: string;
  partition: number;
}

/**
 * Reads one raw-topic record back. Records our inputs wrote carry the envelope fingerprint; a record
 * without one is taken as raw text of the source named by its `vigil.source` header or else by its
 * key, so any producer can write vendor events straight to Kafka. Anything else becomes a dead
 * letter, never an exception.
 */
export function decodeRawMessage(message: KafkaMessage, where: RawPosition): DecodedRaw {
  const original = message.value ?? Buffer.alloc(0);
  const key = headerText(message.headers?.[HEADERS.source]) ?? message.key?.toString('utf8');
  const fingerprint = headerText(message.headers?.[HEADERS.fingerprint]);
  const fallback = (reason: string): DecodedRaw => ({
    deadLetter: { envelope: syntheticEnvelope(message, where, key), reason, failedAt: new Date().toISOString() },
    original,
  });
  if (message.value === null || original.length === 0) return fallback('empty record on the raw topic');
  if (fingerprint === undefined) {
    if (!isSource(key))
      return fallback(
        `record without a schema fingerprint needs a known source in its vigil.source header or key, got '${key ?? ''}'`,
      );
    return { envelope: syntheticEnvelope(message, where, key) };
  }
  if (fingerprint !== ENVELOPE_FINGERPRINT) return fallback(`unknown envelope schema fingerprint ${fingerprint}`);
  try {
    return { envelope: decodeEnvelope(original) };
  } catch (error) {
    return fallback(`envelope does not decode: ${(error as Error).message}`);
  }
}

/** An envelope for a record that arrived without one: its id is its position, stable across replays. */
function syntheticEnvelope(message: KafkaMessage, where: RawPosition, key: string | undefined): Envelope {
  const at = Number(message.timestamp);
  return {
    ingest_id: `kafka:${where.topic}:${where.partition}:${message.offset}`,
    source: isSource(key) ? key : 'generic',
    input: 'kafka',
    received_at: new Date(Number.isFinite(at) && at > 0 ? at : Date.now()).toISOString(),
    raw: (message.value ?? Buffer.alloc(0)).toString('utf8'),
  };
}

function isSource(key: string | undefined): key is SourceName {
  return key !== undefined && (SOURCES as readonly string[]).includes(key);
}

function headerText(value: Buffer | string | (Buffer | string)[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/**
 * The distributed mode's transport: envelopes go to the raw topic and `publish` resolves only once
 * the brokers acknowledged every record. Concurrent publishes are safe: kafkajs serializes an
 * idempotent producer's requests per broker, which keeps each partition's sequence numbers in order.
 */
export class KafkaTransport implements RawTransport {
  private constructor(private readonly producer: Producer) {}

  static async connect(kafka: Kafka): Promise<KafkaTransport> {
    const producer = createIdempotentProducer(kafka);
    await producer.connect();
    return new KafkaTransport(producer);
  }

  async publish(envelopes: Envelope[]): Promise<PublishReceipt> {
    if (envelopes.length === 0) return { position: 0 };
    const results = await sendInChunks(this.producer, TOPICS.raw, envelopes.map(encodeRawMessage));
    // Offsets are per partition; the highest acknowledged base offset is enough for a receipt.
    const position = Math.max(0, ...results.map((r) => Number(r.baseOffset ?? r.offset ?? 0)));
    return { position };
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
  }
}
