import type { CanonicalEvent } from '@vigil/schemas';
import type { IndexedEvent } from './event-sink.ts';
import { columnValues, fullTextBody, rowidFor } from './event-row.ts';

/**
 * An event turned into exactly what the embedded store inserts. Preparing rows is CPU work (JSON,
 * hashing, the full-text body) that can run on a worker thread; inserting them is the only part
 * that must happen on the thread that owns the database.
 */
export interface PreparedRow {
  id: string;
  rowid: number;
  ts: number;
  source: string;
  doc: string;
  columns: unknown[];
  message: string;
  body: string;
}

export function prepareRow({ id, event }: IndexedEvent): PreparedRow {
  const ts = Date.parse(event['@timestamp']);
  return {
    id,
    rowid: rowidFor(ts, id),
    ts,
    source: event.event.module,
    doc: JSON.stringify(event),
    columns: columnValues(event),
    message: event.message ?? '',
    body: fullTextBody(event),
  };
}

export function eventOf(row: PreparedRow): CanonicalEvent {
  return JSON.parse(row.doc) as CanonicalEvent;
}
