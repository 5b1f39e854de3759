import { asRecord, type EventDraft } from './event-builder.ts';
import { draftFromFields, setField, text, type EcsFieldPath, type EcsFields } from './generic-fields.ts';
import {
  ECS_CATEGORIES,
  ECS_TYPES,
  JSON_FIELD_KEYS,
  TARGET_USER_KEYS,
  UNIQUE_ID_KEYS,
  USER_KEYS,
  USER_OBJECT_KEYS,
  WRAPPER_KEYS,
} from './generic-json-keys.ts';

/**
 * How deep the vendor JSON kept under `generic` may nest. Anything deeper becomes one string of its
 * keys and values (still searchable; the record itself stays whole in event.original). 20 is the
 * default depth_limit of an Elasticsearch `flattened` field, and it keeps every walk over the event
 * (ours, dropUndefined, serializers) far from the stack limit however deep the input nests.
 */
export const MAX_GENERIC_DEPTH = 20;
/** How much text a truncated subtree keeps. */
const MAX_FLATTENED_LENGTH = 32 * 1024;

/** The action of a JSON record that names none. */
export const DEFAULT_JSON_ACTION = 'generic_event';

export interface JsonReading {
  fields: EcsFields;
  category: string[];
  type: string[];
  tags: string[];
}

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[_\-\s]/g, '');
}

const keyIndexes = new WeakMap<object, Map<string, string>>();

/** Normalized key → the object's own key; the first key wins when two normalize alike. */
function keyIndex(record: Record<string, unknown>): Map<string, string> {
  let index = keyIndexes.get(record);
  if (!index) {
    index = new Map();
    for (const key of Object.keys(record)) if (!index.has(normalizeKey(key))) index.set(normalizeKey(key), key);
    keyIndexes.set(record, index);
  }
  return index;
}

function child(record: Record<string, unknown>, normalizedKey: string): unknown {
  const key = keyIndex(record).get(normalizedKey);
  return key === undefined ? undefined : record[key];
}

/** The value at a candidate path: a literal (possibly dotted) key first, then the nested path. */
export function lookup(record: Record<string, unknown>, candidate: string): unknown {
  const normalized = normalizeKey(candidate);
  const literal = child(record, normalized);
  if (literal !== undefined || !normalized.includes('.')) return literal;
  let current: unknown = record;
  for (const segment of normalized.split('.')) {
    const object = asRecord(current);
    if (!object) return undefined;
    current = child(object, segment);
  }
  return current;
}

/** Best-effort ECS fields of any JSON object, and of the objects it wraps the event in. */
export function readJsonFields(record: Record<string, unknown>): JsonReading {
  const fields = readLevel(record);
  for (const key of WRAPPER_KEYS) {
    const inner = asRecord(lookup(record, key));
    if (!inner) continue;
    for (const [path, value] of Object.entries(readLevel(inner)) as [EcsFieldPath, string | number][]) {
      fields[path] ??= value;
    }
  }
  if (fields.message === undefined && fields['event.action'] !== undefined) fields.message = summary(fields);
  return {
    fields,
    category: allowedValues(lookup(record, 'event.category'), ECS_CATEGORIES),
    type: allowedValues(lookup(record, 'event.type'), ECS_TYPES),
    tags: allowedValues(lookup(record, 'tags')),
  };
}

function readLevel(record: Record<string, unknown>): EcsFields {
  const fields: EcsFields = {};
  readUser(record, USER_KEYS, 'user', fields);
  readUser(record, TARGET_USER_KEYS, 'user.target', fields);
  for (const [path, candidates] of Object.entries(JSON_FIELD_KEYS) as [EcsFieldPath, readonly string[]][]) {
    for (const candidate of candidates) {
      const value = lookup(record, candidate);
      if (path === 'event.id' && isSmallNumber(value)) {
        // Windows and many appliances call their numeric event type "EventID"; that is a code.
        setField(fields, 'event.code', value);
      } else if (setField(fields, path, value)) {
        break;
      }
    }
  }
  readUniqueId(record, fields);
  return fields;
}

function isSmallNumber(value: unknown): boolean {
  return (typeof value === 'number' || typeof value === 'string') && /^\d{1,6}$/.test(String(value));
}

