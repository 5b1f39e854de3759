import { Worker } from 'node:worker_threads';
import type { DeadLettersResponse, GeoResponse, SourcesResponse, StoredEvent } from '@vigil/schemas';
import type { QueryAst } from '../query/ast.ts';
import type { EventSearch, FieldCount, SearchOutcome, SearchRequest } from './event-search.ts';
import { hitOfStored, type StoredOutcome } from './sqlite-search.ts';
import { deserializeError, type SearchCall, type SearchMethod, type SearchReply } from './threaded-search-protocol.ts';

const BOOTSTRAP = new URL('./search-worker-bootstrap.mjs', import.meta.url);

interface Thread {
  worker: Worker;
  pending: Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>;
  /** Its connection opened (the first thread of a slot is started ready). */
  ready: boolean;
  /** Set when a replacement died before it was ready: it is not started again. */
  broken?: Error;
}

/** Starts a search thread and waits for its connection to be open. */
async function startThread(path: string): Promise<Worker> {
  const worker = new Worker(BOOTSTRAP, { workerData: { path }, execArgv: [] });
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (message: { ready?: boolean }) =>
      message.ready ? resolve() : reject(new Error('search thread failed to start')),
    );
  });
  return worker;
}

/**
 * The embedded store's searches on worker threads, each with a read-only connection to the same file.
 * A 7-day timechart or a map aggregation over a million events takes a second or more of SQLite
 * work; on the main thread it would hold up every other request, the ingest endpoints and the
 * pipeline's commits meanwhile. Calls go to the thread with the fewest in flight. A thread that dies
 * fails its calls in flight (the API answers 500 for those) and is replaced, so later searches work.
 */
export class ThreadedEventSearch implements EventSearch {
  readonly kind = 'sqlite';
  private sequence = 0;
  private closing = false;
  private readonly threads: Thread[] = [];

  private constructor(
    private readonly path: string,
    workers: Worker[],
  ) {
    workers.forEach((worker, index) => this.attach(index, worker, true));
  }

  static async open(path: string, count: number): Promise<ThreadedEventSearch> {
    const workers = await Promise.all(Array.from({ length: Math.max(1, count) }, () => startThread(path)));
    return new ThreadedEventSearch(path, workers);
  }

  private attach(index: number, worker: Worker, ready: boolean): void {
    const thread: Thread = { worker, pending: new Map(), ready };
    this.threads[index] = thread;
    const fail = (error: Error) => {
      for (const pending of thread.pending.values()) pending.reject(error);
      thread.pending.clear();
    };
    worker.on('message', (reply: SearchReply | { ready: true }) => {
      if ('ready' in reply) {
        thread.ready = true;
        return;
      }
      const pending = thread.pending.get(reply.id);
      if (!pending) return;
      thread.pending.delete(reply.id);
      if ('error' in reply) pending.reject(deserializeError(reply.error));
      else pending.resolve(reply.result);
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      const stopped = new Error(`the search thread stopped (exit code ${code})`);
      fail(stopped);
      if (this.closing) return;
      // One that never got ready (the file gone, say) would only die again: no restart loop.
      if (!thread.ready) {
        thread.broken = stopped;
        return;
      }
      // Calls made before the new thread is ready wait in its message queue.
      this.attach(index, new Worker(BOOTSTRAP, { workerData: { path: this.path }, execArgv: [] }), false);
    });
  }

  private call<T>(method: SearchMethod, ...args: unknown[]): Promise<T> {
    const working = this.threads.filter((thread) => !thread.broken);
    const thread = working.reduce<Thread | undefined>(
      (a, b) => (a && a.pending.size <= b.pending.size ? a : b),
      undefined,
    );
    if (!thread) return Promise.reject(this.threads[0]?.broken ?? new Error('no search thread'));
    const id = ++this.sequence;
    return new Promise<T>((resolve, reject) => {
      thread.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      const call: SearchCall = { id, method, args };
      thread.worker.postMessage(call);
    });
  }

  async search(request: SearchRequest): Promise<SearchOutcome> {
    const { docs, ...outcome } = await this.call<StoredOutcome>('searchStored', request);
    return { ...outcome, hits: docs.map(hitOfStored) };
  }

  getEvent(id: string): Promise<StoredEvent | undefined> {
    return this.call('getEvent', id);
  }

  fields(request: { ast: QueryAst; fromMs: number; toMs: number; sample: number }): Promise<{
    fields: FieldCount[];
    sampled: number;
  }> {
    return this.call('fields', request);
  }

  sources(): Promise<SourcesResponse['sources']> {
    return this.call('sources');
  }

  deadLetters(size: number, before?: number): Promise<DeadLettersResponse> {
    return this.call('deadLetters', size, before);
  }

  count(): Promise<number> {
    return this.call('count');
  }

  geo(request: { ast: QueryAst; fromMs: number; toMs: number; zoom: number }): Promise<GeoResponse> {
    return this.call('geo', request);
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.threads.map((thread) => thread.worker.terminate()));
  }
}
