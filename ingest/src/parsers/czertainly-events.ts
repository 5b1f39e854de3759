/**
 * The CZERTAINLY platform events (seed 002 and the `ResourceEvent` catalog of the vendor doc),
 * keyed by the snake_case code that becomes `event.action`. Labels and legacy `eventType` codes are
 * aliases of the same entry.
 */

export type CzertainlyOutcome = 'success' | 'failure' | 'unknown';

/** How a value of the event's status field refines the entry's classification. */
export interface StatusEffect {
  readonly outcome?: CzertainlyOutcome;
  readonly severity?: number;
  readonly type?: readonly string[];
}

export interface CzertainlyEventSpec {
  /** The vendor's label (`Certificate validation status changed`). */
  readonly label: string;
  /** Other names for the event: seed labels, legacy `NotificationType` codes. */
  readonly aliases: readonly string[];
  /** The `Resource` code the event is bound to. */
  readonly resource?: string;
  /** Monitoring events recur (hourly) while the watched state lasts. */
  readonly monitoring: boolean;
  readonly eventDataClass?: string;
  readonly category: readonly string[];
  readonly type: readonly string[];
  readonly outcome: CzertainlyOutcome;
  /** Syslog scale: 3 error, 4 warning, 5 notice, 6 info. */
  readonly severity: number;
  /** Templates over the event data (dotted paths), first complete one wins; the last has no placeholder. */
  readonly messages: readonly string[];
  /** Event-data fields naming who caused the event. */
  readonly actor?: { readonly id?: string; readonly name?: string };
  /** Event-data field holding when the event happened (otherwise the receive time stands in). */
  readonly timeField?: string;
  /** An event-data field whose presence means the operation failed. */
  readonly failureField?: string;
  /** An event-data field whose normalized value refines outcome/severity/type through `statuses`. */
  readonly statusField?: string;
  readonly statuses?: Readonly<Record<string, StatusEffect>>;
}

const CERTIFICATE_STATUS_EFFECTS: Readonly<Record<string, StatusEffect>> = {
  revoked: { severity: 4 },
  expired: { severity: 4 },
  invalid: { severity: 4 },
  failed: { severity: 4 },
  expiring: { severity: 5 },
  inactive: { severity: 5 },
};

