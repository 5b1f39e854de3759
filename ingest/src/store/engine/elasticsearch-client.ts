import { Client, errors } from '@elastic/elasticsearch';
import type { EngineJson } from '@vigil/schemas';
import {
  EngineRequestError,
  EngineUnavailableError,
  type BulkItemResult,
  type EngineCall,
  type EngineClient,
  type EngineConnection,
  type EngineRequest,
  type EngineResponse,
  type LifecycleManager,
  type LifecycleSpec,
} from './engine-client.ts';
import {
  bulkWith,
  checked,
  checkedResponse,
  createIndexWith,
  deleteByQueryWith,
  deleteByScanWith,
  isUnavailableStatus,
  putIndexTemplateWith,
  refreshWith,
} from './engine-http.ts';
import { ilmPolicy } from './lifecycle-policy.ts';

// Plain JSON media types: the 9.x client's `compatible-with=9` headers are refused by 8.x servers.
const JSON_HEADERS = { accept: 'application/json', 'content-type': 'application/json' };
const NDJSON_HEADERS = { accept: 'application/json', 'content-type': 'application/x-ndjson' };

const UNANSWERED = [
  errors.ConnectionError,
  errors.TimeoutError,
  errors.NoLivingConnectionsError,
  errors.RequestAbortedError,
];

/** Requests through the official client; retries are ours (the sink's backoff), not the library's. */
export function elasticsearchCall(client: Client): EngineCall {
  return async (request: EngineRequest): Promise<EngineResponse> => {
    const payload =
      request.lines !== undefined
        ? { bulkBody: request.lines as Record<string, unknown>[] }
        : request.body !== undefined
          ? { body: request.body as Record<string, unknown> }
          : {};
    try {
      const response = await client.transport.request(
        {
          method: request.method,
          path: request.path,
          ...(request.querystring ? { querystring: request.querystring } : {}),
          ...payload,
        },
        {
          meta: true,
          headers: request.lines !== undefined ? NDJSON_HEADERS : JSON_HEADERS,
          ...(request.timeoutMs ? { requestTimeout: request.timeoutMs } : {}),
        },
      );
      return { status: response.statusCode ?? 200, body: response.body };
    } catch (error) {
      if (error instanceof errors.ResponseError) return { status: error.statusCode ?? 500, body: error.body };
      if (UNANSWERED.some((type) => error instanceof type))
        throw new EngineUnavailableError(`elasticsearch did not answer: ${(error as Error).message}`);
      throw error;
    }
  };
}

/** A build without the module that serves an endpoint answers "no handler found". */
function isMissingEndpoint(error: unknown): boolean {
  return error instanceof EngineRequestError && /no handler found/i.test(error.reason);
}

export class ElasticsearchEngineClient implements EngineClient {
  readonly kind = 'elasticsearch' as const;
  private readonly client: Client;
  private readonly call: EngineCall;
  private manager: Promise<LifecycleManager> | undefined;
  private nativeDeleteByQuery = true;

  constructor(connection: EngineConnection) {
    this.client = new Client({
      node: connection.node,
      maxRetries: 0,
      requestTimeout: connection.requestTimeoutMs ?? 30_000,
    });
    this.call = elasticsearchCall(this.client);
  }

  /** ILM is an x-pack feature: the integ-test build answers `_ilm/status` with "no handler". */
  lifecycleManager(): Promise<LifecycleManager> {
    this.manager ??= this.probeIlm().catch((error: unknown) => {
      this.manager = undefined;
      throw error;
    });
    return this.manager;
  }

  private async probeIlm(): Promise<LifecycleManager> {
    const response = await this.call({ method: 'GET', path: '/_ilm/status' });
    if (response.status === 200) return 'ilm';
    if (isUnavailableStatus(response.status)) checkedResponse(response);
    return 'none';
  }

  async putLifecyclePolicy(spec: LifecycleSpec): Promise<void> {
    if ((await this.lifecycleManager()) !== 'ilm') return;
    await checked(this.call, {
      method: 'PUT',
      path: `/_ilm/policy/${encodeURIComponent(spec.policy)}`,
      body: ilmPolicy(spec),
    });
  }

  lifecycleSettings(spec: LifecycleSpec, manager: LifecycleManager): EngineJson {
    // Without ILM the settings would be refused as unknown.
    if (manager !== 'ilm') return {};
    return { 'index.lifecycle.name': spec.policy, 'index.lifecycle.rollover_alias': spec.rolloverAlias };
  }

  putIndexTemplate(name: string, body: EngineJson): Promise<void> {
    return putIndexTemplateWith(this.call, name, body);
  }

  createIndex(name: string, body: EngineJson): Promise<boolean> {
    return createIndexWith(this.call, name, body);
  }

  bulk(lines: unknown[]): Promise<BulkItemResult[]> {
    return bulkWith(this.call, lines);
  }

  refresh(index: string): Promise<void> {
    return refreshWith(this.call, index);
  }

  /** `_delete_by_query` lives in the reindex module, which the integ-test build lacks. */
  async deleteByQuery(index: string, query: EngineJson): Promise<number> {
    if (this.nativeDeleteByQuery) {
      try {
        return await deleteByQueryWith(this.call, index, query);
      } catch (error) {
        if (!isMissingEndpoint(error)) throw error;
        this.nativeDeleteByQuery = false;
      }
    }
    return deleteByScanWith(this.call, index, query);
  }

  request(request: EngineRequest): Promise<EngineResponse> {
    return this.call(request);
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
