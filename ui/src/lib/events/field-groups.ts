import { flattenEvent } from './field-path.ts';

/**
 * The event page shows fields in groups an analyst reads top to bottom: what happened, who, from
 * where, then the vendor's own fields and the rest. A field belongs to the first group whose prefix
 * matches it.
 */
export interface FieldGroup {
  id: string;
  title: string;
  fields: { path: string; value: unknown }[];
}

interface GroupRule {
  id: string;
  title: string;
  prefixes: readonly string[];
}

const VENDORS = ['authentik', 'privx', 'keeper', 'akeyless', 'czertainly', 'generic'];

const RULES: readonly GroupRule[] = [
  { id: 'event', title: 'Event', prefixes: ['@timestamp', 'event', 'message', 'log', 'tags', 'labels'] },
  { id: 'user', title: 'User', prefixes: ['user', 'related.user'] },
  { id: 'source', title: 'Source, geo and ASN', prefixes: ['source', 'destination', 'related.ip'] },
  {
    id: 'network',
    title: 'Host, service and request',
    prefixes: ['host', 'service', 'observer', 'http', 'url', 'user_agent', 'related'],
  },
  ...VENDORS.map((vendor) => ({ id: vendor, title: `Vendor fields (${vendor})`, prefixes: [vendor] })),
];

/** Shown in their own panels, not among the fields. */
const SHOWN_ELSEWHERE = new Set(['id', 'event.original']);

function matches(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`);
}

export function groupFields(event: Record<string, unknown>): FieldGroup[] {
  const groups = new Map<string, FieldGroup>();
  const other: FieldGroup = { id: 'other', title: 'Other fields', fields: [] };
  for (const [path, value] of flattenEvent(event)) {
    if (SHOWN_ELSEWHERE.has(path)) continue;
    const rule = RULES.find((candidate) => candidate.prefixes.some((prefix) => matches(path, prefix)));
    if (!rule) {
      other.fields.push({ path, value });
      continue;
    }
    const group = groups.get(rule.id) ?? { id: rule.id, title: rule.title, fields: [] };
    group.fields.push({ path, value });
    groups.set(rule.id, group);
  }
  const ordered = RULES.flatMap((rule) => {
    const group = groups.get(rule.id);
    return group ? [group] : [];
  });
  return other.fields.length > 0 ? [...ordered, other] : ordered;
}

/** `event.original` pretty-printed when it is JSON, as sent otherwise. */
export function prettyOriginal(original: string | undefined): string | undefined {
  if (original === undefined) return undefined;
  try {
    return JSON.stringify(JSON.parse(original), null, 2);
  } catch {
    return original;
  }
}
