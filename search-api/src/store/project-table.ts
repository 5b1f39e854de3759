import type { StoredEvent, Table } from '@vigil/schemas';

/** `| fields` turns hits into a table of the chosen columns, as Splunk shows it; the same in every store. */
export function projectTable(hits: readonly StoredEvent[], fields: readonly string[]): Table {
  const columns = ['@timestamp', ...fields.filter((f) => f !== '@timestamp'), 'id'];
  return { columns, rows: hits.map((hit) => columns.map((c) => valueAtPath(hit, c))) };
}

function valueAtPath(event: StoredEvent, path: string): string | number | null {
  let value: unknown = event;
  for (const part of path.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  return JSON.stringify(value);
}
