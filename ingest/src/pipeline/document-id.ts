import { hash } from 'node:crypto';
import type { CanonicalEvent } from '@vigil/schemas';

/**
 * Deterministic document ids: the vendor's own event id where it has one, else a hash of the source
 * and the canonical content minus the ingest time. The same input stored twice is one event, and a
 * replay of a queued record (after a crash, or a Kafka rebalance) overwrites rather than duplicates.
 *
 * A record with no time of its own is stamped with its receipt time, which is part of the content:
 * Akeyless sends the same reminder (`certificate-pending-expiration` for one item) again and again
 * without a time, and each delivery is an occurrence an analyst wants to count, not a duplicate.
 */
export function documentId(event: CanonicalEvent): string {
  // One-shot hashing of one string: much cheaper per event than a Hash object fed piece by piece.
  let input: string;
  if (event.event.id) {
    input = `${event.event.module}\0id\0${event.event.id}`;
  } else {
    const { ingested: _ingested, ...meta } = event.event;
    input = `${event.event.module}\0content\0${JSON.stringify({ ...event, event: meta })}`;
  }
  return hash('sha256', input, 'base64url').slice(0, 22);
}
