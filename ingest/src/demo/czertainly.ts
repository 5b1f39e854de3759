import { MINUTE, type DemoClock, type SourceGenerator, type TimedRecord } from './clock.ts';
import { CZERTAINLY_EVENTS } from './czertainly-data.ts';
import { javaDate } from './format.ts';
import { EMAIL_DOMAIN, pickUser } from './people.ts';
import type { Random } from './random.ts';

/** Share of records that are Core's in-app notifications (NotificationDto) rather than webhook bodies. */
const INTERNAL_NOTIFICATION_SHARE = 0.15;
const HOUR = 60 * MINUTE;

/** Core still fills the deprecated `eventType` with the legacy NotificationType code. */
const LEGACY_EVENT_TYPES: Readonly<Record<string, string>> = {
  certificate_status_changed: 'certificate_status_changed',
  certificate_action_performed: 'certificate_action_performed',
  approval_requested: 'approval_requested',
  approval_closed: 'approval_closed',
  scheduled_job_finished: 'scheduled_job_completed',
};

const PKI_OPERATORS = { name: 'PKI operators', email: `pki-ops@${EMAIL_DOMAIN}`, mappedAttributes: null };

function recipients(rng: Random, resource: string) {
  if (resource === 'approvals' || rng.chance(0.4)) return [PKI_OPERATORS];
  const owner = pickUser(rng);
  return [{ name: owner.name, email: owner.email, mappedAttributes: null }];
}

/** Core's HTTP mapper drops nulls, the connector's WebClient keeps them: both reach a webhook. */
function withoutNulls(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, item]) => item !== null)
      .map(([key, item]) => [key, isPlainObject(item) ? withoutNulls(item) : item]),
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The raw_json webhook body: NotificationProviderNotifyRequestDto as Core sent it. */
function webhookBody(rng: Random, event: string, resource: string, data: Record<string, unknown>): string {
  const body = {
    recipients: recipients(rng, resource),
    eventType: LEGACY_EVENT_TYPES[event] ?? 'other',
    event,
    resource,
    notificationData: data,
  };
  return JSON.stringify(rng.chance(0.5) ? withoutNulls(body) : body);
}

/** The texts NotificationListener writes for in-app notifications. */
function internalText(event: string, data: Record<string, unknown>): string {
  const cert = `certificate identified as '${String(data.subjectDn)}' with serial number '${String(data.serialNumber)}'`;
  switch (event) {
    case 'certificate_status_changed':
      return `Certificate validation status changed from ${String(data.oldStatus)} to ${String(data.newStatus)} for ${cert} issued by '${String(data.issuerDn)}'`;
    case 'certificate_expiring':
      return `Certificate identified as '${String(data.subjectDn)}' is expiring on ${String(data.expiresAt)}`;
    case 'certificate_action_performed':
      return `Certificate action ${String(data.action)} ${data.errorMessage ? 'failed' : 'succeeded'} for ${cert}`;
    case 'discovery_finished':
      return `Discovery ${String(data.discoveryName)} has finished with status ${String(data.discoveryStatus)} and discovered ${String(data.totalCertificateDiscovered)} certificates`;
    default:
      return `Event ${event} occurred`;
  }
}

/** NotificationDto from Core's `GET /v1/notifications`: the one shape that carries its own time. */
function internalNotification(
  rng: Random,
  event: string,
  resource: string,
  data: Record<string, unknown>,
  at: number,
): string {
  const target = data.certificateUuid ?? data.discoveryUuid ?? data.approvalUuid;
  return JSON.stringify({
    uuid: rng.uuid(),
    message: internalText(event, data),
    detail: typeof data.errorMessage === 'string' ? data.errorMessage : null,
    readAt: null,
    sentAt: javaDate(at),
    targetObjectType: resource,
    targetObjectIdentification: target ? [String(target)] : [],
  });
}

const INTERNAL_EVENTS = new Set([
  'certificate_status_changed',
  'certificate_expiring',
  'certificate_action_performed',
  'discovery_finished',
]);
const EVENT_WEIGHTS = CZERTAINLY_EVENTS.map((entry) => [entry, entry[2]] as const);

function render(rng: Random, clock: DemoClock): TimedRecord {
  const [event, resource, , build] = rng.weighted(EVENT_WEIGHTS);
  const at = event === 'certificate_expiring' ? onTheHour(rng, clock) : clock.sample();
  const data = build(rng, at);
  const internal = INTERNAL_EVENTS.has(event) && rng.chance(INTERNAL_NOTIFICATION_SHARE);
  return {
    at,
    raw: internal ? internalNotification(rng, event, resource, data, at) : webhookBody(rng, event, resource, data),
  };
}

/** Monitoring events come from the hourly job, a few seconds past the hour. */
function onTheHour(rng: Random, clock: DemoClock): number {
  const at = clock.sample();
  return clock.clamp(at - (at % HOUR) + rng.int(2_000, 40_000));
}

export const generateCzertainly: SourceGenerator = ({ rng, clock }, count) =>
  Array.from({ length: count }, () => render(rng, clock));
