import { createHash } from 'node:crypto';
import type { CanonicalEvent } from '@vigil/schemas';

/**
 * Deterministic document ids: the vendor's own event id where it has one, else a hash of the source
 * and the canonical content minus the times that come from receipt rather than from the input (the
 * ingest time, and `@timestamp` when the record had no time of its own). The same input stored twice
 * is one event, and a replay after a crash overwrites rather than duplicates.
 */
export function documentId(event: CanonicalEvent, receivedAt?: string): string {
  const hash = createHash('sha256').update(event.event.module).update('\0');
  if (event.event.id) {
    hash.update('id\0').update(event.event.id);
  } else {
    const { ingested: _ingested, ...meta } = event.event;
    const timestamp = event['@timestamp'] === receivedAt ? undefined : event['@timestamp'];
    hash.update('content\0').update(JSON.stringify({ ...event, '@timestamp': timestamp, event: meta }));
  }
  return hash.digest('base64url').slice(0, 22);
}
