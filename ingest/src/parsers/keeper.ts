import type { CanonicalEvent, Envelope } from '@vigil/schemas';
import {
  KEEPER_EVENT_TYPES,
  classifyKeeperEvent,
  keeperDisplayName,
  renderKsmMessage,
  type KsmTemplateValues,
} from '../code-tables/keeper.ts';
import { asString, buildEvent, toIsoTimestamp } from './event-builder.ts';
import { SYSLOG_LEVELS } from './formats/syslog.ts';
import { distinct, keeperVendorFields, resolveTemplateValues } from './keeper-fields.ts';
import { readKeeperRecords, type KeeperRecord } from './keeper-records.ts';
import { ParseError, type SourceParser } from './parser.ts';

/** Tag on events whose type Keeper's event-type table does not list; they are kept, not dropped. */
export const KEEPER_UNKNOWN_EVENT_TAG = 'keeper_unknown_event';

/**
 * Keeper ARAM audit events (Enterprise vault, Secrets Manager, PAM) in every shape of
 * vendor/keeper.md §1: push JSON, syslog push, Commander rows and exports (HEC, Sumo, JSON, syslog),
 * Devo key=value text.
 */
export const keeperParser: SourceParser = {
  source: 'keeper',
  parse(envelope: Envelope): CanonicalEvent[] {
    return readKeeperRecords(envelope.raw, envelope.received_at).map((record) => toEvent(envelope, record));
  },
};

function toEvent(envelope: Envelope, record: KeeperRecord): CanonicalEvent {
  const { row } = record;
  const eventType = asString(row.audit_event) ?? asString(row.audit_event_type);
  if (eventType === undefined) throw new ParseError('Keeper record has no audit_event / audit_event_type');
  const known = KEEPER_EVENT_TYPES.has(eventType);
  const displayName = known ? keeperDisplayName(eventType) : `Keeper event ${eventType}`;
  const ecs = classifyKeeperEvent(eventType, known);
  const values = resolveTemplateValues(row, eventType);
  const actor = values.username;
  const target = asString(row.to_username);

  return buildEvent(envelope, {
    '@timestamp': eventTime(record),
    event: {
      id: asString(row.id) ?? record.wrapperId,
      action: eventType,
      // Keeper's numeric type ids live only server-side; the type name is the code analysts know.
      code: eventType,
      category: ecs.category,
      type: ecs.type,
      outcome: ecs.outcome,
      severity: ecs.severity,
      original: record.original,
    },
    message: messageOf(eventType, displayName, values, record, target),
    log: { level: SYSLOG_LEVELS[ecs.severity] },
    user: {
      name: actor,
      email: emailOf(actor),
      target: target === undefined ? undefined : { name: target, email: emailOf(target) },
    },
    source: { ip: values.device_ip },
    related: {
      ip: distinct(values.device_ip, asString(row.remote_address), asString(row.ip_address)),
      user: distinct(actor, target, asString(row.from_username)),
    },
    observer: { vendor: 'Keeper Security', product: 'Keeper' },
    tags: known ? undefined : [KEEPER_UNKNOWN_EVENT_TAG],
    keeper: keeperVendorFields(record, values, known ? displayName : undefined),
  });
}

/**
 * The row's own time first (`timestamp` ISO on ARAM/Sumo/JSON, `created` epoch seconds on Commander
 * rows, `last_created` on aggregate rows), then the wrapper's (syslog header, HEC `time`), then
 * buildEvent's received time. A time that is present but unreadable is an error, not a reason to guess.
 */
function eventTime(record: KeeperRecord): string | undefined {
  for (const key of ['timestamp', 'created', 'last_created']) {
    const value = record.row[key];
    if (value === undefined || value === null || value === '') continue;
    const iso = toIsoTimestamp(value);
    if (iso === undefined) throw new ParseError(`unreadable Keeper ${key}: ${JSON.stringify(value)}`);
    return iso;
  }
  return record.wrapperTime;
}

/**
 * KSM events render their seed-001 template (Keeper's own wording). Other types use the message
 * Keeper/Commander already rendered when the shape carries one, else the display name and the actor.
 */
function messageOf(
  eventType: string,
  displayName: string,
  values: KsmTemplateValues,
  record: KeeperRecord,
  target: string | undefined,
): string {
  const ksm = renderKsmMessage(eventType, values);
  if (ksm !== undefined) return ksm;
  const rendered = record.renderedMessage ?? asString(record.row.message);
  if (rendered !== undefined) return rendered;
  const actor = values.username === undefined ? '' : ` by ${values.username}`;
  const affected = target === undefined ? '' : `, target user ${target}`;
  return `${displayName}${actor}${affected}`;
}

function emailOf(name: string | undefined): string | undefined {
  return name !== undefined && /^[^@\s]+@[^@\s]+$/.test(name) ? name : undefined;
}
