import { USER_AGENTS, type ClientAddress, type DemoUser } from './people.ts';
import { stableHex, type Random } from './random.ts';

/** What one authentik event says before it is rendered in one of authentik's wire shapes. */
export interface AuthentikDraft {
  action: string;
  /** the Python module that created the event */
  app: string;
  user: AuthentikUser;
  context: Record<string, unknown>;
  /** absent for events created by background tasks, which have no request (client_ip null) */
  address?: ClientAddress;
}

export interface AuthentikUser {
  pk: number;
  email: string;
  username: string;
}

export const ANONYMOUS: AuthentikUser = { pk: 2, email: '', username: 'AnonymousUser' };
export const SECRET = '********************';

/** [name, slug, scopes] of the applications behind authentik SSO. */
export const APPLICATIONS: readonly (readonly [string, string, string])[] = [
  ['Grafana', 'grafana', 'openid email profile'],
  ['GitLab', 'gitlab', 'openid email profile read_user'],
  ['Argo CD', 'argocd', 'openid email profile groups'],
  ['Nextcloud', 'nextcloud', 'openid email profile'],
  ['Jira', 'jira', 'openid email profile'],
  ['Kubernetes Dashboard', 'k8s-dashboard', 'openid email profile groups'],
  ['Alertmanager', 'alertmanager', 'ak_proxy profile openid email'],
  ['Mattermost', 'mattermost', 'openid email profile'],
  ['PrivX', 'privx', 'openid email profile groups'],
  ['Vigil', 'vigil', 'openid email profile groups'],
];
export const GROUPS = ['admins', 'developers', 'ops', 'security', 'finance', 'support'];

export function asAuthentikUser(user: DemoUser): AuthentikUser {
  return { pk: user.pk, email: user.email, username: user.username };
}

export function httpRequest(rng: Random, method: string, path: string, args: Record<string, string> = {}) {
  return { args, method, path, request_id: rng.hex(32), user_agent: rng.pick(USER_AGENTS) };
}

export function modelRef(
  app: string,
  modelName: string,
  name: string,
  pk: string | number = stableHex(`${modelName}:${name}`, 32),
) {
  return { app, model_name: modelName, name, pk };
}
