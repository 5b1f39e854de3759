import type { CanonicalEvent, Envelope } from '@vigil/schemas';
import {
  AKEYLESS_EVENT_TYPES,
  UNKNOWN_AKEYLESS_EVENT_TYPE,
  normalizeAkeylessName,
  type AkeylessEventType,
} from './akeyless-event-types.ts';
import { asRecord, asString, buildEvent, parseJsonObject, toIsoTimestamp, withoutNulls } from './event-builder.ts';
import { ParseError, type SourceParser } from './parser.ts';

/**
 * Akeyless Event Center forwarded events. A record groups events in arrays under their type name,
 * either wrapped (`{"Akeyless_Events": {"Certificate_Expired": [...], ...}}`, the documented
 * forwarder body) or bare (`{"Certificate_Expired": [...]}`, the documented certificate event).
 * Each array element becomes one event. Every group must be an array; an element that is not an
 * object is skipped so it does not cost its siblings, but a record with no usable element fails.
 */

const WRAPPER = 'akeyless_events';
const LEVELS = ['emergency', 'alert', 'critical', 'error', 'warning', 'notice', 'info', 'debug'] as const;

// Fields of an element this parser lifts into named fields; everything else stays under `extra`.
const NAME_KEYS = ['name', 'item_name'];
const ITEM_ID_KEYS = ['item_id', 'itemId'];
const AUTH_METHOD_ID_KEYS = ['auth_method_id', 'access_id'];
const GATEWAY_ID_KEYS = ['gateway_id', 'gateway_cluster_id', 'cluster_id'];
const GATEWAY_URL_KEYS = ['gateway_url', 'cluster_url'];
const ERROR_KEYS = ['error', 'error_message', 'error_details'];
const TIME_KEYS = ['event_time', 'event_created_at', 'timestamp', 'time'];
const EVENT_ID_KEYS = ['event_id', 'event-id'];
const LIFTED = new Set([
  ...NAME_KEYS,
  ...ITEM_ID_KEYS,
  ...AUTH_METHOD_ID_KEYS,
  ...GATEWAY_ID_KEYS,
  ...GATEWAY_URL_KEYS,
  ...ERROR_KEYS,
  ...TIME_KEYS,
  ...EVENT_ID_KEYS,
  'item_type',
  'description',
  'payload',
]);

interface GroupedElement {
  typeName: string;
  element: Record<string, unknown>;
}

export const akeylessParser: SourceParser = {
  source: 'akeyless',
  parse(envelope: Envelope): CanonicalEvent[] {
    const record = parseJsonObject(envelope.raw);
    const { wrapperKey, groups } = unwrap(record);
    const elements = collectElements(groups);
    if (elements.length === 0) throw new ParseError('akeyless: the record holds no event object');
    // A record of one event keeps its bytes as they came; a batch gives each event its own record.
    const single = elements.length === 1;
    return elements.map(({ typeName, element }) =>
      toCanonical(envelope, typeName, element, single ? undefined : originalOf(wrapperKey, typeName, element)),
    );
  },
};

function unwrap(record: Record<string, unknown>): { wrapperKey?: string; groups: Record<string, unknown> } {
  const wrapperKey = Object.keys(record).find((key) => normalizeAkeylessName(key) === WRAPPER);
  if (wrapperKey === undefined) return { groups: record };
  const wrapped = asRecord(record[wrapperKey]);
  if (!wrapped) throw new ParseError(`akeyless: "${wrapperKey}" is not an object of event arrays`);
  const { [wrapperKey]: _wrapper, ...siblings } = record;
  return { wrapperKey, groups: { ...siblings, ...wrapped } };
}

function collectElements(groups: Record<string, unknown>): GroupedElement[] {
  const elements: GroupedElement[] = [];
  for (const [typeName, group] of Object.entries(groups)) {
    if (!Array.isArray(group)) throw new ParseError(`akeyless: event type "${typeName}" does not hold an array`);
    for (const value of group) {
      const element = asRecord(value);
      if (element) elements.push({ typeName, element });
    }
  }
  return elements;
}

function originalOf(wrapperKey: string | undefined, typeName: string, element: Record<string, unknown>): string {
  const group = { [typeName]: [element] };
  return JSON.stringify(wrapperKey === undefined ? group : { [wrapperKey]: group });
}

function toCanonical(
  envelope: Envelope,
  typeName: string,
  element: Record<string, unknown>,
  original: string | undefined,
): CanonicalEvent {
  const action = normalizeAkeylessName(typeName) || 'unknown';
  const known = AKEYLESS_EVENT_TYPES.get(action);
  const spec: Omit<AkeylessEventType, 'vendorName' | 'object'> = known ?? UNKNOWN_AKEYLESS_EVENT_TYPE;
  const fields = elementFields(element);
  const message = renderMessage(spec.messages, {
    name: fields.item_name,
    expires_at: fields.expires_at ?? fields.expires_at_raw,
    error: fields.error,
    event_type: typeName,
  });

  return buildEvent(envelope, {
    '@timestamp': firstTimestamp(element),
    event: {
      id: firstString(element, EVENT_ID_KEYS),
      action,
      code: known?.vendorName ?? typeName,
      category: [...spec.category],
      type: [...spec.type],
      outcome: spec.outcome,
      severity: spec.severity,
      reason: fields.error,
      original,
    },
    message,
    log: { level: LEVELS[spec.severity] },
    tags: known ? undefined : ['akeyless_unknown_event_type'],
    akeyless: {
      event_type: typeName,
      object_type: known?.object,
      item_name: fields.item_name,
      item_id: fields.item_id,
      item_type: asString(element.item_type),
      auth_method_id: fields.auth_method_id,
      gateway_id: fields.gateway_id,
      gateway_url: fields.gateway_url,
      description: fields.description,
      expires_at: fields.expires_at,
      payload: withoutNulls(element.payload),
      extra: withoutNulls(extraFields(element)),
    },
  });
}

function elementFields(element: Record<string, unknown>) {
  const certificate = asRecord(asRecord(element.payload)?.certificate_details);
  const expiresAtRaw = asString(certificate?.expires_at) ?? asString(element.expires_at);
  return {
    item_name: firstString(element, NAME_KEYS),
    item_id: firstString(element, ITEM_ID_KEYS),
    auth_method_id: firstString(element, AUTH_METHOD_ID_KEYS),
    gateway_id: firstString(element, GATEWAY_ID_KEYS),
    gateway_url: firstString(element, GATEWAY_URL_KEYS),
    description: asString(certificate?.description) ?? asString(element.description),
    // The forwarder does not document the date format; only a date that parses becomes a date field.
    expires_at: toIsoTimestamp(expiresAtRaw),
    expires_at_raw: expiresAtRaw,
    error: firstString(element, ERROR_KEYS),
  };
}

function firstString(record: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = asString(record[key]);
    if (value !== undefined) return value;
  }
  return undefined;
}

function firstTimestamp(record: Record<string, unknown>): string | undefined {
  for (const key of TIME_KEYS) {
    const iso = toIsoTimestamp(record[key]);
    if (iso !== undefined) return iso;
  }
  return undefined;
}

function extraFields(element: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(element).filter(([key]) => !LIFTED.has(key)));
}

/** The first template whose placeholders all have values, filled in. */
function renderMessage(templates: readonly string[], values: Record<string, string | undefined>): string | undefined {
  for (const template of templates) {
    let complete = true;
    const text = template.replace(/\{(\w+)\}/g, (_match, key: string) => {
      const value = values[key];
      if (value === undefined) complete = false;
      return value ?? '';
    });
    if (complete) return text;
  }
  return undefined;
}
