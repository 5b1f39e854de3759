import { Type, type Static } from '@sinclair/typebox';
import { SOURCES } from './canonical-event.ts';

/** What an input wraps around the bytes it received, before any parsing. */
export const EnvelopeSchema = Type.Object(
  {
    ingest_id: Type.String({ description: 'stable id of this record: a retry of the same record keeps it' }),
    source: Type.Union(SOURCES.map((s) => Type.Literal(s))),
    input: Type.String({ description: 'which input received it: http, hec, syslog, kafka, cli, demo' }),
    received_at: Type.String({ format: 'date-time' }),
    remote_addr: Type.Optional(Type.String()),
    content_type: Type.Optional(Type.String()),
    raw: Type.String({ description: 'the record as received, UTF-8' }),
  },
  { $id: 'Envelope', additionalProperties: false },
);
export type Envelope = Static<typeof EnvelopeSchema>;
