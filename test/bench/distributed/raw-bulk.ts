import type { IndexedEvent } from '@vigil/ingest';

/** The same bulk shape the engine sink sends: 1000 documents a request, `_id` = the document id. */
const DOCS_PER_REQUEST = 1000;

export function bulkBodies(events: readonly IndexedEvent[], prefix: string): string[] {
  const bodies: string[] = [];
  for (let start = 0; start < events.length; start += DOCS_PER_REQUEST) {
    const lines: string[] = [];
    for (const { id, event } of events.slice(start, start + DOCS_PER_REQUEST)) {
      lines.push(JSON.stringify({ index: { _index: `${prefix}-events-${event.event.module}`, _id: id } }));
      lines.push(JSON.stringify(event));
    }
    bodies.push(`${lines.join('\n')}\n`);
  }
  return bodies;
}

export interface BulkFigures {
  docs: number;
  refused: number;
  seconds: number;
}

/**
 * Pre-built bodies straight to `_bulk`, `concurrency` requests in flight (as many as the worker
 * writes at once), then a refresh so the documents are searchable, as at the end of the pipeline run.
 */
export async function rawBulk(url: string, bodies: readonly string[], concurrency: number): Promise<BulkFigures> {
  let next = 0;
  let docs = 0;
  let refused = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let body = bodies[next++]; body !== undefined; body = bodies[next++]) {
        const response = await fetch(`${url}/_bulk`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-ndjson' },
          body,
        });
        if (!response.ok) throw new Error(`bulk failed: ${response.status} ${await response.text()}`);
        const answer = (await response.json()) as { items: Record<string, { status: number }>[] };
        for (const item of answer.items) {
          const status = Object.values(item)[0]?.status ?? 500;
          if (status < 300) docs++;
          else refused++;
        }
      }
    }),
  );
  await fetch(`${url}/_refresh`, { method: 'POST' });
  return { docs, refused, seconds: (performance.now() - started) / 1000 };
}

/** Deletes every index and template of a prefix, so each phase starts from the same empty engine. */
export async function dropPrefix(url: string, prefix: string): Promise<void> {
  await fetch(`${url}/${prefix}-*?expand_wildcards=all`, { method: 'DELETE' });
  await fetch(`${url}/_index_template/${prefix}-*`, { method: 'DELETE' });
}

export async function countDocs(url: string, prefix: string): Promise<number> {
  await fetch(`${url}/_refresh`, { method: 'POST' });
  const response = await fetch(`${url}/${prefix}-events-*/_count`);
  return ((await response.json()) as { count: number }).count;
}
