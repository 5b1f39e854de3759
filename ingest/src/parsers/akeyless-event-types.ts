/**
 * The Akeyless Event Center event types (seed 000 and the vendor's API enum), keyed by the stable
 * snake_case name that becomes `event.action`. The forwarded format spells a type in several ways
 * (`Certificate_Expired`, `certificate-expired`, `certificate_pending_expiration`); all of them
 * normalize to these keys.
 */

export type AkeylessObjectType = 'item' | 'auth_method' | 'gateway';
export type AkeylessOutcome = 'success' | 'failure' | 'unknown';

export interface AkeylessEventType {
  /** The name the docs and the API use (`certificate-expired`); becomes `event.code`. */
  readonly vendorName: string;
  /** The event source location the type belongs to (`request-access` also fires for targets). */
  readonly object: AkeylessObjectType;
  readonly category: readonly string[];
  readonly type: readonly string[];
  readonly outcome: AkeylessOutcome;
  /** Syslog scale: 3 error, 4 warning, 5 notice, 6 info. */
  readonly severity: number;
  /**
   * Message templates tried in order; the first whose `{placeholders}` all have a value wins, so
   * the last one has none. Placeholders: name, expires_at, error, event_type.
   */
  readonly messages: readonly string[];
}

type Entry = [
  vendorName: string,
  object: AkeylessObjectType,
  category: string[],
  type: string[],
  outcome: AkeylessOutcome,
  severity: number,
  messages: string[],
];

