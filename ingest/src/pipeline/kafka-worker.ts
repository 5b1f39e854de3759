import type { Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Envelope } from '@vigil/schemas';
import type { EventSink, WriteBatch } from '../store/event-sink.ts';
import { deadLetterMessages, eventMessages, type FailedRecord } from '../transport/kafka-outputs.ts';
import { INGEST_GROUP, sendInChunks, TOPICS } from '../transport/kafka-topics.ts';
import { createIdempotentProducer, decodeRawMessage } from '../transport/kafka-transport.ts';
import { processBatch, type PipelineStages } from './process-batch.ts';
import { newCounters, type PipelineCounters } from './stage-counters.ts';
import {
  backoffDelay,
  DEFAULT_BACKOFF,
  sleepWithHeartbeat,
  withHeartbeat,
  type BackoffOptions,
} from './store-backoff.ts';
import type { WorkerMetrics } from './worker-metrics.ts';

interface ProcessedChunk {
  batch: WriteBatch;
  /** Raw-topic records that did not decode into an envelope. */
  undecodable: FailedRecord[];
  /** Envelopes the parsers refused. */
  unparsable: FailedRecord[];
}

export interface KafkaWorkerOptions {
  /** Records per store write; a fetched batch larger than this is written (and committed) in parts. */
  batchSize: number;
  /** Partitions processed at once, so one batch is parsed while another waits for the store. */
  concurrency?: number;
  /** Short, so a worker killed with -9 hands its partitions over within seconds. */
  sessionTimeoutMs?: number;
  backoff?: BackoffOptions;
  /** How long `stop` keeps retrying a failing store before leaving the batch uncommitted. */
  drainTimeoutMs?: number;
  log?: (message: string, fields?: Record<string, unknown>) => void;
  /** Called when the consumer crashed and kafkajs will not restart it: the process should exit. */
  onFatal?: (error: Error) => void;
}

/**
 * The distributed pipeline worker, one member of the `vigil-ingest` consumer group. Per batch:
 * decode -> parse/enrich/redact -> store -> publish normalized events and dead letters -> commit.
 * Offsets are committed only after the store acknowledged the whole batch, so a crash anywhere
 * replays the batch (deterministic document ids make that an overwrite). While the store fails the
 * worker pauses the raw topic and retries the same batch with jittered backoff; it never skips one.
 */
export class KafkaIngestWorker {
  readonly counters: PipelineCounters = newCounters();
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  private stopping = false;
  private pausedBy = 0;
  private readonly lagByPartition = new Map<number, number>();
  private stopDeadline = Number.POSITIVE_INFINITY;
  private readonly log: NonNullable<KafkaWorkerOptions['log']>;

