import { EVENT_FIELDS, type CatalogField } from '@vigil/schemas';
import type { FieldCount } from './event-search.ts';

const MAX_DEPTH = 16;
const declared = new Map<string, CatalogField>(EVENT_FIELDS.map((f) => [f.path, f]));

function typeOfValue(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? 'long' : 'double';
  if (typeof value === 'boolean') return 'boolean';
  return 'keyword';
}

/**
 * Counts, over a sample of documents, which field paths occur and with what type. Declared fields
 * keep their declared type; vendor JSON leaves are typed by their values.
 */
export function countFields(docs: Iterable<Record<string, unknown>>): FieldCount[] {
  const counts = new Map<string, FieldCount>();
  const seen = new Set<string>();
  const visit = (value: unknown, path: string, depth: number): void => {
    const field = declared.get(path);
    const isLeaf = field?.kind === 'geo_point' || value === null || typeof value !== 'object' || Array.isArray(value);
    if (isLeaf || depth > MAX_DEPTH) {
      if (seen.has(path)) return;
      seen.add(path);
      const type = field?.kind ?? typeOfValue(Array.isArray(value) ? value[0] : value);
      const entry = counts.get(path) ?? { name: path, type, count: 0, indexed: field?.column === true };
      entry.count++;
      counts.set(path, entry);
      return;
    }
    for (const [key, child] of Object.entries(value as Record<string, unknown>))
      visit(child, path ? `${path}.${key}` : key, depth + 1);
  };
  for (const doc of docs) {
    seen.clear();
    visit(doc, '', 0);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}
