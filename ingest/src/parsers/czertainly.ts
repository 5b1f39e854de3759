import type { CanonicalEvent, Envelope } from '@vigil/schemas';
import {
  CZERTAINLY_EVENTS,
  INTERNAL_NOTIFICATION,
  INTERNAL_NOTIFICATION_PATTERNS,
  UNKNOWN_CZERTAINLY_EVENT,
  type CzertainlyEventSpec,
} from './czertainly-events.ts';
import { asRecord, asString, buildEvent, parseJsonObject, toIsoTimestamp, withoutNulls } from './event-builder.ts';
import { ParseError, type SourceParser } from './parser.ts';

/**
 * CZERTAINLY platform events in the shapes the vendor doc names:
 * - the notification request (`recipients`, `event`, deprecated `eventType`, `resource`,
 *   `notificationData`), which the webhook provider also posts as is (raw_json), and any webhook
 *   template body that keeps at least `event` or `eventType`;
 * - the in-app notification (`uuid`, `message`, `detail`, `sentAt`, `targetObjectType`, ...), whose
 *   event is recognised from its text.
 * Core serialises without nulls, connectors with them: both are accepted and nulls never reach the event.
 */

const LEVELS = ['emergency', 'alert', 'critical', 'error', 'warning', 'notice', 'info', 'debug'] as const;
const REQUEST_KEYS = new Set(['recipients', 'event', 'eventType', 'resource', 'notificationData', 'eventData']);
const RECORD_TIME_KEYS = ['timestamp', 'createdAt', 'sentAt', 'time'];

/** Event names by their normalized code, label and aliases. */
const SPEC_BY_NAME: ReadonlyMap<string, [string, CzertainlyEventSpec]> = new Map(
  Object.entries(CZERTAINLY_EVENTS).flatMap(([code, spec]) =>
    [code, spec.label, ...spec.aliases].map((name) => [normalizeName(name), [code, spec]] as const),
  ),
);

export const czertainlyParser: SourceParser = {
  source: 'czertainly',
  parse(envelope: Envelope): CanonicalEvent[] {
    const record = parseJsonObject(envelope.raw);
    if (record.event == null && record.eventType == null && typeof record.message === 'string') {
      return [fromInternalNotification(envelope, record)];
    }
    return [fromNotificationRequest(envelope, record)];
  },
};

function fromNotificationRequest(envelope: Envelope, record: Record<string, unknown>): CanonicalEvent {
  const name = optionalString(record, 'event') ?? optionalString(record, 'eventType');
  if (name === undefined) throw new ParseError('czertainly: the record names no event (event or eventType)');
  const data = eventDataOf(record);
  const resource = optionalString(record, 'resource');
  const { code, spec, known } = lookup(name);
  const refined = refine(spec, data);

  return buildEvent(envelope, {
    '@timestamp': timeOf(spec, data) ?? firstTimestamp(record, RECORD_TIME_KEYS),
    event: {
      action: code,
      code,
      category: [...spec.category],
      type: [...refined.type],
      outcome: refined.outcome,
      severity: refined.severity,
      reason: spec.failureField ? asString(data[spec.failureField]) : undefined,
    },
    message: renderMessage(spec.messages, { event: code, resource, ...data }),
    log: { level: LEVELS[refined.severity] },
    user: actorOf(spec, data),
    related: relatedUsers(spec, data),
    tags: known ? undefined : ['czertainly_unknown_event'],
    czertainly: {
      event: asString(record.event),
      event_type: asString(record.eventType),
      resource: resource ?? spec.resource,
      monitoring: known ? spec.monitoring : undefined,
      event_data: withoutNulls(data),
      recipients: recipientsOf(record.recipients),
      extra: withoutNulls(Object.fromEntries(Object.entries(record).filter(([key]) => !REQUEST_KEYS.has(key)))),
    },
  });
}

