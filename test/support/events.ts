import type { CanonicalEvent, SourceName } from '@vigil/schemas';
import { documentId, type IndexedEvent } from '@vigil/ingest';

let counter = 0;

/** A hand-made canonical event for store tests (no parser involved). */
export function makeEvent(options: {
  at: Date | string;
  source?: SourceName;
  action?: string;
  user?: string;
  ip?: string;
  message?: string;
  category?: string[];
  outcome?: 'success' | 'failure' | 'unknown';
  severity?: number;
  vendor?: Record<string, unknown>;
  country?: string;
  location?: { lat: number; lon: number };
}): IndexedEvent {
  const source = options.source ?? 'generic';
  const at = typeof options.at === 'string' ? options.at : options.at.toISOString();
  counter++;
  const event: CanonicalEvent = {
    '@timestamp': at,
    event: {
      action: options.action ?? 'test_action',
      kind: 'event',
      category: options.category ?? ['authentication'],
      type: ['info'],
      module: source,
      dataset: `${source}.audit`,
      ingested: new Date().toISOString(),
      id: `test-${counter}-${at}`,
      ...(options.outcome ? { outcome: options.outcome } : {}),
      ...(options.severity !== undefined ? { severity: options.severity } : {}),
    },
    ...(options.message ? { message: options.message } : {}),
    ...(options.user ? { user: { name: options.user } } : {}),
    ...(options.ip
      ? {
          source: {
            ip: options.ip,
            ...(options.country || options.location
              ? {
                  geo: {
                    ...(options.country ? { country_iso_code: options.country } : {}),
                    ...(options.location ? { location: options.location } : {}),
                  },
                }
              : {}),
          },
        }
      : {}),
    ...(options.vendor ? { [source]: options.vendor } : {}),
  };
  return { id: documentId(event), event };
}
