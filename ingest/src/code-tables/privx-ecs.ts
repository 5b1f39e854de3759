/**
 * ECS categorization of PrivX audit event codes, derived from the catalog NAME and CODE alone so
 * that a new catalog row is categorized without touching code. PrivX names read
 * `Subject-words-verb[-qualifier]` (`User-login-failed`, `Connection-terminated-for-host`), and
 * the code's hundred says which microservice area it comes from (seed 004 / vendor catalog).
 *
 * The mapping, in three tables:
 *
 * 1. VERB_RULES give event.type and event.outcome. A phrase matches whole hyphen-separated words
 *    anywhere in the lowercased name; the FIRST matching rule wins, which is why failure words
 *    come first (`Trail-open-failed` is an error, not an access) and specific phrases precede
 *    generic ones (`Session-added` starts a session, `Role-added` creates a role). No rule: `info`,
 *    outcome `unknown` (states and notices such as `Service-running`, `Users-license-ok`).
 *    failed / failure / error / not-sent            -> error,    failure
 *    denied / rejected / blocked / rate-limited     -> denied,   failure
 *    warning / alert / unusual / anomaly / exceeded -> info,     unknown (a notice, not an outcome)
 *    full / out-of-sync                             -> error,    unknown (a condition, not an action)
 *    logged-in / started / restarted / opened session / connected / re-established / initialized / session-added
 *                                                   -> start,    success
 *    logged-out / stopped / closed / ended / terminated / disconnected / completed / released /
 *    session-removed
 *                                                   -> end,      success
 *    added / created / registered / enrolled / generated / saved / upload / paired   -> creation
 *    removed / deleted / unregistered / revoked / unpaired / detached              -> deletion
 *    modified / changed / updated / regenerated / configured / moved                 -> change
 *    accessed / download(ed) / checked-out / returned / opened (trail, transcript)   -> access
 *    granted / accepted / allowed / authenticated / matched / trusted                -> allowed
 *    refreshed / sent / success / decision-made                                      -> info, success
 *
 * 2. CATEGORY_RULES give event.category from the name's subject; every matching rule contributes.
 *    login/MFA/token/authentication/authorization/host keys -> authentication;
 *    session/connection -> session; roles, principals, keys, secrets, managed accounts -> iam, and a
 *    user/directory/IdP client/API client/credential only when added, removed or changed -> iam; settings/configuration/license/policy/targets ->
 *    configuration; file/folder/trail/transcript -> file; and so on (see the table).
 *
 * 3. RANGE_CATEGORIES is the fallback when no name rule matched, and the only categorization of a
 *    code missing from the catalog: the vendor's code ranges (0–99 system, 100s authentication,
 *    200s role store, 300s connections, ... 2300s API proxy).
 *
 * Extra types: an iam event about users gets `user`, one about roles or groups gets `group`.
 */

export type EcsCategory =
  | 'api'
  | 'authentication'
  | 'configuration'
  | 'database'
  | 'file'
  | 'host'
  | 'iam'
  | 'intrusion_detection'
  | 'network'
  | 'package'
  | 'process'
  | 'session';

export type EcsType =
  | 'access'
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

export interface EcsClassification {
  category: EcsCategory[];
  type: EcsType[];
  outcome: EcsOutcome;
}

interface VerbRule {
  phrases: readonly string[];
  type: EcsType;
  outcome: EcsOutcome;
}

const VERB_RULES: readonly VerbRule[] = [
  { phrases: ['failed', 'failure', 'fatal-failure', 'error', 'not-sent'], type: 'error', outcome: 'failure' },
  { phrases: ['denied', 'rejected', 'blocked', 'rate-limited'], type: 'denied', outcome: 'failure' },
  { phrases: ['warning', 'alert', 'unusual-behavior', 'anomaly', 'exceeded'], type: 'info', outcome: 'unknown' },
  { phrases: ['full', 'out-of-sync'], type: 'error', outcome: 'unknown' },
  { phrases: ['session-added', 'session-opened'], type: 'start', outcome: 'success' },
  { phrases: ['session-removed'], type: 'end', outcome: 'success' },
  { phrases: ['requested'], type: 'start', outcome: 'unknown' },
  {
    phrases: [
      'logged-in',
      'starting',
      'started',
      'restarted',
      'connected',
      're-established',
      'initialized',
      'triggered',
    ],
    type: 'start',
    outcome: 'success',
  },
  {
    phrases: ['logged-out', 'stopped', 'closed', 'ended', 'terminated', 'disconnected', 'completed', 'released'],
    type: 'end',
    outcome: 'success',
  },
  { phrases: ['expired', 'invalidated'], type: 'end', outcome: 'unknown' },
  {
    phrases: ['added', 'created', 'registered', 'enrolled', 'generated', 'saved', 'upload', 'uploaded', 'paired'],
    type: 'creation',
    outcome: 'success',
  },
  {
    phrases: ['removed', 'deleted', 'unregistered', 'revoked', 'unpaired', 'detached'],
    type: 'deletion',
    outcome: 'success',
  },
  {
    phrases: ['modified', 'changed', 'updated', 'regenerated', 'configured', 'moved'],
    type: 'change',
    outcome: 'success',
  },
  {
    phrases: ['accessed', 'download', 'downloaded', 'checked-out', 'returned', 'opened'],
    type: 'access',
    outcome: 'success',
  },
  {
    phrases: ['granted', 'accepted', 'allowed', 'authenticated', 'matched', 'trusted'],
    type: 'allowed',
    outcome: 'success',
  },
  { phrases: ['refreshed', 'sent', 'success', 'decision-made'], type: 'info', outcome: 'success' },
];

