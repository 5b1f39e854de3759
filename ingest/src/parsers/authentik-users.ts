import type { CanonicalEvent } from '@vigil/schemas';
import { asRecord, asString } from './event-builder.ts';

type EcsUser = NonNullable<CanonicalEvent['user']>;
type UserRef = NonNullable<EcsUser['target']>;

/** authentik's stand-in actor when nobody is logged in (guardian's anonymous user). */
export const ANONYMOUS_USERNAME = 'AnonymousUser';

function userRef(value: unknown): UserRef | undefined {
  const user = asRecord(value);
  if (!user) return undefined;
  const ref = { id: asString(user.pk), name: asString(user.username), email: asString(user.email) };
  return (ref.id ?? ref.name ?? ref.email) ? ref : undefined;
}

/**
 * ECS users from authentik's event user dict and context:
 *
 * - `user.*` is the acting user (`pk` -> id, `username` -> name, `email` -> email). While a flow has
 *   identified a pending user, authentik records that user and puts the real, anonymous session under
 *   `authenticated_as`; that stays in `authentik.user` only.
 * - login_failed: the actor is usually AnonymousUser, and the name that was tried is
 *   `context.username`. `user.name` is the attempted name, so failed logins group by the account
 *   under attack; id/email are kept only when the recorded user is that same account.
 * - Impersonation: authentik records the impersonator as the user and the impersonated user as
 *   `on_behalf_of`. Whose privileges are in use is ECS `user.effective`; for impersonation_started
 *   and impersonation_ended the impersonated user is also the one acted on, `user.target`.
 * - user_write: the written user is `context.username`/`context.email`; model_* on a core user: the
 *   model dict (`name` is the username).
 */
export function authentikUsers(
  action: string,
  user: Record<string, unknown>,
  context: Record<string, unknown>,
): EcsUser | undefined {
  const actor = userRef(user);
  const effective = userRef(user.on_behalf_of);
  const acting = action === 'login_failed' ? attemptedUser(actor, context.username) : actor;
  const target = action.startsWith('impersonation_') ? effective : targetFromContext(action, context);
  if (!acting && !effective && !target) return undefined;
  return { ...acting, effective, target };
}

function attemptedUser(actor: UserRef | undefined, username: unknown): UserRef | undefined {
  const attempted = asString(username);
  if (attempted === undefined || actor?.name === attempted) return actor;
  return { name: attempted };
}

function targetFromContext(action: string, context: Record<string, unknown>): UserRef | undefined {
  if (action === 'user_write') {
    const name = asString(context.username);
    const email = asString(context.email);
    return (name ?? email) ? { name, email } : undefined;
  }
  if (action.startsWith('model_')) {
    const model = asRecord(context.model);
    if (model?.app === 'authentik_core' && model.model_name === 'user') {
      return { id: asString(model.pk), name: asString(model.name) };
    }
  }
  return undefined;
}

/** Everyone named in the event, for `related.user`; the anonymous stand-in is nobody. */
export function relatedUsers(user: EcsUser | undefined): string[] | undefined {
  const names = [user?.name, user?.effective?.name, user?.target?.name].filter(
    (name): name is string => name !== undefined && name !== ANONYMOUS_USERNAME,
  );
  return names.length > 0 ? [...new Set(names)] : undefined;
}