// One row per type keeps the table readable (hence no prettier); the map below is derived from it.
// prettier-ignore
const ROWS: readonly Entry[] = [
  // items-event-source-locations
  ['certificate-pending-expiration', 'item', ['configuration'], ['info'], 'unknown', 4, [
    'Certificate {name} expires on {expires_at}', 'Certificate {name} is about to expire', 'A certificate is about to expire']],
  ['certificate-expired', 'item', ['configuration'], ['info'], 'unknown', 3, [
    'Certificate {name} expired on {expires_at}', 'Certificate {name} has expired', 'A certificate has expired']],
  ['certificate-error', 'item', ['configuration'], ['error'], 'failure', 3, [
    'Certificate {name} issuance failed: {error}', 'Certificate {name} issuance failed', 'A certificate issuance failed']],
  ['certificate-provisioning-success', 'item', ['configuration'], ['change'], 'success', 6, [
    'Certificate {name} was provisioned', 'A certificate was provisioned']],
  ['certificate-provisioning-failure', 'item', ['configuration'], ['change', 'error'], 'failure', 3, [
    'Certificate {name} provisioning failed: {error}', 'Certificate {name} provisioning failed',
    'A certificate provisioning failed']],
  ['next-automatic-rotation', 'item', ['iam'], ['info'], 'unknown', 5, [
    'Item {name} is about to rotate automatically', 'An item is about to rotate automatically']],
  ['rotated-secret-success', 'item', ['iam'], ['change'], 'success', 6, [
    'Rotated secret {name} was rotated', 'A rotated secret was rotated']],
  ['rotated-secret-failure', 'item', ['iam'], ['change', 'error'], 'failure', 3, [
    'Rotated secret {name} rotation failed: {error}', 'Rotated secret {name} rotation failed',
    'A rotated secret rotation failed']],
  ['rotated-secret-partial-failure', 'item', ['iam'], ['change', 'error'], 'failure', 4, [
    'Rotated secret {name} rotation partially failed: {error}', 'Rotated secret {name} rotation partially failed',
    'A rotated secret rotation partially failed']],
  ['secret-sync', 'item', ['configuration'], ['change', 'error'], 'failure', 3, [
    'Secret {name} sync failed: {error}', 'Secret {name} sync failed', 'A secret sync failed']],
  ['dynamic-secret-failure', 'item', ['iam'], ['error'], 'failure', 3, [
    'Dynamic secret {name} failed: {error}', 'Dynamic secret {name} failed', 'A dynamic secret failed']],
  ['static-secret-updated', 'item', ['configuration'], ['change'], 'success', 6, [
    'Static secret {name} was updated', 'A static secret was updated']],
  ['usage_unused', 'item', ['configuration'], ['info'], 'unknown', 5, [
    'Secret {name} was not used within the defined interval', 'A secret was not used within the defined interval']],
  ['usage_unrotated', 'item', ['iam'], ['info'], 'unknown', 4, [
    'Rotated secret {name} was not rotated within the defined interval',
    'A rotated secret was not rotated within the defined interval']],
  ['request-access', 'item', ['iam'], ['access'], 'unknown', 5, [
    'Access to {name} was requested', 'Access was requested']],
  ['apply-justification', 'item', ['session'], ['info'], 'unknown', 6, [
    'A connection justification was provided for {name}', 'A connection justification was provided']],
  // The API enum's names for the account-wide usage events (the console shows usage_unused/unrotated).
  ['usage', 'item', ['configuration'], ['info'], 'unknown', 5, ['Usage event for {name}', 'Usage event']],
  ['rotation-usage', 'item', ['iam'], ['info'], 'unknown', 4, ['Rotation usage event for {name}', 'Rotation usage event']],
  // auth-methods-event-source-locations
  ['uid-rotation-failure', 'auth_method', ['iam'], ['change', 'error'], 'failure', 3, [
    'Universal Identity rotation failed for {name}: {error}', 'Universal Identity rotation failed for {name}',
    'A Universal Identity rotation failed']],
  ['auth-method-pending-expiration', 'auth_method', ['iam'], ['info'], 'unknown', 4, [
    'Authentication method {name} expires on {expires_at}', 'Authentication method {name} is about to expire',
    'An authentication method is about to expire']],
  ['auth-method-expired', 'auth_method', ['iam'], ['info'], 'unknown', 3, [
    'Authentication method {name} has expired', 'An authentication method has expired']],
  ['email-auth-method-approved', 'auth_method', ['iam'], ['user', 'creation'], 'success', 6, [
    'Email authentication method invite {name} was approved', 'An email authentication method invite was approved']],
  ['multi-auth-failure', 'auth_method', ['authentication'], ['start', 'denied'], 'failure', 4, [
    'Authentication with {name} was blocked after repeated failures',
    'Authentication was blocked after repeated failures']],
  ['rate-limiting', 'auth_method', ['api'], ['denied'], 'failure', 4, [
    'A client of {name} reached the rate-limiting threshold', 'A client reached the rate-limiting threshold']],
  ['usage-report', 'auth_method', ['configuration'], ['info'], 'unknown', 5, [
    'The number of clients of {name} reached the usage report threshold',
    'The number of clients reached the usage report threshold']],
  // gateways-event-source-locations
  ['gateway-inactive', 'gateway', ['host'], ['change'], 'unknown', 4, [
    'Gateway {name} became inactive', 'A gateway became inactive']],
  ['gateway-certificate-about-to-expire', 'gateway', ['host', 'configuration'], ['info'], 'unknown', 4, [
    'Gateway {name} certificate expires on {expires_at}', 'Gateway {name} certificate is about to expire',
    'A gateway certificate is about to expire']],
  ['gateway-certificate-expired', 'gateway', ['host', 'configuration'], ['info'], 'unknown', 3, [
    'Gateway {name} certificate has expired', 'A gateway certificate has expired']],
];

/** `Certificate_Expired`, `certificate-expired`, `CertificateExpired` -> `certificate_expired`. */
export function normalizeAkeylessName(name: string): string {
  return name
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

export const AKEYLESS_EVENT_TYPES: ReadonlyMap<string, AkeylessEventType> = new Map(
  ROWS.map(([vendorName, object, category, type, outcome, severity, messages]) => [
    normalizeAkeylessName(vendorName),
    { vendorName, object, category, type, outcome, severity, messages },
  ]),
);

/** What an unlisted type key gets: kept as an event, tagged, never dropped. */
export const UNKNOWN_AKEYLESS_EVENT_TYPE: Omit<AkeylessEventType, 'vendorName' | 'object'> = {
  category: [],
  type: ['info'],
  outcome: 'unknown',
  severity: 6,
  messages: ['Akeyless event {event_type} for {name}', 'Akeyless event {event_type}'],
};
