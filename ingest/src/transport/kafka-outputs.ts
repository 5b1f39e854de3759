import type { Message } from 'kafkajs';
import { CANONICAL_EVENT_FINGERPRINT, encodeEvent } from '@vigil/schemas';
import type { DeadLetter, IndexedEvent } from '../store/event-sink.ts';
import { HEADERS } from './kafka-topics.ts';

/** A dead letter with the bytes it came from, so the dead-letter topic can hand them back unchanged. */
export interface FailedRecord {
  deadLetter: DeadLetter;
  original: Buffer;
  /** `topic:partition:offset` of the raw record, so an operator can find and replay it. */
  origin?: string;
}

/**
 * Normalized events for the events topic, keyed by document id: a replayed batch re-publishes the
 * same keys, which a compacting or deduplicating consumer recognises.
 */
export function eventMessages(events: readonly IndexedEvent[]): Message[] {
  return events.map(({ id, event }) => ({
    key: id,
    value: encodeEvent(event),
    headers: { [HEADERS.fingerprint]: CANONICAL_EVENT_FINGERPRINT },
  }));
}

/** Dead letters keep the original bytes as the value; why, from where and when ride in headers. */
export function deadLetterMessages(failures: readonly FailedRecord[]): Message[] {
  return failures.map(({ deadLetter, original, origin }) => ({
    key: deadLetter.envelope.source,
    value: original,
    headers: {
      [HEADERS.reason]: deadLetter.reason,
      [HEADERS.source]: deadLetter.envelope.source,
      [HEADERS.ingestId]: deadLetter.envelope.ingest_id,
      [HEADERS.failedAt]: deadLetter.failedAt,
      ...(origin ? { [HEADERS.origin]: origin } : {}),
    },
  }));
}
