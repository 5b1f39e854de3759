import { SQLITE_COLUMNS } from '@vigil/schemas';
import { refreshPlannerStats, type SqliteDatabase } from './sqlite-database.ts';
import { ROWID_SHIFT } from './event-row.ts';
import { prepareRow, type PreparedRow } from './prepared-row.ts';
import type { DeadLetter, EventSink, RetentionRule, WriteBatch } from './event-sink.ts';

const DELETE_CHUNK = 5000;

function isPrimaryKeyClash(error: unknown): boolean {
  return (error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** The embedded store's write side: events, their full-text rows and dead letters in SQLite. */
export class SqliteEventSink implements EventSink {
  private readonly insertEvent;
  private readonly insertText;
  private readonly insertDeadLetter;

  constructor(private readonly db: SqliteDatabase) {
    const columns = SQLITE_COLUMNS.map((c) => c.name);
    const placeholders = columns.map(() => '?').join(', ');
    this.insertEvent = db.prepare(
      `INSERT INTO events (rowid, id, ts, source, doc${columns.map((c) => `, ${c}`).join('')})
       VALUES (?, ?, ?, ?, ?${columns.length ? ', ' + placeholders : ''})
       ON CONFLICT(id) DO NOTHING`,
    );
    this.insertText = db.prepare('INSERT INTO events_fts (rowid, message, body) VALUES (?, ?, ?)');
    this.insertDeadLetter = db.prepare(
      `INSERT INTO dead_letters (ingest_id, source, input, received_at, failed_at, reason, raw)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  async write(batch: WriteBatch): Promise<void> {
    this.db.transaction(() => this.writeInCurrentTransaction(batch))();
  }

  /** Must run inside a transaction; returns how many events were new. */
  writeInCurrentTransaction(batch: WriteBatch): number {
    return this.writePreparedInCurrentTransaction({
      rows: batch.events.map(prepareRow),
      deadLetters: batch.deadLetters,
    });
  }

  /**
   * For the embedded runner, which prepares rows on worker threads and also removes the batch from
   * the queue in the same transaction. Returns how many events were new.
   */
  writePreparedInCurrentTransaction(batch: {
    rows: readonly PreparedRow[];
    deadLetters: readonly DeadLetter[];
  }): number {
    let written = 0;
    for (const row of batch.rows) if (this.writeRow(row)) written++;
    for (const letter of batch.deadLetters) this.writeDeadLetter(letter);
    return written;
  }

  private writeRow(row: PreparedRow): boolean {
    let rowid = row.rowid;
    // Two events of one millisecond may share the hash bits; the next free slot keeps both.
    for (let attempt = 0; attempt < ROWID_SHIFT; attempt++, rowid++) {
      try {
        const result = this.insertEvent.run(rowid, row.id, row.ts, row.source, row.doc, ...row.columns);
        if (result.changes === 0) return false;
        this.insertText.run(rowid, row.message, row.body);
        return true;
      } catch (error) {
        if (!isPrimaryKeyClash(error)) throw error;
      }
    }
    throw new Error(`no free rowid for event ${row.id} at ${new Date(row.ts).toISOString()}`);
  }

  private writeDeadLetter({ envelope, reason, failedAt }: DeadLetter): void {
    this.insertDeadLetter.run(
      envelope.ingest_id,
      envelope.source,
      envelope.input,
      envelope.received_at,
      failedAt,
      reason,
      envelope.raw,
    );
  }

  async applyRetention(rules: RetentionRule[], now: Date): Promise<number> {
    let deleted = 0;
    for (const rule of rules) deleted += this.applyRule(rule, rules, now);
    // The periodic pass is also when the planner's statistics catch up with what ingest added.
    refreshPlannerStats(this.db);
    return deleted;
  }

  /**
   * A source-wide rule leaves alone the categories that have a rule of their own, so
   * `privx.authentication: 730` outlives `privx: 90` and `privx.session: 7` expires sooner.
   */
  private applyRule(rule: RetentionRule, all: RetentionRule[], now: Date): number {
    const cutoff = (now.getTime() - rule.days * 86_400_000) * ROWID_SHIFT;
    const params: unknown[] = [rule.source, cutoff];
    let where = 'source = ? AND rowid < ?';
    if (rule.category) {
      where += ' AND EXISTS (SELECT 1 FROM json_each(f_event_category) WHERE value = ?)';
      params.push(rule.category);
    } else {
      const own = all.filter((r) => r.source === rule.source && r.category).map((r) => r.category as string);
      if (own.length) {
        where += ` AND NOT EXISTS (SELECT 1 FROM json_each(f_event_category) WHERE value IN (${own.map(() => '?').join(', ')}))`;
        params.push(...own);
      }
    }
    const select = this.db.prepare(`SELECT rowid FROM events WHERE ${where} LIMIT ${DELETE_CHUNK}`).pluck();
    const deleteText = this.db.prepare('DELETE FROM events_fts WHERE rowid = ?');
    const deleteEvent = this.db.prepare('DELETE FROM events WHERE rowid = ?');
    let total = 0;
    for (;;) {
      const rowids = select.all(...params) as number[];
      if (rowids.length === 0) return total;
      this.db.transaction(() => {
        for (const rowid of rowids) {
          deleteText.run(rowid);
          deleteEvent.run(rowid);
        }
      })();
      total += rowids.length;
    }
  }

  async close(): Promise<void> {
    // The database handle belongs to whoever opened it (it is shared with the queue and the reader).
  }
}
