/**
 * ECS categorization of Keeper event types. Keeper publishes ~316 type names and no category per
 * type that fits ECS, so the rules read the name itself: snake_case names are built from a subject
 * (`record`, `role`, `login`, …) and a verb (`added`, `removed`, `failed`, …). The category comes
 * from the first subject rule that matches; the types from every verb token present; the outcome
 * from failure tokens. Because the rules are keyword-driven they also classify event types Keeper
 * adds later, which the display-name table does not know yet (those keep outcome `unknown` unless
 * the name says it failed).
 */

export interface KeeperClassification {
  category: string[];
  type: string[];
  outcome: 'success' | 'failure' | 'unknown';
  /** syslog scale: 2 critical, 4 warning, 5 notice, 6 info */
  severity: number;
}

/** First match wins; order puts the specific subjects before the broad ones. Patterns are regex alternatives. */
const CATEGORY_RULES: ReadonlyArray<readonly [RegExp, string]> = [
  // Security-benchmark checks and KeeperAI switches name logins/sessions but are settings.
  rule('configuration', '^sb_|^keeper_ai_.*_(enabled|disabled)$'),
  rule('authentication', 'login|authentication|two_factor_code|^app_client_connected$'),
  rule('session', 'loggedout|session|^pam_(kcm|rbi|tunnel)_|^ssh_agent_(started|stopped)$'),
  rule('intrusion_detection', 'risk_level_detected'),
  rule('vulnerability', '^bw_|reused_password'),
  // Vault records are credentials: reading one (vault user or KSM device) is an access to them.
  rule('iam', '^app_client_access|open_record|copy_password|fast_fill|_viewed$|_downloaded$|exported'),
  // Who may use what: sharing, users, roles, teams, devices, second factors, identity providers.
  rule('iam', 'share|^folder_(add|remove|change)_|^app_(record|folder)_|^app_client_(added|removed|expired)$'),
  rule('iam', 'user|role|team|admin|invit|permission|^device_|transfer|alias|^change_email$|^expire_password$'),
  rule('iam', '2fa|two_factor|security_key|passkey|master_password|security_question|biometric|account_recovery'),
  rule('iam', 'scim|sso_|bridge|email_provisioning|api_token'),
];
const DEFAULT_CATEGORY = 'configuration';

function rule(category: string, pattern: string): readonly [RegExp, string] {
  return [new RegExp(pattern), category];
}

/** Every ECS type whose words occur as tokens of the name is added. */
const TYPE_WORDS: ReadonlyArray<readonly [string, string]> = [
  ['start', 'login started connected reauthentication requested'],
  ['end', 'stopped terminated loggedout destruct'],
  ['creation', 'add added create created creates register registered setup send invite provisioned'],
  ['creation', 'uploaded imported duplicate attached attaches'],
  ['deletion', 'remove removed removes delete deleted deletes revoke unregistered empty purge'],
  ['change', 'change changed changes update updated edited modified renamed renames set'],
  ['change', 'enable enabled disable disabled on off lock locked unlock unlocked blocked unblocked'],
  ['change', 'paused pauses resumed resumes restored activated deactivated approved expire expired'],
  ['change', 'transfer transferred linked unlinked share shared accept accepted cancel decline'],
  ['change', 'rotation resolved ignored converted configure enforce recovery'],
  ['access', 'access open copy fill viewed downloaded exported received'],
  ['denied', 'denied whitelist throttle'],
  ['user', 'user users master'],
  ['group', 'team role node'],
  ['admin', 'admin administrator administrators administrative msp'],
  ['indicator', 'detected risk'],
];
const TYPE_TOKENS = TYPE_WORDS.map(([type, words]) => [type, new Set(words.split(' '))] as const);

/** A name with one of these tokens reports something that did not work. */
const FAILURE_TOKENS = new Set(['fail', 'failed', 'failure', 'denied', 'invalid', 'throttle', 'whitelist']);

/** First match wins; anything else is info, or warning when it failed. */
const SEVERITY_RULES: ReadonlyArray<readonly [RegExp, number]> = [
  [/critical/, 2],
  [/high/, 4],
  [/medium/, 5],
];
const FAILURE_SEVERITY = 4;
const DEFAULT_SEVERITY = 6;

/** Classifies one event type; `known` says whether Keeper's type table lists it. */
export function classifyKeeperEvent(eventType: string, known: boolean): KeeperClassification {
  const name = eventType.toLowerCase();
  const tokens = new Set(name.split(/[^a-z0-9]+/).filter((token) => token !== ''));
  const category = CATEGORY_RULES.find(([pattern]) => pattern.test(name))?.[1] ?? DEFAULT_CATEGORY;
  const failed = [...tokens].some((token) => FAILURE_TOKENS.has(token));
  const outcome = failed ? 'failure' : known ? 'success' : 'unknown';
  return { category: [category], type: typesOf(tokens, category, failed), outcome, severity: severityOf(name, failed) };
}

function typesOf(tokens: ReadonlySet<string>, category: string, failed: boolean): string[] {
  let types: string[] = [];
  for (const [type, words] of TYPE_TOKENS) {
    if (!types.includes(type) && [...tokens].some((token) => words.has(token))) types.push(type);
  }
  // `added_shared_folder` is a creation; the `shared` in it must not also make it a change.
  if (types.includes('creation') || types.includes('deletion')) types = types.filter((type) => type !== 'change');
  // ECS records every authentication attempt, good or bad, as a start.
  if (category === 'authentication' && !types.includes('start')) types.unshift('start');
  if (failed && category !== 'authentication' && !types.includes('denied')) types.push('error');
  return types.length > 0 ? types : ['info'];
}

function severityOf(name: string, failed: boolean): number {
  const ruled = SEVERITY_RULES.find(([pattern]) => pattern.test(name))?.[1];
  if (ruled !== undefined) return ruled;
  return failed ? FAILURE_SEVERITY : DEFAULT_SEVERITY;
}
