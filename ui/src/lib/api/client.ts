import type { paths } from './schema.d.ts';

/**
 * A small fetch wrapper typed from the generated OpenAPI `paths`: the path picks the query
 * parameters and the 200 body, so a server change that breaks the UI breaks the typecheck.
 */
type GetPath = {
  [P in keyof paths]: paths[P] extends { get: { responses: { 200: unknown } } } ? P : never;
}[keyof paths];

type GetOperation<P extends GetPath> = paths[P]['get'];

export type QueryOf<P extends GetPath> =
  GetOperation<P> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

type PathParamsOf<P extends GetPath> =
  GetOperation<P> extends { parameters: { path: infer R } } ? (R extends Record<string, unknown> ? R : never) : never;

export type ResponseOf<P extends GetPath> =
  GetOperation<P> extends { responses: { 200: { content: { 'application/json': infer B } } } } ? B : never;

export type ApiErrorBody = paths['/api/v1/search']['get']['responses'][400]['content']['application/json'];

export type StoredEvent = ResponseOf<'/api/v1/events/{id}'>;
export type SearchResponse = ResponseOf<'/api/v1/search'>;
export type FieldsResponse = ResponseOf<'/api/v1/fields'>;
export type GeoResponse = ResponseOf<'/api/v1/geo'>;

/** A failed call: the API's error code and message, and for query errors the 1-based column. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface RequestOptions<P extends GetPath> {
  query?: QueryOf<P>;
  path?: PathParamsOf<P>;
  signal?: AbortSignal;
}

export function buildUrl<P extends GetPath>(path: P, options: Pick<RequestOptions<P>, 'query' | 'path'> = {}): string {
  const filled = String(path).replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = (options.path as Record<string, unknown> | undefined)?.[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${String(path)}`);
    return encodeURIComponent(String(value));
  });
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries((options.query ?? {}) as Record<string, unknown>)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search === '' ? filled : `${filled}?${search}`;
}

export async function apiGet<P extends GetPath>(
  path: P,
  options: RequestOptions<P> = {},
  fetcher: typeof fetch = fetch,
): Promise<ResponseOf<P>> {
  const response = await fetcher(buildUrl(path, options), {
    headers: { accept: 'application/json' },
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw toApiError(response.status, body);
  return body as ResponseOf<P>;
}

function toApiError(status: number, body: unknown): ApiError {
  const error = (body as Partial<ApiErrorBody> | undefined)?.error;
  if (!error) return new ApiError(status, 'http_error', `the server answered ${status}`);
  return new ApiError(status, error.code, error.message, error.column);
}

/** The live tail's URL (an EventSource, not JSON). */
export function tailUrl(query: QueryOf<'/api/v1/tail'>): string {
  return buildUrl('/api/v1/tail', { query });
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
