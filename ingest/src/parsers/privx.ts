import { isIP } from 'node:net';
import type { CanonicalEvent, Envelope } from '@vigil/schemas';
import { categoriesForCodeRange, type EcsClassification } from '../code-tables/privx-ecs.ts';
import { actionSlug, normalizePrivxCode, parsePrivxSeverity, privxCode, type PrivxCode } from '../code-tables/privx.ts';
import { asRecord, asString, buildEvent, parseJsonObject, toIsoTimestamp, withoutNulls } from './event-builder.ts';
import { ParseError, type SourceParser } from './parser.ts';

/**
 * SSH PrivX audit events as the monitor-service API returns them (vendor doc privx.md §1):
 * `{event_id, event_name, service_name, service_id, created, message: {...attributes}}`, one per
 * record, or a whole search response `{count, items: [...]}`.
 *
 * - event.code is `event_id` (a string; PrivX's catalog endpoint sends it as a number, so both are
 *   read, `"0802"` as `802`). event.action is the catalog NAME as a slug (`License-error` ->
 *   `license_error`), so it stays stable whatever `event_name` the sender wrote; a code missing from
 *   the catalog becomes `privx_event_<code>`, tagged `privx_unknown_code`, outcome `unknown`,
 *   categorized by its code range only. It is kept, never dropped.
 * - Severity: the event's own `severity` attribute (`Info(6)`, `INFO`), else the catalog's.
 * - `message` is the object of per-event attributes (or its JSON text). Its free-text `message`
 *   becomes the event message, else the catalog description.
 * - `modifications` (an object or JSON text, inside `message` or at top level) becomes
 *   `privx.modifications`: `[{field, old, new, change}]`, one entry per changed path in the
 *   vendor's order, `change` being `added` (nothing before), `removed` (nothing after) or `modified`.
 *   A bare value that is not an `{old_value, new_value}` pair is read as the new value. `old` and
 *   `new` are always text (objects and arrays as their JSON), so one field keeps one type in every
 *   store's mapping whatever shape the vendor's value had. Text that is
 *   not a JSON object is kept as `privx.modifications_raw` and tagged `privx_modifications_unparsed`.
 * - Attributes copied into ECS fields are not repeated under `privx`; every other attribute is kept
 *   there under its vendor name.
 */

export interface PrivxModification {
  field: string;
  old?: string;
  new?: string;
  change: 'added' | 'removed' | 'modified';
}

interface AddressFields {
  address: string;
  ip?: string;
  port?: number;
}

/** Message attributes copied as text into ECS fields; each is dropped from `privx` once copied. */
const TEXT_ATTRIBUTES = ['instanceName', 'userID', 'username', 'targetUserID', 'targetUsername'];

const UNKNOWN_CODE_TAG = 'privx_unknown_code';
const UNPARSED_MODIFICATIONS_TAG = 'privx_modifications_unparsed';

export const privxParser: SourceParser = {
  source: 'privx',
  parse(envelope: Envelope): CanonicalEvent[] {
    const record = parseJsonObject(envelope.raw);
    if (record.event_id === undefined && Array.isArray(record.items))
      return parseSearchResponse(envelope, record.items);
    return [toEvent(envelope, record, undefined)];
  },
};

function parseSearchResponse(envelope: Envelope, items: unknown[]): CanonicalEvent[] {
  if (items.length === 0) throw new ParseError('privx search response holds no audit events');
  return items.map((item, index) => {
    const record = asRecord(item);
    if (!record) throw new ParseError(`items[${index}]: expected a JSON object`);
    try {
      return toEvent(envelope, record, JSON.stringify(item));
    } catch (error) {
      if (error instanceof ParseError) throw new ParseError(`items[${index}]: ${error.message}`);
      throw error;
    }
  });
}

