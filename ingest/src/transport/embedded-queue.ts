import type { Envelope } from '@vigil/schemas';
import type { SqliteDatabase } from '../store/sqlite-database.ts';
import type { PublishReceipt, RawTransport } from './raw-transport.ts';

export interface QueuedBatch {
  lastSeq: number;
  envelopes: Envelope[];
}

/**
 * The embedded transport: a SQLite table in the store's own file. Publishing commits before it
 * resolves; the runner removes a batch in the same transaction that writes its events.
 */
export class EmbeddedQueue implements RawTransport {
  private readonly insert;
  private readonly peek;
  private readonly remove;
  private readonly depthQuery;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly db: SqliteDatabase) {
    this.insert = db.prepare('INSERT INTO raw_queue (envelope) VALUES (?)');
    this.peek = db.prepare('SELECT seq, envelope FROM raw_queue WHERE seq > ? ORDER BY seq LIMIT ?');
    this.remove = db.prepare('DELETE FROM raw_queue WHERE seq <= ?');
    this.depthQuery = db.prepare('SELECT count(*) FROM raw_queue').pluck();
  }

  async publish(envelopes: Envelope[]): Promise<PublishReceipt> {
    let position = 0;
    if (envelopes.length === 0) return { position };
    this.db.transaction(() => {
      for (const envelope of envelopes) position = Number(this.insert.run(JSON.stringify(envelope)).lastInsertRowid);
    })();
    for (const listener of this.listeners) listener();
    return { position };
  }

  /** Called when new records were committed, so an idle runner wakes up at once. */
  onPublish(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The next records after queue position `afterSeq` (batches may be read ahead of the last commit). */
  next(limit: number, afterSeq = 0): QueuedBatch | undefined {
    const rows = this.peek.all(afterSeq, limit) as { seq: number; envelope: string }[];
    const last = rows.at(-1);
    if (!last) return undefined;
    return { lastSeq: last.seq, envelopes: rows.map((r) => JSON.parse(r.envelope) as Envelope) };
  }

  /** Must run inside the transaction that stores the batch's events. */
  acknowledge(lastSeq: number): void {
    this.remove.run(lastSeq);
  }

  depth(): number {
    return this.depthQuery.get() as number;
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
