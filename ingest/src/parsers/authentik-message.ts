import type { AuthentikActionSpec } from './authentik-actions.ts';
import { asRecord, asString } from './event-builder.ts';

export interface MessageSubjects {
  action: string;
  actor?: string;
  target?: string;
  ip?: string;
}

/**
 * Renders an action's message template (see AuthentikActionSpec.message). authentik's own sentence
 * (`context.message`, or a logout's `logout_reason`) is appended, or replaces the template where the
 * table says it says it all.
 */
export function authentikMessage(
  spec: AuthentikActionSpec,
  subjects: MessageSubjects,
  context: Record<string, unknown>,
): string {
  const object = spec.objectKey === undefined ? undefined : context[spec.objectKey];
  const values: Record<string, string> = {
    action: subjects.action,
    actor: subjects.actor ?? 'an unknown user',
    target: subjects.target ?? 'an unknown user',
    ip: subjects.ip ?? 'an unknown address',
    object: describeObject(object) ?? '(unknown)',
    kind: asString(asRecord(object)?.model_name) ?? 'object',
    version: asString(context.new_version) ?? 'a new version',
  };
  const text = spec.message.replace(/\{(\w+)\}/g, (placeholder, name: string) => values[name] ?? placeholder);
  const detail = asString(context.message)?.trim() || asString(context.logout_reason);
  if (!detail) return text;
  return spec.detail === 'replace' ? detail : `${text}: ${detail}`;
}

/** A sanitised model dict by its name, a list (email recipients) joined, a plain value as is. */
function describeObject(value: unknown): string | undefined {
  const model = asRecord(value);
  if (model) return asString(model.name) ?? asString(model.pk);
  if (Array.isArray(value)) {
    const items = value.map((item) => asString(item)).filter((item) => item !== undefined);
    return items.length > 0 ? items.join(', ') : undefined;
  }
  return asString(value);
}