/** The actor (or target): a plain name, or an object with name / email / id inside. */
function readUser(
  record: Record<string, unknown>,
  keys: readonly string[],
  prefix: 'user' | 'user.target',
  fields: EcsFields,
): void {
  for (const key of keys) {
    const value = lookup(record, key);
    const object = asRecord(value);
    if (!object) {
      if (setField(fields, `${prefix}.name`, value)) return;
      continue;
    }
    const found = (['name', 'email', 'id'] as const).map((part) =>
      USER_OBJECT_KEYS[part].some((inner) => setField(fields, `${prefix}.${part}`, lookup(object, inner))),
    );
    if (!found[0] && found[1]) setField(fields, `${prefix}.name`, fields[`${prefix}.email`]);
    if (found.some(Boolean)) return;
  }
}

const GLOBALLY_UNIQUE =
  /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-hjkmnp-tv-z]{26}|[0-9a-f]{24,64})$/i;

function readUniqueId(record: Record<string, unknown>, fields: EcsFields): void {
  for (const key of UNIQUE_ID_KEYS) {
    const value = lookup(record, key);
    if (typeof value === 'string' && GLOBALLY_UNIQUE.test(value) && setField(fields, 'event.id', value)) return;
  }
}

/** A one-line message for records without one: `login by alice from 10.0.0.1`. */
function summary(fields: EcsFields): string {
  const user = fields['user.name'] ?? fields['user.email'];
  const ip = fields['source.ip'] ?? fields['source.address'];
  return [fields['event.action'], user === undefined ? '' : ` by ${user}`, ip === undefined ? '' : ` from ${ip}`].join(
    '',
  );
}

function allowedValues(value: unknown, allowed?: ReadonlySet<string>): string[] {
  const values = Array.isArray(value) ? value : [value];
  return values
    .map((item) => text(item))
    .filter((item): item is string => item !== undefined && (allowed === undefined || allowed.has(item)));
}

/** The event for a JSON object record. The whole object (depth-limited) goes under `generic`. */
export function jsonEventDraft(record: Record<string, unknown>, original?: string): EventDraft {
  const reading = readJsonFields(record);
  const kept = limitDepth(record, MAX_GENERIC_DEPTH);
  return draftFromFields(reading.fields, {
    defaultAction: DEFAULT_JSON_ACTION,
    dataset: 'generic.json',
    category: reading.category,
    type: reading.type,
    tags: kept.truncated ? [...reading.tags, 'generic_depth_truncated'] : reading.tags,
    generic: asRecord(kept.value),
    original,
  });
}

/**
 * A copy of `value` at most `maxDepth` objects/arrays deep, without nulls (the canonical event has
 * none). The recursion is bounded by maxDepth; deeper subtrees are flattened without recursion.
 */
export function limitDepth(value: unknown, maxDepth: number): { value: unknown; truncated: boolean } {
  const state = { truncated: false };
  return { value: copyWithin(value, maxDepth, state), truncated: state.truncated };
}

function copyWithin(value: unknown, depthLeft: number, state: { truncated: boolean }): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depthLeft === 0) {
    state.truncated = true;
    return flattenText(value);
  }
  if (Array.isArray(value)) {
    return value.filter((item) => item !== null).map((item) => copyWithin(item, depthLeft - 1, state));
  }
  const entries = Object.entries(value).filter(([, item]) => item !== null && item !== undefined);
  // fromEntries keeps a `__proto__` key as an ordinary property.
  return Object.fromEntries(entries.map(([key, item]) => [key, copyWithin(item, depthLeft - 1, state)]));
}

/** Keys and values of a subtree as one space-separated string, walked with an explicit stack. */
function flattenText(root: object): string {
  const parts: string[] = [];
  const stack: unknown[] = [root];
  let length = 0;
  while (stack.length > 0 && length < MAX_FLATTENED_LENGTH) {
    const item = stack.pop();
    if (item === null || item === undefined) continue;
    if (typeof item !== 'object') {
      const part = String(item);
      parts.push(part);
      length += part.length + 1;
      continue;
    }
    const entries = Array.isArray(item) ? item.map((element) => [undefined, element]) : Object.entries(item);
    for (const [key, element] of entries.reverse()) stack.push(element, ...(key === undefined ? [] : [key]));
  }
  return parts.join(' ').slice(0, MAX_FLATTENED_LENGTH);
}