export const CZERTAINLY_EVENTS: Readonly<Record<string, CzertainlyEventSpec>> = {
  certificate_status_changed: {
    label: 'Certificate validation status changed',
    aliases: ['Certificate status changed'],
    resource: 'certificates',
    monitoring: false,
    eventDataClass: 'CertificateStatusChangedEventData',
    category: ['configuration'],
    type: ['change'],
    outcome: 'success',
    severity: 6,
    messages: [
      'Certificate {subjectDn} status changed from {oldStatus} to {newStatus}',
      'Certificate {subjectDn} status changed to {newStatus}',
      'Certificate {subjectDn} status changed',
      'Certificate status changed',
    ],
    statusField: 'newStatus',
    statuses: CERTIFICATE_STATUS_EFFECTS,
  },
  certificate_action_performed: {
    label: 'Certificate action performed',
    aliases: [],
    resource: 'certificates',
    monitoring: false,
    eventDataClass: 'CertificateActionPerformedEventData',
    category: ['configuration'],
    type: ['change'],
    outcome: 'success',
    severity: 6,
    messages: [
      'Certificate action {action} failed for {subjectDn}: {errorMessage}',
      'Certificate action failed for {subjectDn}: {errorMessage}',
      'Certificate action failed: {errorMessage}',
      'Certificate action {action} performed on {subjectDn}',
      'Certificate action performed on {subjectDn}',
      'Certificate action performed',
    ],
    failureField: 'errorMessage',
    statusField: 'action',
    statuses: { issue: { type: ['creation'] } },
  },
  certificate_discovered: {
    label: 'Certificate discovered',
    aliases: [],
    resource: 'certificates',
    monitoring: false,
    eventDataClass: 'CertificateDiscoveredEventData',
    category: ['configuration'],
    type: ['info'],
    outcome: 'success',
    severity: 6,
    messages: [
      'Certificate {subjectDn} discovered by discovery {discoveryName}',
      'Certificate {subjectDn} discovered',
      'Certificate discovered',
    ],
    actor: { id: 'discoveryUserUuid' },
  },
  certificate_expiring: {
    label: 'Certificate expiring',
    aliases: [],
    resource: 'certificates',
    monitoring: true,
    eventDataClass: 'CertificateExpiringEventData',
    category: ['configuration'],
    type: ['info'],
    outcome: 'unknown',
    severity: 4,
    messages: [
      'Certificate {subjectDn} expires on {expiresAt}',
      'Certificate {subjectDn} is expiring',
      'Certificate expiring',
    ],
  },
  certificate_not_compliant: {
    label: 'Certificate not compliant',
    aliases: [],
    resource: 'certificates',
    monitoring: false,
    eventDataClass: 'CertificateNotCompliantEventData',
    category: ['configuration'],
    type: ['info'],
    outcome: 'failure',
    severity: 4,
    messages: [
      'Certificate {subjectDn} is not compliant: {complianceCheckResultDto.message}',
      'Certificate {subjectDn} is not compliant',
      'Certificate not compliant',
    ],
    timeField: 'complianceCheckResultDto.timestamp',
  },
  discovery_finished: {
    label: 'Discovery finished',
    aliases: [],
    resource: 'discoveries',
    monitoring: false,
    eventDataClass: 'DiscoveryFinishedEventData',
    category: ['configuration'],
    type: ['end'],
    outcome: 'unknown',
    severity: 6,
    messages: [
      'Discovery {discoveryName} finished with status {discoveryStatus} and discovered {totalCertificateDiscovered} certificates',
      'Discovery {discoveryName} finished with status {discoveryStatus}',
      'Discovery {discoveryName} finished',
      'Discovery finished',
    ],
    actor: { id: 'discoveryUserUuid' },
    statusField: 'discoveryStatus',
    statuses: {
      completed: { outcome: 'success' },
      warning: { outcome: 'success', severity: 4 },
      failed: { outcome: 'failure', severity: 3, type: ['end', 'error'] },
    },
  },
  approval_requested: {
    label: 'Approval requested',
    aliases: [],
    resource: 'approvals',
    monitoring: false,
    eventDataClass: 'ApprovalEventData',
    category: ['iam'],
    type: ['creation'],
    outcome: 'unknown',
    severity: 5,
    messages: [
      'Approval of {resourceAction} on {resource} requested by {creatorUsername}',
      'Approval requested by {creatorUsername}',
      'Approval requested',
    ],
    actor: { id: 'creatorUuid', name: 'creatorUsername' },
  },
  approval_closed: {
    label: 'Approval closed',
    aliases: [],
    resource: 'approvals',
    monitoring: false,
    eventDataClass: 'ApprovalEventData',
    category: ['iam'],
    type: ['change'],
    outcome: 'unknown',
    severity: 6,
    messages: [
      'Approval of {resourceAction} on {resource} requested by {creatorUsername} closed as {status}',
      'Approval closed as {status}',
      'Approval closed',
    ],
    actor: { id: 'creatorUuid', name: 'creatorUsername' },
    timeField: 'closedAt',
    statusField: 'status',
    statuses: {
      approved: { outcome: 'success', type: ['change', 'allowed'] },
      rejected: { outcome: 'failure', severity: 5, type: ['change', 'denied'] },
      expired: { outcome: 'failure', severity: 5 },
    },
  },
  scheduled_job_finished: {
    label: 'Scheduled job finished',
    aliases: ['scheduled_job_completed'],
    resource: 'jobs',
    monitoring: false,
    eventDataClass: 'ScheduledJobFinishedEventData',
    category: ['process'],
    type: ['end'],
    outcome: 'unknown',
    severity: 6,
    messages: [
      'Scheduled job {jobName} finished with status {status}',
      'Scheduled job {jobName} finished',
      'Scheduled job finished',
    ],
    actor: { id: 'userUuid' },
    statusField: 'status',
    statuses: {
      succeeded: { outcome: 'success' },
      failed: { outcome: 'failure', severity: 3, type: ['end', 'error'] },
      started: { type: ['start'] },
    },
  },
  // The legacy NotificationType for everything without a code of its own.
  other: {
    label: 'Other',
    aliases: [],
    monitoring: false,
    category: [],
    type: ['info'],
    outcome: 'unknown',
    severity: 6,
    messages: ['CZERTAINLY notification'],
  },
};

/** In-app notifications carry only a text; these patterns (NotificationListener's texts) name the event. */
export const INTERNAL_NOTIFICATION_PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^Certificate validation status changed from /i, 'certificate_status_changed'],
  [/^Certificate action \S+ \S+ for certificate /i, 'certificate_action_performed'],
  [/ discovered by '.*' discovery/i, 'certificate_discovered'],
  [/ is expiring on /i, 'certificate_expiring'],
  [/ is not compliant/i, 'certificate_not_compliant'],
  [/^Discovery .* has finished with status /i, 'discovery_finished'],
  [/ is waiting to be approved until /i, 'approval_requested'],
  [/^Request .* for .* from .* is \S+$/i, 'approval_closed'],
  [/ scheduled task has finished for /i, 'scheduled_job_finished'],
];

/** An in-app notification whose text matches no pattern. */
export const INTERNAL_NOTIFICATION: CzertainlyEventSpec = {
  label: 'Internal notification',
  aliases: [],
  monitoring: false,
  category: [],
  type: ['info'],
  outcome: 'unknown',
  severity: 6,
  messages: ['CZERTAINLY notification'],
};

/** What an unlisted event code gets: kept, tagged, never dropped. */
export const UNKNOWN_CZERTAINLY_EVENT: CzertainlyEventSpec = {
  label: 'Unknown event',
  aliases: [],
  monitoring: false,
  category: [],
  type: ['info'],
  outcome: 'unknown',
  severity: 6,
  messages: ['CZERTAINLY event {event}'],
};
