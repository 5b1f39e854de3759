import type { EngineReader } from './engine-reader.ts';

/**
 * The leaf paths the event indices map (declared fields and the vendor leaves mapped so far), read
 * from the engine and kept for a minute: the field sidebar asks on every search.
 */

const TTL_MS = 60_000;
const cache = new WeakMap<EngineReader, Map<string, { at: number; fields: Promise<Set<string>> }>>();

type Properties = Record<string, { type?: string; properties?: Properties }>;

function collect(properties: Properties, prefix: string, into: Set<string>): void {
  for (const [name, mapping] of Object.entries(properties)) {
    const path = prefix ? `${prefix}.${name}` : name;
    if (mapping.properties) collect(mapping.properties, path, into);
    else if (mapping.type && mapping.type !== 'object') into.add(path);
  }
}

async function readMapping(reader: EngineReader, pattern: string): Promise<Set<string>> {
  const body = await reader.request<Record<string, { mappings?: { properties?: Properties } }>>({
    method: 'GET',
    path: `/${pattern}/_mapping`,
    querystring: { ignore_unavailable: true, allow_no_indices: true },
  });
  const fields = new Set<string>();
  for (const index of Object.values(body)) collect(index.mappings?.properties ?? {}, '', fields);
  return fields;
}

export function mappedFields(reader: EngineReader, pattern: string, now = Date.now()): Promise<Set<string>> {
  const perReader = cache.get(reader) ?? new Map<string, { at: number; fields: Promise<Set<string>> }>();
  cache.set(reader, perReader);
  const cached = perReader.get(pattern);
  if (cached && now - cached.at < TTL_MS) return cached.fields;
  const fields = readMapping(reader, pattern);
  perReader.set(pattern, { at: now, fields });
  // A failed read is not remembered: the next call asks again.
  fields.catch(() => perReader.delete(pattern));
  return fields;
}
