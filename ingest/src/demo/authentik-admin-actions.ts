import {
  ANONYMOUS,
  APPLICATIONS,
  asAuthentikUser,
  GROUPS,
  httpRequest,
  modelRef,
  SECRET,
  type AuthentikDraft,
} from './authentik-draft.ts';
import { clientAddress, EMAIL_DOMAIN, pickAdmin, pickUser } from './people.ts';
import { stableHex, type Random } from './random.ts';

/* The less frequent authentik events: admin changes, secrets, impersonation, mail and background tasks. */

/** Admin edits through the API, with the enterprise audit diff of what changed. */
export function modelChange(rng: Random): AuthentikDraft {
  const admin = pickAdmin(rng);
  const kind = rng.weighted([
    ['user', 4],
    ['group', 3],
    ['application', 2],
    ['created', 1.5],
    ['deleted', 0.7],
  ] as const);
  const target = pickUser(rng);
  const group = rng.pick(GROUPS);
  const change = {
    user: () => ({
      action: 'model_updated',
      model: modelRef('authentik_core', 'user', target.username, target.pk),
      diff: rng.chance(0.5)
        ? { is_active: { previous_value: true, new_value: false } }
        : {
            password: { previous_value: SECRET, new_value: SECRET },
            password_change_date: { previous_value: '2025-01-10T08:00:00Z', new_value: 'now' },
          },
      method: 'PATCH',
      path: `/api/v3/core/users/${target.pk}/`,
    }),
    group: () => ({
      action: 'model_updated',
      model: modelRef('authentik_core', 'group', group),
      diff: { users: { [rng.chance(0.7) ? 'add' : 'remove']: [target.pk] } },
      method: 'POST',
      path: `/api/v3/core/groups/${stableHex(`group:${group}`, 32)}/add_user/`,
    }),
    application: () => {
      const [name, slug] = rng.pick(APPLICATIONS);
      const diff = { meta_launch_url: { previous_value: '', new_value: `https://${slug}.${EMAIL_DOMAIN}/` } };
      return {
        action: 'model_updated',
        model: modelRef('authentik_core', 'application', name),
        diff,
        method: 'PATCH',
        path: `/api/v3/core/applications/${slug}/`,
      };
    },
    created: () => ({
      action: 'model_created',
      model: modelRef('authentik_core', 'token', `ci-token-${rng.hex(6)}`),
      method: 'POST',
      path: '/api/v3/core/tokens/',
    }),
    deleted: () => ({
      action: 'model_deleted',
      model: modelRef('authentik_core', 'group', `temp-${group}`),
      method: 'DELETE',
      path: `/api/v3/core/groups/${rng.uuid()}/`,
    }),
  }[kind]();
  const context = {
    model: change.model,
    ...('diff' in change ? { diff: change.diff } : {}),
    http_request: httpRequest(rng, change.method, change.path),
  };
  return {
    action: change.action,
    app: 'authentik.events.middleware',
    user: asAuthentikUser(admin),
    context,
    address: clientAddress(rng, admin),
  };
}

export function secretView(rng: Random): AuthentikDraft {
  const user = rng.chance(0.6) ? pickAdmin(rng) : pickUser(rng);
  const token = rng.pick(['gitlab-ci', 'terraform', 'grafana-sync', 'backup-agent']);
  const context = {
    secret: modelRef('authentik_core', 'token', token),
    http_request: httpRequest(rng, 'GET', `/api/v3/core/tokens/${token}/view_key/`),
  };
  return {
    action: 'secret_view',
    app: 'authentik.core.api.tokens',
    user: asAuthentikUser(user),
    context,
    address: clientAddress(rng, user),
  };
}

export function passwordSet(rng: Random): AuthentikDraft {
  return { action: 'password_set', app: 'authentik.core.signals', user: asAuthentikUser(pickUser(rng)), context: {} };
}

export function emailSent(rng: Random): AuthentikDraft {
  const user = pickUser(rng);
  const subject = rng.pick(['Password reset', 'authentik Notification: login_failed', 'Verify your e-mail address']);
  const context = {
    message: 'Email to ' + user.email + ' sent',
    subject,
    body: `Hello ${user.name}, ...`,
    from_email: `authentik@${EMAIL_DOMAIN}`,
    to_email: [user.email],
  };
  return { action: 'email_sent', app: 'authentik.stages.email.tasks', user: ANONYMOUS, context };
}

export function impersonation(rng: Random): AuthentikDraft {
  const admin = pickAdmin(rng);
  const started = rng.chance(0.5);
  const context = started
    ? { reason: rng.pick(['Reproducing a dashboard permission issue', 'Checking group membership for onboarding']) }
    : {};
  const action = started ? 'impersonation_started' : 'impersonation_ended';
  return {
    action,
    app: 'authentik.core.api.users',
    user: asAuthentikUser(admin),
    context: {
      ...context,
      http_request: httpRequest(rng, 'POST', `/api/v3/core/users/${pickUser(rng).pk}/impersonate/`),
    },
    address: clientAddress(rng, admin),
  };
}

export function invitationUsed(rng: Random): AuthentikDraft {
  const user = pickUser(rng);
  const context = {
    invitation_uuid: rng.hex(32),
    http_request: httpRequest(rng, 'POST', '/api/v3/flows/executor/default-enrollment-flow/'),
  };
  return {
    action: 'invitation_used',
    app: 'authentik.stages.invitation.stage',
    user: asAuthentikUser(user),
    context,
    address: clientAddress(rng, user),
  };
}

export function systemProblem(rng: Random): AuthentikDraft {
  const [action, app, context] = rng.pick([
    [
      'configuration_error',
      'authentik.sources.ldap.sync',
      { message: 'Failed to sync LDAP source "corp-ldap": invalidCredentials' },
    ],
    [
      'policy_exception',
      'authentik.policies.process',
      {
        message: "NameError: name 'ak_is_group_member' is not defined",
        policy: modelRef('authentik_policies_expression', 'expressionpolicy', 'require-ops-group'),
      },
    ],
    [
      'system_task_exception',
      'authentik.events.system_tasks',
      { message: 'Task outpost_controller encountered an error', actor: 'outpost_controller' },
    ],
  ] as const);
  return { action, app, user: ANONYMOUS, context: { ...context } };
}

export function updateAvailable(rng: Random): AuthentikDraft {
  const version = rng.pick(['2025.4.1', '2025.6.3', '2025.8.1']);
  const context = {
    new_version: version,
    message: `Changelog: https://goauthentik.io/docs/releases/${version.slice(0, 6)}`,
  };
  return { action: 'update_available', app: 'authentik.admin.tasks', user: ANONYMOUS, context };
}
