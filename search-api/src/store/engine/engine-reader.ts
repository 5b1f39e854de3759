import { Client as ElasticsearchClient, errors as elasticErrors } from '@elastic/elasticsearch';
import { Client as OpenSearchClient, errors as openSearchErrors } from '@opensearch-project/opensearch';
import type { EngineKind } from '@vigil/schemas';

/**
 * The read side's way to the engine: one JSON request in, the body of a 2xx answer out, over either
 * official client. Every request has a timeout, so a stalled engine becomes a StoreUnavailableError
 * (the API answers 503 with the reason) instead of a request that hangs.
 */

export interface ReadRequest {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  querystring?: Record<string, string | number | boolean>;
  body?: Record<string, unknown>;
}

/** The engine did not answer in time, could not be reached, or said it cannot serve now (429, 5xx). */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(reason: string) {
    super(`the search store is unavailable: ${reason}`);
  }
}

/** The engine refused the request (4xx). */
export class EngineQueryError extends Error {
  override readonly name = 'EngineQueryError';
  constructor(
    readonly status: number,
    readonly type: string,
    readonly reason: string,
  ) {
    super(`the engine refused the request (${status} ${type}): ${reason}`);
  }
}

export interface EngineReader {
  readonly kind: EngineKind;
  request<T>(request: ReadRequest): Promise<T>;
  close(): Promise<void>;
}

export interface ReaderConnection {
  node: string;
  /** Longest wait for one answer; beyond it the store counts as unavailable. */
  timeoutMs?: number;
}

interface Answer {
  status: number;
  body: unknown;
}

/** The innermost reason the engine gave: root causes name the query problem, not the phase. */
function reasonOf(body: unknown): { type: string; reason: string } {
  const error = (body as { error?: unknown } | null)?.error;
  if (typeof error === 'string') return { type: 'error', reason: error };
  const detail = error as
    { type?: string; reason?: string; root_cause?: { type?: string; reason?: string }[] } | undefined;
  const root = detail?.root_cause?.[0] ?? detail;
  return { type: root?.type ?? 'error', reason: root?.reason ?? JSON.stringify(body ?? 'no details') };
}

function bodyOf<T>(answer: Answer): T {
  if (answer.status >= 200 && answer.status < 300) return answer.body as T;
  const { type, reason } = reasonOf(answer.body);
  if (answer.status === 429 || answer.status >= 500)
    throw new StoreUnavailableError(`${answer.status} ${type}: ${reason}`);
  throw new EngineQueryError(answer.status, type, reason);
}

const JSON_HEADERS = { accept: 'application/json', 'content-type': 'application/json' };

function elasticsearchReader(connection: ReaderConnection): EngineReader {
  const client = new ElasticsearchClient({
    node: connection.node,
    maxRetries: 0,
    requestTimeout: connection.timeoutMs ?? 10_000,
  });
  const unanswered = [
    elasticErrors.ConnectionError,
    elasticErrors.TimeoutError,
    elasticErrors.NoLivingConnectionsError,
  ];
  const send = async (request: ReadRequest): Promise<Answer> => {
    try {
      // Plain JSON media types: the 9.x client's `compatible-with=9` headers are refused by 8.x servers.
      const response = await client.transport.request(request, { meta: true, headers: JSON_HEADERS });
      return { status: response.statusCode ?? 200, body: response.body };
    } catch (error) {
      if (error instanceof elasticErrors.ResponseError) return { status: error.statusCode ?? 500, body: error.body };
      if (unanswered.some((type) => error instanceof type)) throw new StoreUnavailableError((error as Error).message);
      throw error;
    }
  };
  return {
    kind: 'elasticsearch',
    request: async <T>(request: ReadRequest) => bodyOf<T>(await send(request)),
    close: () => client.close(),
  };
}

function opensearchReader(connection: ReaderConnection): EngineReader {
  const client = new OpenSearchClient({
    node: connection.node,
    maxRetries: 0,
    requestTimeout: connection.timeoutMs ?? 10_000,
  });
  const unanswered = [
    openSearchErrors.ConnectionError,
    openSearchErrors.TimeoutError,
    openSearchErrors.NoLivingConnectionsError,
  ];
  const send = async (request: ReadRequest): Promise<Answer> => {
    try {
      const response = await client.transport.request(request);
      return { status: response.statusCode ?? 200, body: response.body };
    } catch (error) {
      if (error instanceof openSearchErrors.ResponseError)
        return { status: error.meta.statusCode ?? 500, body: error.meta.body };
      if (unanswered.some((type) => error instanceof type)) throw new StoreUnavailableError((error as Error).message);
      throw error;
    }
  };
  return {
    kind: 'opensearch',
    request: async <T>(request: ReadRequest) => bodyOf<T>(await send(request)),
    close: () => client.close(),
  };
}

export function connectEngineReader(kind: EngineKind, connection: ReaderConnection): EngineReader {
  return kind === 'elasticsearch' ? elasticsearchReader(connection) : opensearchReader(connection);
}
