/**
 * authentik `EventAction` -> ECS categorization, syslog severity and a message template.
 *
 * The enum is client-go `version-2026.2` `model_event_actions.go` (see shared/vendor/authentik.md §2);
 * `token_view` and `invitation_created` are historical values older servers still emit. Actions
 * created through `Event.new("<name>")` are stored by authentik as `custom_<name>`.
 */

export type EcsCategory =
  | 'authentication'
  | 'configuration'
  | 'file'
  | 'iam'
  | 'intrusion_detection'
  | 'network'
  | 'package'
  | 'process'
  | 'session'
  | 'web';
export type EcsType =
  | 'access'
  | 'admin'
  | 'allowed'
  | 'change'
  | 'creation'
  | 'deletion'
  | 'denied'
  | 'end'
  | 'error'
  | 'group'
  | 'info'
  | 'start'
  | 'user';
export type EcsOutcome = 'success' | 'failure' | 'unknown';

export interface AuthentikActionSpec {
  readonly category: readonly EcsCategory[];
  readonly type: readonly EcsType[];
  readonly outcome: EcsOutcome;
  /** Syslog scale: 3 error, 4 warning, 5 notice, 6 info. */
  readonly severity: number;
  /**
   * Placeholders: `{actor}` the acting (or, for login_failed, attempted) user, `{target}` the
   * affected user, `{object}`/`{kind}` the name/model of `context[objectKey]`, `{version}`, `{ip}`,
   * `{action}`. See authentik-message.ts.
   */
  readonly message: string;
  /** The context key holding the thing acted on (a sanitised model `{app, model_name, pk, name}`). */
  readonly objectKey?: string;
  /**
   * What to do with `context.message` (authentik's own sentence): `append` it after the template
   * (exceptions, changelogs), or `replace` the template with it where it already says everything.
   */
  readonly detail?: 'append' | 'replace';
}

const INFO = 6;
const NOTICE = 5;
const WARNING = 4;
const ERROR = 3;

const SECRET_VIEW: AuthentikActionSpec = {
  category: ['configuration'],
  type: ['access'],
  outcome: 'success',
  severity: NOTICE,
  message: '{actor} viewed secret {object}',
  objectKey: 'secret',
};

/** Every value of the current EventAction enum except the `custom_` prefix. */
export const AUTHENTIK_ACTIONS = {
  login: {
    category: ['authentication', 'session'],
    type: ['start'],
    outcome: 'success',
    severity: INFO,
    message: '{actor} logged in',
  },
  login_failed: {
    category: ['authentication'],
    type: ['start'],
    outcome: 'failure',
    severity: WARNING,
    message: 'Failed login attempt for {actor}',
  },
  logout: {
    category: ['authentication', 'session'],
    type: ['end'],
    outcome: 'success',
    severity: INFO,
    message: '{actor} logged out',
  },
  user_write: {
    category: ['iam'],
    type: ['user', 'change'],
    outcome: 'success',
    severity: INFO,
    message: 'User {target} was written by a flow for {actor}',
  },
  suspicious_request: {
    category: ['intrusion_detection', 'web'],
    type: ['denied'],
    outcome: 'failure',
    severity: WARNING,
    message: 'Suspicious request from {ip} by {actor}',
  },
  password_set: {
    category: ['iam'],
    type: ['user', 'change'],
    outcome: 'success',
    severity: NOTICE,
    message: 'Password set for {actor}',
  },
  secret_view: SECRET_VIEW,
  secret_rotate: {
    category: ['configuration'],
    type: ['change'],
    outcome: 'success',
    severity: INFO,
    message: 'Secret {object} was rotated',
    objectKey: 'secret',
  },
  invitation_used: {
    category: ['iam'],
    type: ['user', 'info'],
    outcome: 'success',
    severity: INFO,
    message: '{actor} used an invitation',
  },
  authorize_application: {
    category: ['authentication'],
    type: ['start'],
    outcome: 'success',
    severity: INFO,
    message: '{actor} authorized application {object}',
    objectKey: 'authorized_application',
  },
  source_linked: {
    category: ['iam'],
    type: ['user', 'change'],
    outcome: 'success',
    severity: INFO,
    message: '{actor} linked source {object}',
    objectKey: 'source',
  },
  impersonation_started: {
    category: ['iam', 'session'],
    type: ['admin', 'start'],
    outcome: 'success',
    severity: WARNING,
    message: '{actor} started impersonating {target}',
  },
  impersonation_ended: {
    category: ['iam', 'session'],
    type: ['admin', 'end'],
    outcome: 'success',
    severity: NOTICE,
    message: '{actor} stopped impersonating {target}',
  },
  flow_execution: {
    category: ['authentication'],
    type: ['info'],
    outcome: 'unknown',
    severity: INFO,
    message: 'Flow executed for {actor}',
  },
  // `context.result.passing` refines type/outcome (see authentik-event.ts).
  policy_execution: {
    category: ['iam'],
    type: ['info'],
    outcome: 'unknown',
    severity: INFO,
    message: 'Policy binding {object} executed for {actor}',
    objectKey: 'binding',
  },
  policy_exception: {
    category: ['configuration'],
    type: ['error'],
    outcome: 'failure',
    severity: ERROR,
    message: 'Policy binding {object} raised an exception',
    objectKey: 'binding',
  },
  property_mapping_exception: {
    category: ['configuration'],
    type: ['error'],
    outcome: 'failure',
    severity: ERROR,
    message: 'A property mapping raised an exception',
  },
  system_task_execution: {
    category: ['process'],
    type: ['info'],
    outcome: 'unknown',
    severity: INFO,
    message: 'System task executed',
  },
  system_task_exception: {
    category: ['process'],
    type: ['error'],
    outcome: 'failure',
    severity: ERROR,
    message: 'System task failed',
  },
  system_exception: {
    category: ['process'],
    type: ['error'],
    outcome: 'failure',
    severity: ERROR,
    message: 'System exception',
  },
  configuration_error: {
    category: ['configuration'],
    type: ['error'],
    outcome: 'failure',
    severity: ERROR,
    message: 'Configuration error',
  },
  configuration_warning: {
    category: ['configuration'],
    type: ['info'],
    outcome: 'unknown',
    severity: WARNING,
    message: 'Configuration warning',
  },
  // `context.model` of a core user/group adds iam + user/group (see authentik-event.ts).
  model_created: {
    category: ['configuration'],
    type: ['creation'],
    outcome: 'success',
    severity: INFO,
    message: '{actor} created {kind} {object}',
    objectKey: 'model',
  },
  model_updated: {
    category: ['configuration'],
    type: ['change'],
    outcome: 'success',
    severity: INFO,
    message: '{actor} updated {kind} {object}',
    objectKey: 'model',
  },
  model_deleted: {
    category: ['configuration'],
    type: ['deletion'],
    outcome: 'success',
    severity: NOTICE,
    message: '{actor} deleted {kind} {object}',
    objectKey: 'model',
  },
  // ECS has an `email` category, but it is outside the project's allowed list; sending mail is
  // network activity.
  email_sent: {
    category: ['network'],
    type: ['info'],
    outcome: 'success',
    severity: INFO,
    message: 'Email sent to {object}',
    objectKey: 'to_email',
    detail: 'replace',
  },
  update_available: {
    category: ['package'],
    type: ['info'],
    outcome: 'unknown',
    severity: NOTICE,
    message: 'authentik {version} is available',
  },
  export_ready: {
    category: ['file'],
    type: ['creation'],
    outcome: 'success',
    severity: INFO,
    message: 'Export {object} is ready for {actor}',
    objectKey: 'export',
    detail: 'replace',
  },
  review_initiated: {
    category: ['iam'],
    type: ['start'],
    outcome: 'unknown',
    severity: NOTICE,
    message: 'Access review initiated for {object}',
    objectKey: 'target',
    detail: 'replace',
  },
  review_overdue: {
    category: ['iam'],
    type: ['info'],
    outcome: 'unknown',
    severity: WARNING,
    message: 'Access review overdue for {object}',
    objectKey: 'target',
    detail: 'replace',
  },
  review_attested: {
    category: ['iam'],
    type: ['info'],
    outcome: 'success',
    severity: INFO,
    message: '{actor} attested access review of {object}',
    objectKey: 'target',
    detail: 'replace',
  },
  review_completed: {
    category: ['iam'],
    type: ['end'],
    outcome: 'success',
    severity: INFO,
    message: 'Access review completed for {object}',
    objectKey: 'target',
    detail: 'replace',
  },
} as const satisfies Record<string, AuthentikActionSpec>;

