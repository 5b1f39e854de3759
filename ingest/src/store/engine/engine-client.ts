import type { EngineJson, EngineKind } from '@vigil/schemas';

/**
 * One small interface over the Elasticsearch and OpenSearch clients: what the write side and the
 * retention setup need. The two implementations differ in lifecycle management (ILM vs ISM) and in
 * how their library is called; requests and responses are the engines' shared REST JSON.
 */

export type { EngineKind };

export interface EngineRequest {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'HEAD';
  path: string;
  querystring?: Record<string, string | number | boolean>;
  body?: unknown;
  /** NDJSON lines for the bulk API (instead of body). */
  lines?: unknown[];
  /** Overrides the client's request timeout (long deletions). */
  timeoutMs?: number;
}

/** Any HTTP answer: the status and the parsed body. Only the absence of an answer throws. */
export interface EngineResponse {
  status: number;
  body: unknown;
}

/** How a library client is reached: one request in, one answer out. */
export type EngineCall = (request: EngineRequest) => Promise<EngineResponse>;

/**
 * The engine did not answer (refused connection, timeout) or answered that it cannot now (429,
 * 5xx). Retrying later may succeed; the pipeline pauses on it instead of dropping events.
 */
export class EngineUnavailableError extends Error {
  override readonly name = 'EngineUnavailableError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** The engine refused a request (4xx): retrying the same request cannot help. */
export class EngineRequestError extends Error {
  override readonly name = 'EngineRequestError';
  constructor(
    readonly status: number,
    readonly type: string,
    readonly reason: string,
  ) {
    super(`engine refused the request (${status} ${type}): ${reason}`);
  }
}

export interface EngineConnection {
  node: string;
  /** How long one request may take before the engine counts as unavailable. */
  requestTimeoutMs?: number;
}

export type LifecycleManager = 'ilm' | 'ism' | 'none';

/** An index lifecycle: roll the write index over by age or size, delete an index so long after. */
export interface LifecycleSpec {
  policy: string;
  /** The indices the policy manages (`vigil-events-privx-*`). */
  indexPattern: string;
  rolloverAlias: string;
  deleteAfterDays: number;
  rollover: { maxAge: string; maxPrimaryShardSize: string };
}

export interface BulkItemResult {
  status: number;
  error?: { type: string; reason: string };
}

export interface EngineClient {
  readonly kind: EngineKind;
  /** Which lifecycle manager the engine runs (asked once; builds without one answer 'none'). */
  lifecycleManager(): Promise<LifecycleManager>;
  /** Creates or updates the policy (idempotent); a no-op without a lifecycle manager. */
  putLifecyclePolicy(spec: LifecycleSpec): Promise<void>;
  /** Index settings that put a new index under the policy, for the index template. */
  lifecycleSettings(spec: LifecycleSpec, manager: LifecycleManager): EngineJson;
  putIndexTemplate(name: string, body: EngineJson): Promise<void>;
  /** Creates an index; false when it (or an alias of that name) already exists. */
  createIndex(name: string, body: EngineJson): Promise<boolean>;
  /** One bulk request; answers per item in request order. */
  bulk(lines: unknown[]): Promise<BulkItemResult[]>;
  refresh(index: string): Promise<void>;
  /** Deletes the matching documents now and answers how many went. */
  deleteByQuery(index: string, query: EngineJson): Promise<number>;
  /** A raw request for what the interface does not cover (tests, diagnostics). */
  request(request: EngineRequest): Promise<EngineResponse>;
  close(): Promise<void>;
}