  constructor(
    kafka: Kafka,
    private readonly sink: EventSink,
    private readonly pipeline: PipelineStages,
    private readonly metrics: WorkerMetrics,
    private readonly options: KafkaWorkerOptions,
  ) {
    const sessionTimeout = options.sessionTimeoutMs ?? 10_000;
    this.consumer = kafka.consumer({
      groupId: INGEST_GROUP,
      sessionTimeout,
      heartbeatInterval: Math.floor(sessionTimeout / 4),
      maxBytesPerPartition: 2 * 1024 * 1024,
    });
    this.producer = createIdempotentProducer(kafka);
    this.consumer.on(this.consumer.events.CRASH, (event) => {
      this.log('ingest consumer crashed', { error: event.payload.error.message, restart: event.payload.restart });
      if (!event.payload.restart && !this.stopping) options.onFatal?.(event.payload.error);
    });
    // Partitions may have moved to another worker: their last lag is no longer ours to report.
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
      this.lagByPartition.clear();
      this.metrics.lag.reset();
    });
    this.log = options.log ?? ((message, fields) => console.log(JSON.stringify({ msg: message, ...fields })));
  }

  /** Joins the group; the topics must exist (ensureTopics), or the raw topic would be auto-created wrong. */
  async start(): Promise<void> {
    await this.producer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [TOPICS.raw], fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.concurrency ?? 2,
      eachBatch: (payload) => this.handleBatch(payload),
    });
  }

  /** Records waiting on the raw topic in this worker's partitions, as of their last batch. */
  lag(): number {
    let total = 0;
    for (const value of this.lagByPartition.values()) total += value;
    return total;
  }

  /** Finishes the batch in hand, commits it, leaves the group and disconnects (SIGTERM). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.stopDeadline = Date.now() + (this.options.drainTimeoutMs ?? 20_000);
    await this.consumer.stop();
    await this.consumer.disconnect();
    await this.producer.disconnect();
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const size = Math.max(1, this.options.batchSize);
    for (let start = 0; start < batch.messages.length; start += size) {
      // Anything left unresolved here is fetched again (or by the partition's next owner).
      if (this.stopping && start > 0) return;
      if (!payload.isRunning() || payload.isStale()) return;
      const started = performance.now();
      const messages = batch.messages.slice(start, start + size);
      const last = messages.at(-1);
      if (!last) return;
      const result = this.process(messages, batch.topic, batch.partition);
      if (!(await this.writeUntilStored(result.batch, payload))) return;
      await sendInChunks(this.producer, TOPICS.events, eventMessages(result.batch.events));
      await sendInChunks(
        this.producer,
        TOPICS.deadLetters,
        deadLetterMessages([...result.undecodable, ...result.unparsable]),
      );
      const next = String(Number(last.offset) + 1);
      payload.resolveOffset(last.offset);
      await payload.commitOffsetsIfNecessary({
        topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: next }] }],
      });
      this.record(messages.length, result, Number(batch.highWatermark) - Number(next), batch.partition, started);
      await payload.heartbeat();
    }
  }

  private process(messages: KafkaMessage[], topic: string, partition: number): ProcessedChunk {
    const envelopes: Envelope[] = [];
    const undecodable: FailedRecord[] = [];
    const origins = new Map<Envelope, string>();
    for (const message of messages) {
      const origin = `${topic}:${partition}:${message.offset}`;
      const decoded = decodeRawMessage(message, { topic, partition });
      if ('envelope' in decoded) {
        envelopes.push(decoded.envelope);
        origins.set(decoded.envelope, origin);
      } else {
        undecodable.push({ ...decoded, origin });
      }
    }
    this.counters.records += undecodable.length;
    this.counters.deadLettered += undecodable.length;
    const batch = processBatch(envelopes, this.pipeline, this.counters);
    const unparsable = batch.deadLetters.map((deadLetter): FailedRecord => {
      const origin = origins.get(deadLetter.envelope);
      return { deadLetter, original: Buffer.from(deadLetter.envelope.raw, 'utf8'), ...(origin ? { origin } : {}) };
    });
    // Undecodable records are kept by the store too, so the API's dead-letter list shows them.
    batch.deadLetters.push(...undecodable.map((failure) => failure.deadLetter));
    return { batch, undecodable, unparsable };
  }

  /**
   * Writes until the store acknowledges. On the first failure the raw topic is paused (nothing more
   * is fetched while the store is down); it resumes when this write goes through, or when the batch
   * is handed back (stopping, or a rebalance) so no partition stays paused for its next owner.
   */
  private async writeUntilStored(batch: WriteBatch, payload: EachBatchPayload): Promise<boolean> {
    const beat = () => payload.heartbeat();
    const backoff = this.options.backoff ?? DEFAULT_BACKOFF;
    let attempt = 0;
    try {
      for (;;) {
        try {
          await withHeartbeat(() => this.sink.write(batch), beat);
          if (attempt > 0) this.log('store recovered, resuming', { attempts: attempt });
          return true;
        } catch (error) {
          attempt++;
          this.metrics.storeRetries.inc();
          if (attempt === 1) this.pauseRaw(error);
          if (this.stopping && Date.now() >= this.stopDeadline) return false;
          await sleepWithHeartbeat(backoffDelay(attempt, backoff), beat);
        }
      }
    } finally {
      if (attempt > 0) this.resumeRaw();
    }
  }

  /** Counted, because concurrent partitions fail and recover at different moments. */
  private pauseRaw(error: unknown): void {
    this.log('store write failed, pausing consumption and retrying with backoff', {
      error: (error as Error).message,
    });
    if (this.pausedBy++ === 0) this.consumer.pause([{ topic: TOPICS.raw }]);
    this.metrics.paused.set(1);
  }

  private resumeRaw(): void {
    if (--this.pausedBy > 0) return;
    this.consumer.resume([{ topic: TOPICS.raw }]);
    this.metrics.paused.set(0);
  }

  private record(consumed: number, result: ProcessedChunk, lag: number, partition: number, started: number): void {
    const written = result.batch.events.length;
    this.counters.written += written;
    this.counters.batches++;
    this.counters.lastBatchMs = performance.now() - started;
    this.metrics.consumed.inc(consumed);
    this.metrics.indexed.inc(written);
    this.metrics.deadLettered.inc({ stage: 'decode' }, result.undecodable.length);
    this.metrics.deadLettered.inc({ stage: 'parse' }, result.unparsable.length);
    this.lagByPartition.set(partition, Math.max(0, lag));
    this.metrics.lag.set({ topic: TOPICS.raw, partition: String(partition) }, Math.max(0, lag));
    this.metrics.batchSeconds.observe(this.counters.lastBatchMs / 1000);
  }
}
