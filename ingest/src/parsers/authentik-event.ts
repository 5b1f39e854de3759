import {
  NOTIFICATION_SEVERITY,
  SYSLOG_LEVEL_NAMES,
  resolveAuthentikAction,
  type AuthentikActionSpec,
  type EcsCategory,
  type EcsType,
} from './authentik-actions.ts';
import { authentikChanges } from './authentik-changes.ts';
import { authentikAs, authentikGeo, authentikHttp } from './authentik-context.ts';
import { authentikMessage } from './authentik-message.ts';
import type { AuthentikRecord } from './authentik-shapes.ts';
import { authentikUsers, relatedUsers } from './authentik-users.ts';
import { asRecord, asString, toIsoTimestamp, withoutNulls, type EventDraft } from './event-builder.ts';

/** A notification body that does not name its event: all that is known is that a rule fired. */
const NOTIFICATION_ACTION = 'notification';
const NOTIFICATION_SPEC: AuthentikActionSpec = {
  category: [],
  type: ['info'],
  outcome: 'unknown',
  severity: 6,
  message: 'authentik notification',
};

/** authentik's `client_ip` when it could not determine one (ClientIPMiddleware.default_ip). */
const UNKNOWN_CLIENT_IP = '255.255.255.255';

/** Turns one authentik record, of any shape, into the parser's draft of a canonical event. */
export function authentikDraft(record: AuthentikRecord): EventDraft {
  const action = record.action ?? NOTIFICATION_ACTION;
  const resolved = record.action
    ? resolveAuthentikAction(record.action)
    : { spec: NOTIFICATION_SPEC, tags: ['authentik_notification_without_action'] };
  const spec = refineSpec(action, resolved.spec, record.context);
  const { context } = record;
  const user = authentikUsers(action, record.user, context);
  const ip = typeof record.clientIp === 'string' ? record.clientIp.trim() : '';
  const sourceIp = ip === '' || ip === UNKNOWN_CLIENT_IP ? undefined : ip;
  const severity = record.action ? spec.severity : (NOTIFICATION_SEVERITY[record.notification?.severity ?? ''] ?? 6);
  const message = record.action
    ? authentikMessage(spec, { action, actor: user?.name, target: user?.target?.name, ip: sourceIp }, context)
    : (record.notification?.body ?? spec.message);
  const tags = [...resolved.tags, ...(user?.effective ? ['authentik_impersonation'] : [])];

  return {
    '@timestamp': toIsoTimestamp(record.time),
    event: {
      id: eventId(record.id),
      action,
      kind: 'event',
      category: [...spec.category],
      type: [...spec.type],
      outcome: spec.outcome,
      severity,
      reason: eventReason(spec, context),
      provider: asString(record.vendor.app),
      original: record.original,
    },
    message,
    log: { level: SYSLOG_LEVEL_NAMES[severity] },
    user,
    source: {
      ip: sourceIp,
      geo: authentikGeo(context.geo),
      as: authentikAs(context.asn),
    },
    ...authentikHttp(context.http_request, record.requestId),
    observer: { vendor: 'authentik', product: 'authentik', hostname: record.observerHostname },
    related: { ip: sourceIp ? [sourceIp] : undefined, user: relatedUsers(user) },
    tags: tags.length > 0 ? tags : undefined,
    authentik: withoutNulls({
      shape: record.shape,
      ...record.vendor,
      changes: authentikChanges(context.diff),
    }) as Record<string, unknown>,
  };
}

/**
 * Context that sharpens the table's categorization: a user_write that created the user, a policy
 * execution's result, a model event about a core user or group.
 */
function refineSpec(action: string, spec: AuthentikActionSpec, context: Record<string, unknown>): AuthentikActionSpec {
  if (action === 'user_write' && context.created === true) return { ...spec, type: ['user', 'creation'] };
  const passing = asRecord(context.result)?.passing;
  if (action === 'policy_execution' && typeof passing === 'boolean') {
    return { ...spec, type: ['info', passing ? 'allowed' : 'denied'], outcome: passing ? 'success' : 'failure' };
  }
  const model = asRecord(context.model);
  const iamType = model?.app === 'authentik_core' ? IAM_MODEL_TYPES[asString(model.model_name) ?? ''] : undefined;
  if (action.startsWith('model_') && iamType) {
    return { ...spec, category: [...spec.category, 'iam' as EcsCategory], type: [...spec.type, iamType] };
  }
  return spec;
}

const IAM_MODEL_TYPES: Record<string, EcsType> = { user: 'user', group: 'group' };

function eventReason(spec: AuthentikActionSpec, context: Record<string, unknown>): string | undefined {
  return asString(context.logout_reason) ?? (spec.outcome === 'failure' ? asString(context.message) : undefined);
}

/** authentik's pk is a UUID, dashed in the API and hex in context dicts; the id is always dashed. */
function eventId(value: unknown): string | undefined {
  const id = asString(value)?.toLowerCase();
  if (id && /^[0-9a-f]{32}$/.test(id)) {
    return `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
  }
  return id;
}