function fromInternalNotification(envelope: Envelope, record: Record<string, unknown>): CanonicalEvent {
  const message = asString(record.message) ?? '';
  const code = INTERNAL_NOTIFICATION_PATTERNS.find(([pattern]) => pattern.test(message))?.[1];
  const spec = (code === undefined ? undefined : CZERTAINLY_EVENTS[code]) ?? INTERNAL_NOTIFICATION;
  const { message: _message, ...notification } = record;

  return buildEvent(envelope, {
    '@timestamp': toIsoTimestamp(record.sentAt),
    event: {
      id: asString(record.uuid),
      action: code ?? 'internal_notification',
      code,
      category: [...spec.category],
      type: [...spec.type],
      outcome: spec.outcome,
      severity: spec.severity,
    },
    message,
    log: { level: LEVELS[spec.severity] },
    czertainly: {
      resource: asString(record.targetObjectType) ?? spec.resource,
      monitoring: code === undefined ? undefined : spec.monitoring,
      notification: withoutNulls(notification),
    },
  });
}

function lookup(name: string): { code: string; spec: CzertainlyEventSpec; known: boolean } {
  const normalized = normalizeName(name) || 'unknown';
  const entry = SPEC_BY_NAME.get(normalized);
  if (entry) return { code: entry[0], spec: entry[1], known: true };
  return { code: normalized, spec: UNKNOWN_CZERTAINLY_EVENT, known: false };
}

/** `Certificate status changed`, `CERTIFICATE_STATUS_CHANGED`, `inProgress` -> snake_case. */
function normalizeName(name: string): string {
  return name
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

function optionalString(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ParseError(`czertainly: "${key}" is not a string`);
  return asString(value);
}

function eventDataOf(record: Record<string, unknown>): Record<string, unknown> {
  const value = record.notificationData ?? record.eventData;
  if (value === undefined || value === null) return {};
  const data = asRecord(value);
  if (!data) throw new ParseError('czertainly: notificationData is not an object');
  return data;
}

function refine(spec: CzertainlyEventSpec, data: Record<string, unknown>) {
  const status = spec.statusField ? asString(valueAt(data, spec.statusField)) : undefined;
  const effect = status === undefined ? undefined : spec.statuses?.[normalizeName(status)];
  const failed = spec.failureField !== undefined && asString(data[spec.failureField]) !== undefined;
  if (failed) return { outcome: 'failure', severity: 3, type: [...spec.type, 'error'] };
  return {
    outcome: effect?.outcome ?? spec.outcome,
    severity: effect?.severity ?? spec.severity,
    type: effect?.type ?? spec.type,
  };
}

function timeOf(spec: CzertainlyEventSpec, data: Record<string, unknown>): string | undefined {
  return spec.timeField ? toIsoTimestamp(valueAt(data, spec.timeField)) : undefined;
}

function firstTimestamp(record: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const iso = toIsoTimestamp(record[key]);
    if (iso !== undefined) return iso;
  }
  return undefined;
}

function actorOf(spec: CzertainlyEventSpec, data: Record<string, unknown>): CanonicalEvent['user'] {
  if (!spec.actor) return undefined;
  return {
    id: spec.actor.id ? asString(data[spec.actor.id]) : undefined,
    name: spec.actor.name ? asString(data[spec.actor.name]) : undefined,
  };
}

function relatedUsers(spec: CzertainlyEventSpec, data: Record<string, unknown>): CanonicalEvent['related'] {
  const name = spec.actor?.name ? asString(data[spec.actor.name]) : undefined;
  return name === undefined ? undefined : { user: [name] };
}

/** Recipients as the vendor names them, without the nulls connectors serialise. */
function recipientsOf(value: unknown): unknown[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new ParseError('czertainly: recipients is not an array');
  const recipients = value
    .map(asRecord)
    .filter((r) => r !== undefined)
    .map(withoutNulls);
  return recipients.length > 0 ? recipients : undefined;
}

function valueAt(data: Record<string, unknown>, path: string): unknown {
  let current: unknown = data;
  for (const key of path.split('.')) current = asRecord(current)?.[key];
  return current;
}

/** The first template whose placeholders (dotted paths) all have values, filled in. */
function renderMessage(templates: readonly string[], context: Record<string, unknown>): string | undefined {
  for (const template of templates) {
    let complete = true;
    const text = template.replace(/\{([\w.]+)\}/g, (_match, path: string) => {
      const value = asString(valueAt(context, path));
      if (value === undefined) complete = false;
      return value ?? '';
    });
    if (complete) return text;
  }
  return undefined;
}
