/**
 * Reading events by dotted field names (`source.geo.country_iso_code`), the names the query
 * language, the columns and the field sidebar use.
 */
export type Scalar = string | number | boolean;

export function valueAt(document: unknown, path: string): unknown {
  let current: unknown = document;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) {
      // `@timestamp` and vendor keys with dots are looked up whole before giving up.
      return undefined;
    }
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/**
 * Every leaf as `[path, value]` in document order. Arrays of scalars stay one entry (a field with
 * several values); arrays of objects are indexed (`authentik.changes.0.field`) so each leaf is
 * addressable, and searching `authentik.changes.field:x` still works on the unindexed name.
 */
export function flattenEvent(document: unknown, prefix = ''): [string, unknown][] {
  if (document === null || typeof document !== 'object') return prefix ? [[prefix, document]] : [];
  if (Array.isArray(document)) {
    if (document.every((item) => item === null || typeof item !== 'object')) return [[prefix, document]];
    return document.flatMap((item, index) => flattenEvent(item, `${prefix}.${index}`));
  }
  const entries = Object.entries(document as Record<string, unknown>);
  if (entries.length === 0) return prefix ? [[prefix, {}]] : [];
  return entries.flatMap(([key, value]) => flattenEvent(value, prefix ? `${prefix}.${key}` : key));
}

/** The searchable name of a flattened path: array indexes dropped (`a.0.b` -> `a.b`). */
export function searchableName(path: string): string {
  return path
    .split('.')
    .filter((segment) => !/^\d+$/.test(segment))
    .join('.');
}

export function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** One line of text for a table cell or a copy button. */
export function displayValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (isScalar(value)) return String(value);
  if (Array.isArray(value) && value.every(isScalar)) return value.join(', ');
  return JSON.stringify(value);
}
