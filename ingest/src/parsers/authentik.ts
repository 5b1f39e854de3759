import type { CanonicalEvent, Envelope } from '@vigil/schemas';
import { authentikDraft } from './authentik-event.ts';
import { readAuthentikRecords } from './authentik-shapes.ts';
import { buildEvent, parseJsonObject } from './event-builder.ts';
import { ParseError, type SourceParser } from './parser.ts';

/**
 * authentik audit events in any of the vendor's wire shapes (shared/vendor/authentik.md): the Event
 * object (API, export, or a page of them), the container log's "Created Event" line, and the
 * notification transport bodies (generic webhook default, Slack/Discord, the Splunk HEC mapping).
 */
export const authentikParser: SourceParser = {
  source: 'authentik',
  parse(envelope: Envelope): CanonicalEvent[] {
    const input = parseJsonObject(envelope.raw);
    try {
      return readAuthentikRecords(input).map((record) => buildEvent(envelope, authentikDraft(record)));
    } catch (error) {
      if (error instanceof ParseError) throw error;
      throw new ParseError(`unreadable authentik record: ${(error as Error).message}`);
    }
  },
};