function toEvent(envelope: Envelope, record: Record<string, unknown>, original: string | undefined): CanonicalEvent {
  const code = readCode(record.event_id);
  const entry = privxCode(code);
  const { attributes, text, fromRecord } = readMessage(record.message);
  const attribute = (key: string): string | undefined => asString(attributes[key]);
  const modifications = normalizeModifications(attributes.modifications ?? record.modifications);
  const ownSeverity = parsePrivxSeverity(attributes.severity);
  const timestamp = toIsoTimestamp(attributes.timestamp);
  const created = toIsoTimestamp(record.created);
  const source = parseAddress(attributes.remoteAddress);
  const destination = parseAddress(attributes.hostAddress);
  const eventName = asString(record.event_name);

  const consumedAttributes = [
    'modifications',
    ...TEXT_ATTRIBUTES.filter((key) => attribute(key) !== undefined),
    ...(typeof attributes.message === 'string' ? ['message'] : []),
    ...(ownSeverity ? ['severity'] : []),
    ...(timestamp ? ['timestamp'] : []),
    ...(source ? ['remoteAddress'] : []),
    ...(destination ? ['hostAddress'] : []),
  ];
  const consumedFields = [
    'event_id',
    'modifications',
    ...(asString(record.id) !== undefined ? ['id'] : []),
    ...(asString(record.service_name) !== undefined ? ['service_name'] : []),
    ...(fromRecord || text !== undefined ? ['message'] : []),
    ...(created ? ['created'] : []),
  ];
  const tags = [
    ...(entry ? [] : [UNKNOWN_CODE_TAG]),
    ...(modifications?.raw !== undefined ? [UNPARSED_MODIFICATIONS_TAG] : []),
  ];

  return buildEvent(envelope, {
    '@timestamp': timestamp ?? created,
    event: {
      id: asString(record.id),
      code,
      action: entry?.action ?? `privx_event_${actionSlug(code) || 'unknown'}`,
      ...classify(code, entry),
      severity: ownSeverity?.severity ?? entry?.severity,
      provider: attribute('SSH-PrivX-service') ?? asString(record.service_name),
      created,
      original,
    },
    message: text ?? entry?.description ?? `PrivX audit event ${code}${eventName ? ` (${eventName})` : ''}`,
    log: { level: ownSeverity?.level ?? entry?.level },
    user: {
      id: attribute('userID'),
      name: attribute('username'),
      target: { id: attribute('targetUserID'), name: attribute('targetUsername') },
    },
    source,
    destination,
    host: { name: attribute('instanceName') },
    service: { name: asString(record.service_name) },
    observer: { vendor: 'SSH Communications Security', product: 'PrivX' },
    related: {
      ip: distinct([source?.ip, destination?.ip]),
      user: distinct([attribute('username'), attribute('targetUsername')]),
      hosts: distinct([attribute('instanceName'), attribute('hostName')]),
    },
    tags: tags.length > 0 ? tags : undefined,
    privx: withoutNulls({
      ...omit(record, consumedFields),
      ...omit(attributes, consumedAttributes),
      modifications: modifications?.list,
      modifications_raw: modifications?.raw,
    }) as Record<string, unknown>,
  });
}

function readCode(value: unknown): string {
  const code = typeof value === 'string' || typeof value === 'number' ? normalizePrivxCode(String(value)) : '';
  if (code === '') throw new ParseError('privx audit event without event_id');
  return code;
}

function classify(code: string, entry: PrivxCode | undefined): EcsClassification {
  if (entry) return { category: entry.category, type: entry.type, outcome: entry.outcome };
  const category = /^\d+$/.test(code) ? categoriesForCodeRange(Number(code)) : [];
  return { category, type: ['info'], outcome: 'unknown' };
}

interface MessageParts {
  attributes: Record<string, unknown>;
  /** The event's own free-text message. */
  text?: string;
  /** `message` was an attributes object (or its JSON text). */
  fromRecord: boolean;
}

/** The attributes object, whether sent as an object or as JSON text; other text is the message. */
function readMessage(value: unknown): MessageParts {
  const attributes = asRecord(typeof value === 'string' ? parseJsonText(value) : value);
  if (attributes) {
    const text = typeof attributes.message === 'string' ? asString(attributes.message) : undefined;
    return { attributes, text, fromRecord: true };
  }
  return { attributes: {}, text: typeof value === 'string' ? asString(value) : undefined, fromRecord: false };
}

function normalizeModifications(value: unknown): { list?: PrivxModification[]; raw?: string } | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const parsed = typeof value === 'string' ? parseJsonText(value) : value;
  const paths = asRecord(parsed);
  if (!paths) return { raw: typeof value === 'string' ? value : JSON.stringify(value) };
  return { list: Object.entries(paths).map(([field, pair]) => toModification(field, pair)) };
}

function toModification(field: string, pair: unknown): PrivxModification {
  const record = asRecord(pair);
  const isPair = record !== undefined && ('old_value' in record || 'new_value' in record);
  const before = isPair ? record.old_value : undefined;
  const after = isPair ? record.new_value : pair;
  const change = isEmptyValue(before) ? 'added' : isEmptyValue(after) ? 'removed' : 'modified';
  return {
    field,
    old: isEmptyValue(before) ? undefined : asText(before),
    new: isEmptyValue(after) ? undefined : asText(after),
    change: isEmptyValue(before) && isEmptyValue(after) ? 'modified' : change,
  };
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  const record = asRecord(value);
  return record !== undefined && Object.keys(record).length === 0;
}

/** `remoteAddress` / `hostAddress`: an IP, `ip:port`, `[ipv6]:port` or a host name (kept as address). */
function parseAddress(value: unknown): AddressFields | undefined {
  const address = asString(value)?.trim();
  if (!address) return undefined;
  if (isIp(address)) return { address, ip: address };
  const withPort = /^\[([^\]]+)\]:(\d{1,5})$/.exec(address) ?? /^([^:]+):(\d{1,5})$/.exec(address);
  const host = withPort?.[1];
  const port = Number(withPort?.[2]);
  return {
    address,
    ip: host !== undefined && isIp(host) ? host : undefined,
    port: Number.isInteger(port) && port <= 65535 ? port : undefined,
  };
}

/** Node's own (native) check: strict dotted-quad IPv4 or IPv6; far cheaper than parsing. */
function isIp(text: string): boolean {
  return isIP(text) !== 0;
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function omit(record: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
}

function distinct(values: readonly (string | undefined)[]): string[] | undefined {
  const present = [...new Set(values.filter((v): v is string => v !== undefined))];
  return present.length > 0 ? present : undefined;
}
