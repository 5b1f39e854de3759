import type { SqliteDatabase } from '../store/sqlite-database.ts';
import type { SqliteEventSink } from '../store/sqlite-sink.ts';
import type { IndexedEvent } from '../store/event-sink.ts';
import type { EmbeddedQueue } from '../transport/embedded-queue.ts';
import { processBatch, type PipelineStages } from './process-batch.ts';
import { newCounters, type PipelineCounters } from './stage-counters.ts';

export interface EmbeddedRunnerOptions {
  batchSize: number;
  /** How long an idle runner sleeps when nobody tells it about new records. */
  idleMs: number;
}

/**
 * The embedded pipeline worker: takes a batch off the SQLite queue, processes it and, in one
 * transaction, writes its events and dead letters and removes it from the queue, so a crash at
 * any point neither loses nor duplicates a record.
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

  constructor(
    private readonly db: SqliteDatabase,
    private readonly queue: EmbeddedQueue,
    private readonly sink: SqliteEventSink,
    private readonly pipeline: PipelineStages,
    private readonly options: EmbeddedRunnerOptions = { batchSize: 1000, idleMs: 1000 },
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

  /** Processes one batch; returns false when the queue was empty. */
  step(): boolean {
    const batch = this.queue.next(this.options.batchSize);
    if (!batch) return false;
    const started = performance.now();
    const result = processBatch(batch.envelopes, this.pipeline, this.counters);
    const written = this.db.transaction(() => {
      const count = this.sink.writeInCurrentTransaction(result);
      this.queue.acknowledge(batch.lastSeq);
      return count;
    })();
    this.counters.written += written;
    this.counters.duplicates += result.events.length - written;
    this.counters.batches++;
    this.counters.lastBatchMs = performance.now() - started;
    this.markProcessed(batch.lastSeq);
    for (const listener of this.storedListeners) listener(result.events);
    return true;
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
        worked = this.step();
      } catch (error) {
        // A store failure (disk full, locked file) must not kill the worker: the batch stays queued.
        console.error('embedded pipeline: batch failed, will retry', error);
      }
      // Yield between batches so the API keeps answering while a backlog drains.
      await (worked ? new Promise((r) => setImmediate(r)) : this.sleep());
    }
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
