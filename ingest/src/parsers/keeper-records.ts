import { asRecord, asString, parseJsonObject, toIsoTimestamp } from './event-builder.ts';
import { ParseError } from './parser.ts';
import { isKeeperKeyValueText, parseKeeperKeyValues, readKeeperSyslog } from './keeper-syslog.ts';

/** The wire shapes of vendor/keeper.md §1, as they are told apart. */
export type KeeperShape =
  | 'aram_json' // ARAM push JSON (Splunk/Sumo/Sentinel/Datadog…), Commander json/sumo/azure-la export
  | 'aram_syslog' // ARAM syslog push: RFC 5424 header, then the same JSON
  | 'commander_row' // Commander / REST `get_audit_event_reports` raw row (`audit_event_type`, `created`)
  | 'commander_report' // the REST response envelope holding several raw rows
  | 'commander_syslog' // Commander `audit-log --target=syslog`: row in structured data, rendered message
  | 'splunk_hec' // Commander `audit-log --target=splunk`: HEC envelope around the row
  | 'devo_kv'; // Devo push as Keeper documents it: `audit_event=login|username=…|…`

/** One Keeper audit row, freed of its wrapper, with what the wrapper said about it. */
export interface KeeperRecord {
  row: Record<string, unknown>;
  shape: KeeperShape;
  /** the wrapper's time (syslog header, HEC `time`), used when the row carries none */
  wrapperTime?: string;
  /** the wrapper's event id (Commander syslog MSGID) */
  wrapperId?: string;
  /** a message Keeper or Commander already rendered */
  renderedMessage?: string;
  /** wrapper details worth keeping searchable (syslog header, HEC host/source) */
  transport?: Record<string, unknown>;
  /** this row's own text when one record held several rows */
  original?: string;
}

const REPORT_ROWS_KEY = 'audit_event_overview_report_rows';

/** Splits one received record into the Keeper rows it holds; throws ParseError when it holds none. */
export function readKeeperRecords(raw: string, receivedAt: string): KeeperRecord[] {
  const text = raw.trim();
  if (text === '') throw new ParseError('empty record');
  if (/^<\d{1,3}>/.test(text)) return [readKeeperSyslog(text, receivedAt)];
  if (text.startsWith('{') || text.startsWith('[')) return readJson(text);
  if (isKeeperKeyValueText(text)) return [{ row: parseKeeperKeyValues(text), shape: 'devo_kv' }];
  throw new ParseError('not a Keeper audit record: expected JSON, syslog or audit_event=…|… text');
}

function readJson(text: string): KeeperRecord[] {
  const value = parseJsonText(text);
  if (!Array.isArray(value)) return fromObject(value as Record<string, unknown>);
  if (value.length === 0) throw new ParseError('empty JSON array');
  return value.flatMap((element, index) => {
    const object = asRecord(element);
    if (!object) throw new ParseError(`JSON array element ${index} is not an object`);
    return fromObject(object).map((record) => ({ ...record, original: record.original ?? JSON.stringify(object) }));
  });
}

/** A JSON object or array; newline-joined objects (HEC batch, NDJSON file) read as an array. */
function parseJsonText(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object') return value;
  } catch (error) {
    const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
    if (lines.length < 2) throw new ParseError(`invalid JSON: ${(error as Error).message}`);
    return lines.map((line) => parseJsonObject(line));
  }
  throw new ParseError('expected a JSON object or array');
}

function fromObject(object: Record<string, unknown>): KeeperRecord[] {
  const reportRows = object[REPORT_ROWS_KEY];
  if (Array.isArray(reportRows)) return fromReport(reportRows);
  const hecEvent = hecPayload(object);
  if (hecEvent) return [fromHec(object, hecEvent)];
  return [
    { row: object, shape: 'audit_event_type' in object && !('audit_event' in object) ? 'commander_row' : 'aram_json' },
  ];
}

function fromReport(rows: unknown[]): KeeperRecord[] {
  if (rows.length === 0) throw new ParseError(`${REPORT_ROWS_KEY} is empty`);
  return rows.map((element, index) => {
    const row = asRecord(element);
    if (!row) throw new ParseError(`${REPORT_ROWS_KEY}[${index}] is not an object`);
    return { row, shape: 'commander_report', original: JSON.stringify(row) };
  });
}

/** The row inside a Splunk HEC envelope (`event` object or JSON string), when this is one. */
function hecPayload(object: Record<string, unknown>): Record<string, unknown> | undefined {
  if ('audit_event' in object || 'audit_event_type' in object) return undefined;
  const event = object.event;
  if (typeof event === 'string' && event.trim().startsWith('{')) return parseJsonObject(event);
  return asRecord(event);
}

function fromHec(envelope: Record<string, unknown>, event: Record<string, unknown>): KeeperRecord {
  return {
    row: event,
    shape: 'splunk_hec',
    wrapperTime: toIsoTimestamp(envelope.time),
    transport: {
      hec: {
        host: asString(envelope.host),
        source: asString(envelope.source),
        sourcetype: asString(envelope.sourcetype),
      },
    },
  };
}
