import {
  emailSent,
  impersonation,
  invitationUsed,
  modelChange,
  passwordSet,
  secretView,
  systemProblem,
  updateAvailable,
} from './authentik-admin-actions.ts';
import {
  ANONYMOUS,
  APPLICATIONS,
  asAuthentikUser,
  httpRequest,
  modelRef,
  SECRET,
  type AuthentikDraft,
} from './authentik-draft.ts';
import { clientAddress, EMAIL_DOMAIN, pickUser, type ClientAddress, type DemoUser } from './people.ts';
import { stableHex, type Random } from './random.ts';

const PASSWORD_STAGE = modelRef('authentik_stages_password', 'passwordstage', 'default-authentication-password');
const FLOW_PATH = '/api/v3/flows/executor/default-authentication-flow/';

function login(rng: Random): AuthentikDraft {
  const user = pickUser(rng);
  const method = rng.weighted([
    ['password', 5],
    ['auth_mfa', 4],
    ['auth_webauthn_pwl', 1],
  ] as const);
  const args =
    method === 'auth_mfa'
      ? {
          mfa_devices: [
            modelRef('authentik_stages_authenticator_totp', 'totpdevice', `${user.username} TOTP`, rng.int(1, 90)),
          ],
        }
      : method === 'password'
        ? { known_device: rng.chance(0.7) }
        : {};
  const context = {
    auth_method: method,
    auth_method_args: args,
    http_request: httpRequest(rng, 'POST', FLOW_PATH, { query: 'next=%2F' }),
  };
  return {
    action: 'login',
    app: 'authentik.events.signals',
    user: asAuthentikUser(user),
    context,
    address: clientAddress(rng, user),
  };
}

export function loginFailed(rng: Random, username: string, address: ClientAddress, userAgent?: string): AuthentikDraft {
  const http = httpRequest(rng, 'POST', FLOW_PATH, { query: 'next=%2F' });
  const context = {
    stage: PASSWORD_STAGE,
    password: SECRET,
    username,
    http_request: { ...http, user_agent: userAgent ?? http.user_agent },
  };
  return { action: 'login_failed', app: 'authentik.events.signals', user: ANONYMOUS, context, address };
}

function typoLogin(rng: Random): AuthentikDraft {
  const user = pickUser(rng);
  return loginFailed(rng, rng.chance(0.85) ? user.username : user.email, clientAddress(rng, user));
}

function logout(rng: Random): AuthentikDraft {
  const user = pickUser(rng);
  const context = {
    http_request: httpRequest(rng, 'GET', '/api/v3/flows/executor/default-invalidation-flow/', { query: '' }),
  };
  return {
    action: 'logout',
    app: 'authentik.events.signals',
    user: asAuthentikUser(user),
    context,
    address: clientAddress(rng, user),
  };
}

export function authorizeApplication(rng: Random, user: DemoUser, address: ClientAddress): AuthentikDraft {
  const [name, slug, scopes] = rng.pick(APPLICATIONS);
  const args = {
    client_id: `${slug}-${stableHex(slug, 8)}`,
    redirect_uri: `https://${slug}.${EMAIL_DOMAIN}/oauth2/callback`,
    response_type: 'code',
    scope: scopes,
    state: rng.hex(24),
  };
  const context = {
    authorized_application: modelRef('authentik_core', 'application', name, stableHex(`application:${slug}`, 32)),
    flow: stableHex('flow:default-provider-authorization-implicit-consent', 32),
    scopes,
    http_request: httpRequest(rng, 'GET', '/application/o/authorize/', args),
  };
  return {
    action: 'authorize_application',
    app: 'authentik.providers.oauth2.views.authorize',
    user: asAuthentikUser(user),
    context,
    address,
  };
}

function authorize(rng: Random): AuthentikDraft {
  const user = pickUser(rng);
  return authorizeApplication(rng, user, clientAddress(rng, user));
}

function userWrite(rng: Random): AuthentikDraft {
  const user = pickUser(rng);
  const context = {
    name: user.name,
    email: user.email,
    created: false,
    username: user.username,
    attributes: { settings: { locale: rng.pick(['en', 'de', 'cs', 'fr', 'es']) } },
    http_request: httpRequest(rng, 'POST', '/api/v3/flows/executor/default-user-settings-flow/'),
  };
  return {
    action: 'user_write',
    app: 'authentik.events.signals',
    user: asAuthentikUser(user),
    context,
    address: clientAddress(rng, user),
  };
}

/** The everyday mix: logins and application access dominate, admin changes and errors are rare. */
export const AUTHENTIK_ACTIONS: readonly (readonly [(rng: Random) => AuthentikDraft, number])[] = [
  [login, 24],
  [typoLogin, 6],
  [logout, 12],
  [authorize, 28],
  [userWrite, 3],
  [modelChange, 8],
  [secretView, 2],
  [passwordSet, 2],
  [emailSent, 2.5],
  [impersonation, 0.8],
  [invitationUsed, 0.5],
  [systemProblem, 1.2],
  [updateAvailable, 0.15],
];
