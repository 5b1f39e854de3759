import { asRecord } from './event-builder.ts';

/**
 * One changed field of a `model_created|updated|deleted` event, from authentik's enterprise audit
 * `context.diff` (authentik/enterprise/audit/middleware.py). Stored as `authentik.changes`, a list
 * so that every field change is one searchable entry with the field name as a value
 * (`authentik.changes.field:email`) rather than a key that varies per model.
 *
 * - A plain field: `{field, old?, new?}` from `{previous_value, new_value}`. A missing `old` means the
 *   field was null or unset before (always so on creation); a missing `new` means it is null now.
 *   Values are as authentik sanitised them (secrets stay `"********************"`), as text (objects
 *   and numbers as their JSON) so that one field keeps one type in every store's mapping.
 * - A many-to-many field: `{field, added?, removed?, cleared?}` from `{add: [...]}`, `{remove: [...]}`,
 *   `{clear: true}`. The lists hold primary keys, or whole serialised objects when the
 *   `AuditIncludeExpandedDiff` flag is on.
 *
 * Entries of any other form are left out here; the original `context.diff` is kept beside it.
 */
export type AuthentikFieldChange =
  | { field: string; old?: string; new?: string }
  | { field: string; added?: string[]; removed?: string[]; cleared?: true };

export function authentikChanges(diff: unknown): AuthentikFieldChange[] | undefined {
  const fields = asRecord(diff);
  if (!fields) return undefined;
  const changes: AuthentikFieldChange[] = [];
  for (const [field, value] of Object.entries(fields)) {
    const change = fieldChange(field, asRecord(value));
    if (change) changes.push(change);
  }
  return changes.length > 0 ? changes : undefined;
}

function fieldChange(field: string, value: Record<string, unknown> | undefined): AuthentikFieldChange | undefined {
  if (!value) return undefined;
  if ('previous_value' in value || 'new_value' in value) {
    return { field, old: present(value.previous_value), new: present(value.new_value) };
  }
  if ('add' in value || 'remove' in value || 'clear' in value) {
    return {
      field,
      added: asList(value.add),
      removed: asList(value.remove),
      cleared: value.clear === true ? true : undefined,
    };
  }
  return undefined;
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function present(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : asText(value);
}

/** authentik serialises the m2m pk set as a list; a lone value is wrapped for one shape. */
function asList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  return (Array.isArray(value) ? value : [value]).map(asText);
}