interface CategoryRule {
  /** Tested against the lowercased catalog name; `\b` treats the hyphens as word boundaries. */
  name: RegExp;
  category: readonly EcsCategory[];
  /** The rule applies only when the verb rule gave one of these types. */
  onlyFor?: readonly EcsType[];
}

/** A user or a directory is an IAM object only when managed; `User-logged-in` is authentication. */
const IAM_MANAGEMENT: readonly EcsType[] = ['creation', 'deletion', 'change'];

const CATEGORY_RULES: readonly CategoryRule[] = [
  {
    name: /\b(login|logged-in|logged-out|mfa|authenticated|authentication|access-token|aws-token|webauthn|authorization)\b|^host-(key|certificate)\b|^oauth|^mobilegw/,
    category: ['authentication'],
  },
  { name: /\b(session|connection|connections)\b/, category: ['session'] },
  {
    name: /^(roles?|rolecontext|users|access-role|access-group|principal|authorized-key|identity-provider|trusted-client|managed-account|secret)\b/,
    category: ['iam'],
  },
  {
    name: /^(user|directory|idp-client|api-client|webauthn-credential|multi-factor-authentication|target-domain-account)\b/,
    category: ['iam'],
    onlyFor: IAM_MANAGEMENT,
  },
  {
    name: /\b(settings|configuration|config|license|log-level|logconf-collector|workflow|white-list|policy|script|target-domain|network-target|api-target)\b|^(ca|ee)-certificate/,
    category: ['configuration'],
  },
  { name: /\b(file|folder|trail|transcript)\b|^log-downloaded$/, category: ['file'] },
  { name: /^(host-(added|modified|removed|disabled|service)|sessionhost|privx|disk)\b/, category: ['host'] },
  { name: /^(service|background-migration)\b|\bcommand\b/, category: ['process'] },
  { name: /\b(network|router|extender|api-proxy)\b/, category: ['network'] },
  { name: /\bueba\b/, category: ['intrusion_detection'] },
  { name: /\bdatabase\b/, category: ['database'] },
  { name: /\b(rpm-package|remote-update)\b/, category: ['package'] },
  { name: /^api-/, category: ['api'] },
];

/** [first code, last code, categories]: the vendor's code areas. */
const RANGE_CATEGORIES: readonly (readonly [number, number, readonly EcsCategory[]])[] = [
  [0, 99, ['process']],
  [100, 199, ['authentication']],
  [200, 299, ['iam']],
  [300, 399, ['session']],
  [400, 499, ['iam']],
  [500, 599, ['iam']],
  [600, 699, ['iam']],
  [700, 799, ['configuration']],
  [800, 899, ['host']],
  [900, 999, ['session']],
  [1000, 1099, ['file']],
  [1100, 1199, ['configuration']],
  [1200, 1299, ['file']],
  [1300, 1399, ['host']],
  [1400, 1499, ['iam']],
  [1500, 1599, ['configuration']],
  [1600, 1699, ['network']],
  [1700, 1799, ['iam']],
  [1800, 1999, ['session']],
  [2000, 2099, ['database']],
  [2100, 2199, ['authentication']],
  [2200, 2299, ['host']],
  [2300, 2399, ['api']],
];

const IAM_EXTRA_TYPES: readonly (readonly [RegExp, EcsType])[] = [
  [/^(users?|principal|managed-account|target-domain-account)\b/, 'user'],
  [/^(roles?|access-group|access-role)\b/, 'group'],
];

function hasPhrase(name: string, phrase: string): boolean {
  return `-${name}-`.includes(`-${phrase}-`);
}

/** The categories of a code's area, for codes the catalog does not know (empty outside any area). */
export function categoriesForCodeRange(code: number): EcsCategory[] {
  const range = RANGE_CATEGORIES.find(([first, last]) => code >= first && code <= last);
  return range ? [...range[2]] : [];
}

/** Classifies a catalog entry by its NAME (and its CODE for the area fallback). */
export function classifyPrivxCode(code: number, name: string): EcsClassification {
  const lower = name.toLowerCase();
  const verb = VERB_RULES.find((rule) => rule.phrases.some((phrase) => hasPhrase(lower, phrase)));
  const type: EcsType = verb?.type ?? 'info';

  const matched = CATEGORY_RULES.filter(
    (rule) => rule.name.test(lower) && (!rule.onlyFor || rule.onlyFor.includes(type)),
  );
  const category = unique(matched.length > 0 ? matched.flatMap((rule) => rule.category) : categoriesForCodeRange(code));

  const extraTypes = category.includes('iam')
    ? IAM_EXTRA_TYPES.filter(([pattern]) => pattern.test(lower)).map(([, extra]) => extra)
    : [];
  return { category, type: unique([type, ...extraTypes]), outcome: verb?.outcome ?? 'unknown' };
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
