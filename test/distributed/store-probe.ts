/**
 * Straight questions to the engine, past the API, so the test counts what is stored rather than
 * what the search layer makes of it. The index pattern is the store's naming (prefix `vigil`).
 */
export const EVENTS_PATTERN = 'vigil-events-*';

async function engineSearch(url: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${url}/${EVENTS_PATTERN}/_search`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`engine search failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

export async function countEvents(url: string): Promise<number> {
  const response = await fetch(`${url}/${EVENTS_PATTERN}/_count`);
  if (!response.ok) throw new Error(`engine count failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { count: number }).count;
}

/** Documents per value of a keyword field, every value (not only the top ones). */
export async function countByField(url: string, field: string): Promise<Record<string, number>> {
  const answer = await engineSearch(url, {
    size: 0,
    track_total_hits: true,
    aggs: { values: { terms: { field, size: 10_000 } } },
  });
  const buckets = (answer.aggregations as { values: { buckets: { key: string; doc_count: number }[] } }).values.buckets;
  return Object.fromEntries(buckets.map((b) => [b.key, b.doc_count]));
}
