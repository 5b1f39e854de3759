import { Worker } from 'node:worker_threads';
import type { Envelope } from '@vigil/schemas';
import type { PipelineOptions } from '../embedded-pipeline.ts';
import type { BatchProcessor, PreparedBatch } from './batch-processor.ts';

interface Pending {
  resolve: (batch: PreparedBatch) => void;
  reject: (error: Error) => void;
}

interface Reply {
  id?: number;
  ready?: boolean;
  batch?: PreparedBatch;
  error?: string;
}

const BOOTSTRAP = new URL('./process-worker-bootstrap.mjs', import.meta.url);

/**
 * Worker threads that process batches off the main thread, round robin. Each worker loads its own
 * GeoIP/ASN data, so a pool costs that memory once per worker.
 */
export class WorkerPool implements BatchProcessor {
  private next = 0;
  private sequence = 0;
  private readonly pending = new Map<number, Pending>();

  private constructor(private readonly workers: Worker[]) {
    for (const worker of workers) {
      worker.on('message', (reply: Reply) => this.settle(reply));
      worker.on('error', (error) => this.failAll(error));
    }
  }

  static async create(size: number, options: PipelineOptions): Promise<WorkerPool> {
    const workers = await Promise.all(
      Array.from({ length: size }, () => {
        const worker = new Worker(BOOTSTRAP, { workerData: options, execArgv: [] });
        return new Promise<Worker>((resolve, reject) => {
          worker.once('error', reject);
          worker.once('message', (reply: Reply) =>
            reply.ready ? resolve(worker) : reject(new Error('worker failed')),
          );
        });
      }),
    );
    return new WorkerPool(workers);
  }

  process(envelopes: readonly Envelope[]): Promise<PreparedBatch> {
    const id = ++this.sequence;
    const worker = this.workers[this.next++ % this.workers.length] as Worker;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, envelopes });
    });
  }

  private settle(reply: Reply): void {
    if (reply.id === undefined) return;
    const pending = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    if (!pending) return;
    if (reply.batch) pending.resolve(reply.batch);
    else pending.reject(new Error(reply.error ?? 'worker failed'));
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
