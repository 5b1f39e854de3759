import type { EngineJson } from '@vigil/schemas';
import {
  EngineRequestError,
  EngineUnavailableError,
  type BulkItemResult,
  type EngineCall,
  type EngineRequest,
  type EngineResponse,
} from './engine-client.ts';

/** The REST calls both engines share, over whichever library client is behind `call`. */

const SCAN_PAGE = 1000;
/** Deleting a whole source's history may take long; a timeout here would only repeat the work. */
const DELETE_TIMEOUT_MS = 10 * 60_000;

/** `{error: {type, reason}}`, or `{error: "text"}` for requests the engine has no handler for. */
export function errorOf(body: unknown): { type: string; reason: string } {
  const error = (body as { error?: unknown } | null)?.error;
  if (typeof error === 'string') return { type: 'error', reason: error };
  if (error && typeof error === 'object') {
    const { type, reason } = error as { type?: unknown; reason?: unknown };
    return { type: String(type ?? 'error'), reason: String(reason ?? JSON.stringify(error)) };
  }
  return { type: 'error', reason: body === undefined || body === '' ? 'no details' : JSON.stringify(body) };
}

export function isUnavailableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Throws for anything but 2xx (and the `allowed` statuses); answers the body. */
export function checkedResponse(response: EngineResponse, allowed: readonly number[] = []): unknown {
  const { status, body } = response;
  if ((status >= 200 && status < 300) || allowed.includes(status)) return body;
  const { type, reason } = errorOf(body);
  if (isUnavailableStatus(status))
    throw new EngineUnavailableError(`engine answered ${status} ${type}: ${reason}`, status);
  throw new EngineRequestError(status, type, reason);
}

export async function checked(call: EngineCall, request: EngineRequest, allowed: readonly number[] = []) {
  return checkedResponse(await call(request), allowed);
}

export async function bulkWith(call: EngineCall, lines: unknown[]): Promise<BulkItemResult[]> {
  const body = (await checked(call, { method: 'POST', path: '/_bulk', lines })) as {
    items?: Record<string, { status: number; error?: unknown }>[];
  };
  return (body.items ?? []).map((item) => {
    const result = Object.values(item)[0] ?? { status: 500, error: { type: 'missing', reason: 'no item result' } };
    return result.error === undefined ? { status: result.status } : { status: result.status, error: errorOf(result) };
  });
}

export async function putIndexTemplateWith(call: EngineCall, name: string, body: EngineJson): Promise<void> {
  await checked(call, { method: 'PUT', path: `/_index_template/${encodeURIComponent(name)}`, body });
}

export async function createIndexWith(call: EngineCall, name: string, body: EngineJson): Promise<boolean> {
  const response = await call({ method: 'PUT', path: `/${encodeURIComponent(name)}`, body });
  // Another replica may have created it first, or the name is already taken by an alias.
  if (response.status === 400 && /already.exists/i.test(Object.values(errorOf(response.body)).join(' '))) return false;
  checkedResponse(response);
  return true;
}

export async function refreshWith(call: EngineCall, index: string): Promise<void> {
  await checked(call, {
    method: 'POST',
    path: `/${index}/_refresh`,
    querystring: { ignore_unavailable: true, allow_no_indices: true },
  });
}

const searchOptions = { ignore_unavailable: true, allow_no_indices: true } as const;

export async function deleteByQueryWith(call: EngineCall, index: string, query: EngineJson): Promise<number> {
  const body = (await checked(call, {
    method: 'POST',
    path: `/${index}/_delete_by_query`,
    querystring: { ...searchOptions, conflicts: 'proceed', refresh: true, slices: 'auto' },
    body: { query },
    timeoutMs: DELETE_TIMEOUT_MS,
  })) as { deleted?: number };
  return body.deleted ?? 0;
}

interface ScanPage {
  _scroll_id?: string;
  hits: { hits: { _index: string; _id: string }[] };
}

/**
 * Delete-by-query for builds without the reindex module (the Elasticsearch integ-test build): a
 * scroll over the matching ids, deleted in bulk pages. A scroll is a point-in-time view, so deleting
 * while reading neither skips nor repeats.
 */
export async function deleteByScanWith(call: EngineCall, index: string, query: EngineJson): Promise<number> {
  let page = (await checked(call, {
    method: 'POST',
    path: `/${index}/_search`,
    querystring: { ...searchOptions, scroll: '1m' },
    body: { query, size: SCAN_PAGE, _source: false, sort: ['_doc'] },
  })) as ScanPage;
  let deleted = 0;
  try {
    while (page.hits.hits.length > 0) {
      const lines = page.hits.hits.map((hit) => ({ delete: { _index: hit._index, _id: hit._id } }));
      const results = await bulkWith(call, lines);
      deleted += results.filter((r) => r.status === 200).length;
      page = (await checked(call, {
        method: 'POST',
        path: '/_search/scroll',
        body: { scroll: '1m', scroll_id: page._scroll_id },
      })) as ScanPage;
    }
  } finally {
    if (page._scroll_id)
      await call({ method: 'DELETE', path: '/_search/scroll', body: { scroll_id: page._scroll_id } });
  }
  await refreshWith(call, index);
  return deleted;
}
