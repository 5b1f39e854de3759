import type { CanonicalEvent, Envelope } from '@vigil/schemas';
import { buildEvent, type EventDraft } from './event-builder.ts';
import { parseSyslog, syslogSeverityFromName } from './formats/syslog.ts';
import { draftFromFields, setField, type EcsFields } from './generic-fields.ts';
import { jsonEventDraft } from './generic-json.ts';
import { syslogEventDraft } from './generic-syslog.ts';
import { ParseError, type SourceParser } from './parser.ts';

/**
 * Best effort for any source that is not one of the vendors: a JSON object (pretty-printed or one
 * NDJSON line; a record of several NDJSON lines gives one event each), a syslog line (RFC 5424 or
 * 3164, its message read as JSON or CEF when it is), a bare CEF line, or any other text. Whatever
 * the fields, the record stays searchable: JSON under `generic`, text in `message`, the bytes in
 * event.original.
 *
 * event.action is the record's own action when it names one; otherwise `generic_event` for JSON,
 * `log` for syslog and plain text, and for CEF its `act` or else its Name in snake_case.
 * event.dataset says which reader took the record: generic.json, generic.syslog, generic.cef or
 * generic.text. Nested JSON is kept at most MAX_GENERIC_DEPTH (20) deep, see generic-json.ts.
 *
 * Refused (ParseError): an empty or blank record, and JSON that is not an object (a number, string,
 * array or null at record level has no event shape to read).
 */
export const genericParser: SourceParser = {
  source: 'generic',
  parse(envelope: Envelope): CanonicalEvent[] {
    try {
      return readRecord(envelope).map((draft) => buildEvent(envelope, draft));
    } catch (error) {
      if (error instanceof ParseError) throw error;
      throw new ParseError(`unreadable generic record: ${(error as Error).message}`);
    }
  },
};

/** The action of a text line that is neither JSON nor syslog nor CEF. */
export const DEFAULT_TEXT_ACTION = 'log';

function readRecord(envelope: Envelope): EventDraft[] {
  const text = envelope.raw.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new ParseError('empty record');
  const json = readJson(text.trim());
  if (json.kind === 'object') return [jsonEventDraft(json.value)];
  if (json.kind === 'not-an-object') throw new ParseError(`expected a JSON object, got ${json.got}`);
  const lines = ndjsonObjects(text);
  if (lines) return lines.map(({ value, line }) => jsonEventDraft(value, line));
  const line = text.replace(/[\r\n]+$/, '');
  const syslog = parseSyslog(line, { receivedAt: envelope.received_at });
  if (syslog.format !== 'unknown') return [syslogEventDraft(syslog, envelope.received_at)];
  return [textEventDraft(line)];
}

type JsonRead =
  { kind: 'object'; value: Record<string, unknown> } | { kind: 'not-an-object'; got: string } | { kind: 'not-json' };

function readJson(text: string): JsonRead {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'not-json' };
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return { kind: 'object', value: value as Record<string, unknown> };
  }
  return { kind: 'not-an-object', got: value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value };
}

/** Several JSON objects, one per line; undefined unless every non-blank line is one. */
function ndjsonObjects(text: string): { value: Record<string, unknown>; line: string }[] | undefined {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length < 2) return undefined;
  const objects: { value: Record<string, unknown>; line: string }[] = [];
  for (const line of lines) {
    const json = readJson(line.trim());
    if (json.kind !== 'object') return undefined;
    objects.push({ value: json.value, line });
  }
  return objects;
}

const LEADING_TIMESTAMP = /^\[?(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?)\]?\s+/i;
const LEVEL_WORD = /^\[?([A-Za-z]{3,13})\]?:?(?:\s|$)/;

/** Plain text: the line is the message; a leading timestamp and level word are read when present. */
function textEventDraft(line: string): EventDraft {
  const fields: EcsFields = { message: line.trim() };
  const stamp = LEADING_TIMESTAMP.exec(line.trimStart());
  if (stamp?.[1]) {
    setField(fields, '@timestamp', stamp[1].replace(',', '.').replace(' ', 'T').toUpperCase());
    const level = LEVEL_WORD.exec(line.trimStart().slice(stamp[0].length))?.[1];
    if (level !== undefined) setField(fields, 'event.severity', syslogSeverityFromName(level));
  }
  return draftFromFields(fields, { defaultAction: DEFAULT_TEXT_ACTION, dataset: 'generic.text' });
}
