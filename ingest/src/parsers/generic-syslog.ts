import type { EventDraft } from './event-builder.ts';
import { CEF_TO_ECS, cefSeverityToSyslog, parseCef, parseCefTimestamp, type CefRecord } from './formats/cef.ts';
import type { StructuredDataElement, SyslogRecord } from './formats/syslog.ts';
import { draftFromFields, setField, type EcsFields } from './generic-fields.ts';
import { MAX_GENERIC_DEPTH, limitDepth, readJsonFields, type JsonReading } from './generic-json.ts';

/** The action of a syslog line whose message names none (plain text, or JSON without an action). */
export const DEFAULT_SYSLOG_ACTION = 'log';
const DEFAULT_CEF_ACTION = 'cef_event';

/** RFC 5424 §7 SD-IDs: about the transport, not the event, so not read for best-effort fields. */
const TRANSPORT_SD_IDS = new Set(['timeQuality', 'origin', 'meta']);

/** A syslog line (RFC 5424 / 3164), with a JSON or CEF message read too. */
export function syslogEventDraft(record: SyslogRecord, receivedAt: string): EventDraft {
  const cef = record.format === 'CEF' ? parseCef(record.message) : undefined;
  if (cef) return cefEventDraft(record, cef, receivedAt);

  const header = headerFields(record);
  const data = structuredDataReading(record.structuredData);
  const payload = jsonPayload(record.message);
  // The payload knows the event, the header knows the machine and program that logged it.
  const fields: EcsFields = { ...header, ...data?.fields, ...payload?.reading.fields };
  if (header['host.name'] !== undefined) fields['host.name'] = header['host.name'];
  if (header['service.name'] !== undefined) fields['service.name'] = header['service.name'];
  const message = record.message.trim();
  fields.message = payload?.reading.fields.message ?? (message === '' ? data?.fields.message : message);
  const payloadKept = payload ? limitDepth(payload.object, MAX_GENERIC_DEPTH - 1) : undefined;
  return draftFromFields(fields, {
    defaultAction: DEFAULT_SYSLOG_ACTION,
    dataset: 'generic.syslog',
    category: payload?.reading.category,
    type: payload?.reading.type,
    tags: payloadKept?.truncated ? ['generic_depth_truncated'] : undefined,
    generic: { ...syslogGeneric(record), payload: payloadKept?.value },
  });
}

function headerFields(record: SyslogRecord): EcsFields {
  const fields: EcsFields = {};
  setField(fields, '@timestamp', record.timestamp);
  setField(fields, 'host.name', record.host);
  setField(fields, 'service.name', record.appName);
  setField(fields, 'event.severity', record.severityCode);
  return fields;
}

/** The header fields that have no ECS home in the canonical event, and the structured data by SD-ID. */
function syslogGeneric(record: SyslogRecord): Record<string, unknown> {
  const elements = record.structuredData.map(({ $id, ...params }) => [$id, params] as const);
  return {
    app_name: record.appName,
    pid: record.pid,
    msg_id: record.msgId,
    facility: record.facility,
    structured_data: elements.length === 0 ? undefined : Object.fromEntries(elements),
  };
}

/** Vendor SD elements (say `[Keeper@Commander username="…" ip_address="…"]`) read like a JSON object. */
function structuredDataReading(elements: StructuredDataElement[]): JsonReading | undefined {
  const params = elements.filter((element) => !TRANSPORT_SD_IDS.has(element.$id)).map(({ $id: _, ...rest }) => rest);
  return params.length === 0 ? undefined : readJsonFields(Object.assign({}, ...params) as Record<string, unknown>);
}

function jsonPayload(message: string): { object: Record<string, unknown>; reading: JsonReading } | undefined {
  const text = message.trim();
  if (!text.startsWith('{')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const object = value as Record<string, unknown>;
  return { object, reading: readJsonFields(object) };
}

/** A CEF record, bare or behind a syslog header: extensions by the standard key table, header fields. */
function cefEventDraft(record: SyslogRecord, cef: CefRecord, receivedAt: string): EventDraft {
  const fields: EcsFields = {};
  for (const [key, path] of Object.entries(CEF_TO_ECS)) {
    const value = Object.hasOwn(cef.extensions, key) ? cef.extensions[key] : undefined;
    if (value === undefined) continue;
    if (path === '@timestamp') {
      setField(fields, path, parseCefTimestamp(value, receivedAt));
    } else if (!setField(fields, path, value) && (path === 'source.ip' || path === 'destination.ip')) {
      // A host name where an address belongs is still worth keeping.
      setField(fields, path === 'source.ip' ? 'source.address' : 'destination.address', value);
    }
  }
  setField(fields, 'event.code', cef.deviceEventClassId);
  setField(fields, 'event.severity', cefSeverityToSyslog(cef.severity));
  setField(fields, 'observer.vendor', cef.deviceVendor);
  setField(fields, 'observer.product', cef.deviceProduct);
  setField(fields, 'message', cef.name);
  setField(fields, 'event.action', snakeCase(cef.name));
  for (const [path, value] of Object.entries(headerFields(record)) as [keyof EcsFields, unknown][]) {
    setField(fields, path, value);
  }
  setField(fields, 'host.name', fields['observer.hostname']);
  return draftFromFields(fields, {
    defaultAction: DEFAULT_CEF_ACTION,
    dataset: 'generic.cef',
    generic: { ...syslogGeneric(record), cef: cefGeneric(cef) },
  });
}

function snakeCase(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

function cefGeneric(cef: CefRecord): Record<string, unknown> {
  return {
    version: cef.version,
    device_vendor: cef.deviceVendor,
    device_product: cef.deviceProduct,
    device_version: cef.deviceVersion,
    device_event_class_id: cef.deviceEventClassId,
    name: cef.name,
    severity: cef.severity,
    extensions: cef.extensions,
    custom: customLabels(cef.extensions),
  };
}

/** `cs1Label=Rule cs1=Block SMB` → `{ Rule: "Block SMB" }`, for every `<key>Label` / `<key>` pair. */
function customLabels(extensions: Record<string, string>): Record<string, string> | undefined {
  const pairs = Object.entries(extensions).flatMap(([key, label]) => {
    const valueKey = key.endsWith('Label') ? key.slice(0, -'Label'.length) : undefined;
    const value = valueKey !== undefined && Object.hasOwn(extensions, valueKey) ? extensions[valueKey] : undefined;
    return value === undefined || label === '' ? [] : [[label, value] as const];
  });
  return pairs.length === 0 ? undefined : Object.fromEntries(pairs);
}