/** Values removed from the enum that stored events and old servers still carry. */
export const HISTORICAL_AUTHENTIK_ACTIONS = {
  token_view: { ...SECRET_VIEW, message: '{actor} viewed token {object}', objectKey: 'token' },
  invitation_created: {
    category: ['iam', 'configuration'],
    type: ['creation'],
    outcome: 'success',
    severity: INFO,
    message: '{actor} created an invitation',
    objectKey: 'invitation',
  },
} as const satisfies Record<string, AuthentikActionSpec>;

export const CUSTOM_ACTION_PREFIX = 'custom_';

/**
 * Custom and unknown actions have no ECS category of their own: an empty category is honest, and
 * the tag lets an analyst find them.
 */
const CUSTOM_ACTION: AuthentikActionSpec = {
  category: [],
  type: ['info'],
  outcome: 'unknown',
  severity: INFO,
  message: 'Custom event {action}',
};
const UNKNOWN_ACTION: AuthentikActionSpec = { ...CUSTOM_ACTION, message: 'Unknown authentik action {action}' };

export interface ResolvedAction {
  spec: AuthentikActionSpec;
  tags: string[];
}

const KNOWN: Record<string, AuthentikActionSpec> = { ...AUTHENTIK_ACTIONS };
const HISTORICAL: Record<string, AuthentikActionSpec> = { ...HISTORICAL_AUTHENTIK_ACTIONS };

export function resolveAuthentikAction(action: string): ResolvedAction {
  const known = KNOWN[action];
  if (known) return { spec: known, tags: [] };
  const historical = HISTORICAL[action];
  if (historical) return { spec: historical, tags: ['authentik_historical_action'] };
  if (action.startsWith(CUSTOM_ACTION_PREFIX)) return { spec: CUSTOM_ACTION, tags: ['authentik_custom_action'] };
  return { spec: UNKNOWN_ACTION, tags: ['authentik_unknown_action'] };
}

export function isRecognizedAuthentikAction(action: string): boolean {
  return action in KNOWN || action in HISTORICAL || action.startsWith(CUSTOM_ACTION_PREFIX);
}

/** `log.level` names for the syslog severity numbers. */
export const SYSLOG_LEVEL_NAMES = ['emergency', 'alert', 'critical', 'error', 'warning', 'notice', 'info', 'debug'];

/** Notification severities (`NotificationSeverity`: notice, warning, alert) on the syslog scale. */
export const NOTIFICATION_SEVERITY: Record<string, number> = { notice: 5, warning: 4, alert: 1 };
