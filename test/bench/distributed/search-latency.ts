import type { EngineKind } from '@vigil/schemas';
import { connectEngineReader, EngineEventSearch, parseQuery, type EngineReader } from '@vigil/search-api';

/** The embedded benchmark's queries: newest hits of free text, text + field, a timechart, top terms. */
export const QUERIES = [
  'login',
  'failed AND event.module:authentik',
  '| timechart span=1h count',
  '| top 10 user.name',
];

export interface Latency {
  p50: number;
  p99: number;
  /** Runs that failed (the API's 503 when the engine did not answer); left out of the percentiles. */
  errors: number;
}

function percentiles(samples: number[], errors: number): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), errors };
}

/**
 * Five warm-up runs first. Right after a bulk load the engine is still merging segments on these
 * two cores and a cold first query can outlast the API's engine timeout (503); the warm-up waits
 * that out (up to a minute) so the figures are the steady state, not the first query.
 */
async function measure(runs: number, once: () => Promise<void>): Promise<Latency> {
  const warmUntil = Date.now() + 60_000;
  for (let warm = 0; warm < 5;) {
    try {
      await once();
      warm++;
    } catch (error) {
      if (Date.now() > warmUntil) throw error;
      await new Promise((r) => setTimeout(r, 2_000));
    }
  }
  const samples: number[] = [];
  let errors = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    try {
      await once();
      samples.push(performance.now() - started);
    } catch (error) {
      errors++;
      if (errors === 1) console.log(`  (failed run: ${(error as Error).message.slice(0, 200)})`);
    }
  }
  return percentiles(samples, errors);
}

interface EngineSearchCall {
  path: string;
  querystring: string;
  body: Record<string, unknown>;
}

/**
 * The engine requests the search API makes for `query`, captured by running the API's own engine
 * search once over a recording reader. A point-in-time page becomes a plain search of the same
 * query and sort (the PIT is the API's paging, not part of the question).
 */
async function engineCalls(kind: EngineKind, url: string, prefix: string, query: string, window: Window) {
  const calls: EngineSearchCall[] = [];
  const inner = connectEngineReader(kind, { node: url });
  const recorder: EngineReader = {
    kind,
    close: () => inner.close(),
    request(request) {
      if (request.path.endsWith('/_search') && request.body) {
        const { pit, sort, ...body } = request.body as { pit?: unknown; sort?: unknown[] };
        const plain = pit ? { ...body, ...(sort ? { sort: sort.slice(0, -1) } : {}) } : { ...body, sort };
        calls.push({
          path: pit ? `/${prefix}-events-*/_search` : request.path,
          querystring: new URLSearchParams(
            Object.entries(request.querystring ?? {}).map(([k, v]): [string, string] => [k, String(v)]),
          ).toString(),
          body: plain,
        });
      }
      return inner.request(request);
    },
  };
  const search = new EngineEventSearch(recorder, { prefix });
  await search.search({ ast: parseQuery(query), fromMs: window.fromMs, toMs: window.toMs, size: 100 });
  await search.close();
  return calls;
}

export interface Window {
  fromMs: number;
  toMs: number;
}

export interface LatencyRow {
  query: string;
  api: Latency;
  engine: Latency;
}

/** Each query through the search API over HTTP, and its captured engine requests sent straight. */
export async function searchLatency(
  options: { kind: EngineKind; engineUrl: string; apiUrl: string; prefix: string; runs: number },
  window: Window,
): Promise<LatencyRow[]> {
  const rows: LatencyRow[] = [];
  for (const query of QUERIES) {
    const params = new URLSearchParams({
      q: query,
      from: new Date(window.fromMs).toISOString(),
      to: new Date(window.toMs).toISOString(),
      size: '100',
    });
    const api = await measure(options.runs, async () => {
      const response = await fetch(`${options.apiUrl}/api/v1/search?${params}`);
      if (!response.ok) throw new Error(`api ${query}: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    });
    const calls = await engineCalls(options.kind, options.engineUrl, options.prefix, query, window);
    const engine = await measure(options.runs, async () => {
      for (const call of calls) {
        const response = await fetch(`${options.engineUrl}${call.path}?${call.querystring}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(call.body),
        });
        if (!response.ok) throw new Error(`engine ${query}: ${response.status} ${await response.text()}`);
        await response.arrayBuffer();
      }
    });
    rows.push({ query, api, engine });
  }
  return rows;
}
