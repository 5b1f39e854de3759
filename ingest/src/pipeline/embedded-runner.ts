import { refreshPlannerStats, type SqliteDatabase } from '../store/sqlite-database.ts';
import type { SqliteEventSink } from '../store/sqlite-sink.ts';
import type { IndexedEvent } from '../store/event-sink.ts';
import { eventOf } from '../store/prepared-row.ts';
import type { EmbeddedQueue, QueuedBatch } from '../transport/embedded-queue.ts';
import type { BatchProcessor, PreparedBatch } from './batch-processor.ts';
import { newCounters, type PipelineCounters } from './stage-counters.ts';

export interface EmbeddedRunnerOptions {
  batchSize: number;
  /** How long an idle runner sleeps when nobody tells it about new records. */
  idleMs: number;
  /** Batches processed ahead of the one being written (one per worker thread keeps both cores busy). */
  lookahead: number;
}

const STATS_CHECK_EVERY = 50_000;

interface InFlight {
  queued: QueuedBatch;
  prepared: Promise<PreparedBatch>;
}

/**
 * The embedded pipeline worker: takes batches off the SQLite queue, has them processed (on worker
 * threads, ahead of time) and, in one transaction per batch, writes its events and dead letters
 * and removes it from the queue, so a crash at any point neither loses nor duplicates a record.
 */
export class EmbeddedRunner {
  readonly counters: PipelineCounters = newCounters();
  private running = false;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private processedSeq = 0;
  private readonly waiters: { seq: number; resolve: () => void }[] = [];
  private unsubscribe: (() => void) | undefined;
  private readonly storedListeners = new Set<(events: readonly IndexedEvent[]) => void>();
  private readonly inFlight: InFlight[] = [];
  private writtenSinceStats = 0;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly queue: EmbeddedQueue,
    private readonly sink: SqliteEventSink,
    private readonly processor: BatchProcessor,
    private readonly options: EmbeddedRunnerOptions = { batchSize: 1000, idleMs: 1000, lookahead: 1 },
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.queue.onPublish(() => this.wake?.());
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.wake?.();
    await this.loop;
  }

  /** Resolves once every record up to queue position `seq` has been stored (or dead-lettered). */
  waitFor(seq: number): Promise<void> {
    if (seq <= this.processedSeq) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ seq, resolve }));
  }

  /**
   * The in-process stream of stored events (live tail, and later single-event alert rules). It
   * carries every event of a committed batch, duplicates of already stored ones included.
   */
  onStored(listener: (events: readonly IndexedEvent[]) => void): () => void {
    this.storedListeners.add(listener);
    return () => this.storedListeners.delete(listener);
  }

  /** Stores the next batch (processing more ahead); returns false when the queue was empty. */
  async step(): Promise<boolean> {
    this.fillLookahead();
    const current = this.inFlight.shift();
    if (!current) return false;
    let prepared: PreparedBatch;
    try {
      prepared = await current.prepared;
    } catch (error) {
      // The batch stays queued; drop what was read ahead so it is read again in order.
      this.inFlight.length = 0;
      throw error;
    }
    try {
      this.commit(current.queued, prepared);
    } catch (error) {
      this.inFlight.length = 0;
      throw error;
    }
    this.fillLookahead();
    return true;
  }

  private fillLookahead(): void {
    while (this.inFlight.length <= this.options.lookahead) {
      const after = this.inFlight.at(-1)?.queued.lastSeq ?? this.processedSeq;
      const queued = this.queue.next(this.options.batchSize, after);
      if (!queued) return;
      const prepared = this.processor.process(queued.envelopes);
      prepared.catch(() => {}); // observed in step(); avoid an unhandled rejection meanwhile
      this.inFlight.push({ queued, prepared });
    }
  }

  private commit(queued: QueuedBatch, prepared: PreparedBatch): void {
    const started = performance.now();
    const written = this.db.transaction(() => {
      const count = this.sink.writePreparedInCurrentTransaction(prepared);
      this.queue.acknowledge(queued.lastSeq);
      return count;
    })();
    this.counters.records += prepared.counters.records;
    this.counters.events += prepared.counters.events;
    this.counters.deadLettered += prepared.counters.deadLettered;
    this.counters.written += written;
    this.counters.duplicates += prepared.rows.length - written;
    this.counters.batches++;
    this.counters.lastBatchMs = performance.now() - started;
    this.markProcessed(queued.lastSeq);
    // A store filling up fast (an import, a backlog) gets planner statistics without waiting for the
    // hourly retention pass; the check is cheap and re-analyzes only after fourfold growth.
    this.writtenSinceStats += written;
    if (this.writtenSinceStats >= STATS_CHECK_EVERY) {
      this.writtenSinceStats = 0;
      refreshPlannerStats(this.db);
    }
    if (this.storedListeners.size > 0) {
      const events = prepared.rows.map((row) => ({ id: row.id, event: eventOf(row) }));
      for (const listener of this.storedListeners) listener(events);
    }
  }

  private markProcessed(seq: number): void {
    this.processedSeq = seq;
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const waiter = this.waiters[i];
      if (waiter && waiter.seq <= seq) {
        this.waiters.splice(i, 1);
        waiter.resolve();
      }
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      let worked = false;
      try {
        worked = await this.step();
      } catch (error) {
        // A store failure (disk full, locked file) must not kill the worker: the batch stays queued.
        console.error('embedded pipeline: batch failed, will retry', error);
      }
      // Yield between batches so the API keeps answering while a backlog drains.
      await (worked ? new Promise((r) => setImmediate(r)) : this.sleep());
    }
    // Let read-ahead work finish before the processor is closed.
    await Promise.allSettled(this.inFlight.map((f) => f.prepared));
    this.inFlight.length = 0;
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.options.idleMs);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
