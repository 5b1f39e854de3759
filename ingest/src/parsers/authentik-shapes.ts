import { isRecognizedAuthentikAction } from './authentik-actions.ts';
import { asRecord, asString } from './event-builder.ts';
import { ParseError } from './parser.ts';

/** Which of authentik's wire shapes a record came in (shared/vendor/authentik.md §1). */
export type AuthentikShape = 'event' | 'log' | 'splunk_hec' | 'webhook' | 'slack';

/** One authentik event, whatever shape it arrived in, before it becomes a canonical event. */
export interface AuthentikRecord {
  shape: AuthentikShape;
  /** Absent only for a notification body that does not name its event's action. */
  action?: string;
  id?: unknown;
  time?: unknown;
  /** authentik's user dict: `{pk, username, email, on_behalf_of?, authenticated_as?}`. */
  user: Record<string, unknown>;
  context: Record<string, unknown>;
  clientIp?: unknown;
  requestId?: string;
  /** The notification rule's severity (notice, warning, alert) and authentik's summary sentence. */
  notification?: { severity?: string; body?: string };
  observerHostname?: string;
  /** The record minus what only restates ECS fields; kept under `authentik`. */
  vendor: Record<string, unknown>;
  /** Set when one input record holds several events, so each keeps only its own bytes. */
  original?: string;
}

/** Detects the shape from the keys and reads every event the record holds. */
export function readAuthentikRecords(input: Record<string, unknown>): AuthentikRecord[] {
  if (typeof input.event === 'string') return [fromLogLine(input)];
  const hecEvent = asRecord(input.event);
  if (hecEvent) return [fromSplunkHec(input, hecEvent)];
  if (Array.isArray(input.results)) return fromApiPage(input.results);
  if ('action' in input) return [fromEventObject(input)];
  if (typeof input.body === 'string' && ('event_user_username' in input || 'severity' in input)) {
    return [fromWebhookBody(input)];
  }
  if (Array.isArray(input.attachments)) return [fromSlackBody(input)];
  const keys = Object.keys(input).slice(0, 10).join(', ');
  throw new ParseError(
    `not an authentik event: expected an Event object, a "Created Event" log line or a notification body, got keys [${keys}]`,
  );
}

function requireAction(value: unknown, where: string): string {
  const action = asString(value);
  if (action === undefined) throw new ParseError(`authentik ${where} without an action`);
  return action;
}

/** Shape A: the Event as the API, export and docs give it. */
function fromEventObject(input: Record<string, unknown>): AuthentikRecord {
  const { pk, event_uuid, action, created, ...vendor } = input;
  return {
    shape: 'event',
    action: requireAction(action, 'event object'),
    id: pk ?? event_uuid,
    time: created,
    user: asRecord(input.user) ?? {},
    context: asRecord(input.context) ?? {},
    clientIp: input.client_ip,
    vendor,
  };
}

/** `/api/v3/events/events/` answers `{pagination, results: [Event...]}`. */
function fromApiPage(results: unknown[]): AuthentikRecord[] {
  if (results.length === 0) throw new ParseError('authentik events API page without results');
  return results.map((item, index) => {
    const event = asRecord(item);
    if (!event) throw new ParseError(`authentik events API page: results[${index}] is not an object`);
    return { ...fromEventObject(event), original: JSON.stringify(event) };
  });
}

/**
 * Shape B: the structlog JSON line every event creation writes to the container log. Its
 * `timestamp` has no zone; authentik's containers run on UTC (the images set no TZ), so it is read
 * as UTC. Any other log line is not an event and is rejected with what it was.
 */
function fromLogLine(input: Record<string, unknown>): AuthentikRecord {
  const { event, timestamp, action, ...vendor } = input;
  if (event !== 'Created Event') {
    const logger = asString(input.logger);
    throw new ParseError(
      `authentik log line is not an event creation: "${String(event)}"${logger ? ` from logger ${logger}` : ''}`,
    );
  }
  return {
    shape: 'log',
    action: requireAction(action, '"Created Event" log line'),
    time: timestamp,
    user: asRecord(input.user) ?? {},
    context: asRecord(input.context) ?? {},
    clientIp: input.client_ip,
    requestId: asString(input.request_id),
    vendor,
  };
}

/** Shape C, the vendor's Splunk HEC body mapping: `{time, host, sourcetype, event: {...}}`. */
function fromSplunkHec(input: Record<string, unknown>, event: Record<string, unknown>): AuthentikRecord {
  const { time, event: _event, ...wrapper } = input;
  const { action, created, ...fields } = event;
  return {
    shape: 'splunk_hec',
    action: requireAction(action, 'Splunk HEC event'),
    time: time ?? created,
    user: asRecord(event.user) ?? {},
    context: asRecord(event.context) ?? {},
    clientIp: event.client_ip,
    notification: { severity: asString(event.severity), body: asString(event.body) },
    observerHostname: asString(input.host),
    vendor: { ...wrapper, ...fields },
  };
}

/**
 * Shape C, the generic webhook's default body. It names no action, but its `body` is the event's
 * summary, which is `"<action>: <context>"` unless the context carries a `message`.
 */
function fromWebhookBody(input: Record<string, unknown>): AuthentikRecord {
  const body = asString(input.body);
  return {
    shape: 'webhook',
    action: actionFromSummary(body),
    user: { username: input.event_user_username, email: input.event_user_email },
    context: {},
    notification: { severity: asString(input.severity), body },
    vendor: input,
  };
}

function actionFromSummary(body: string | undefined): string | undefined {
  const action = body?.match(/^([a-z][a-z0-9_]*): \{/)?.[1];
  return action && isRecognizedAuthentikAction(action) ? action : undefined;
}

/**
 * Shape C, the Slack/Discord body: one attachment titled with the action; fields Severity,
 * "Dispatched for user", "Event user", then one per string-valued context key.
 */
function fromSlackBody(input: Record<string, unknown>): AuthentikRecord {
  const attachment = asRecord((input.attachments as unknown[])[0]);
  if (!attachment) throw new ParseError('authentik Slack body without an attachment');
  const fields: Record<string, string> = {};
  for (const item of Array.isArray(attachment.fields) ? attachment.fields : []) {
    const field = asRecord(item);
    const title = asString(field?.title);
    const value = asString(field?.value);
    if (title !== undefined && value !== undefined) fields[title] = value;
  }
  const { Severity: severity, 'Dispatched for user': _recipient, 'Event user': eventUser, ...context } = fields;
  return {
    shape: 'slack',
    action: requireAction(attachment.title, 'Slack body'),
    user: { username: eventUser },
    context,
    notification: { severity },
    vendor: { ...input, context },
  };
}
