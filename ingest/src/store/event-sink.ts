import type { CanonicalEvent, Envelope } from '@vigil/schemas';

/** An event ready for the store, with its deterministic document id. */
export interface IndexedEvent {
  id: string;
  event: CanonicalEvent;
}

/** A record the pipeline could not turn into events, kept with its bytes and the reason. */
export interface DeadLetter {
  envelope: Envelope;
  reason: string;
  failedAt: string;
}

export interface WriteBatch {
  events: IndexedEvent[];
  deadLetters: DeadLetter[];
}

/** What expires: events of `source` (and, when given, only those of `category`) older than `days`. */
export interface RetentionRule {
  source: string;
  category?: string;
  days: number;
}

/**
 * The write side of the store seam. One implementation per backend (SQLite here, the engines in the
 * distributed mode); all pass the same contract suite. Writing the same id twice keeps one event.
 */
export interface EventSink {
  write(batch: WriteBatch): Promise<void>;
  /** Deletes what the rules say has expired; returns how many events went. */
  applyRetention(rules: RetentionRule[], now: Date): Promise<number>;
  close(): Promise<void>;
}
