import { Client, errors } from '@opensearch-project/opensearch';
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
  putIndexTemplateWith,
  refreshWith,
} from './engine-http.ts';
import { ismPolicy } from './lifecycle-policy.ts';

const UNANSWERED = [
  errors.ConnectionError,
  errors.TimeoutError,
  errors.NoLivingConnectionsError,
  errors.RequestAbortedError,
];
const ISM_PLUGIN = 'opensearch-index-management';
const POLICY_WRITE_ATTEMPTS = 3;

/** Requests through the official client; retries are ours (the sink's backoff), not the library's. */
export function opensearchCall(client: Client): EngineCall {
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
        request.timeoutMs ? { requestTimeout: request.timeoutMs } : {},
      );
      return { status: response.statusCode ?? 200, body: response.body };
    } catch (error) {
      if (error instanceof errors.ResponseError) return { status: error.meta.statusCode ?? 500, body: error.meta.body };
      if (UNANSWERED.some((type) => error instanceof type))
        throw new EngineUnavailableError(`opensearch did not answer: ${(error as Error).message}`);
      throw error;
    }
  };
}

interface StoredPolicy {
  _seq_no: number;
  _primary_term: number;
  policy?: { description?: string };
}

export class OpenSearchEngineClient implements EngineClient {
  readonly kind = 'opensearch' as const;
  private readonly client: Client;
  private readonly call: EngineCall;
  private manager: Promise<LifecycleManager> | undefined;

  constructor(connection: EngineConnection) {
    this.client = new Client({
      node: connection.node,
      maxRetries: 0,
      requestTimeout: connection.requestTimeoutMs ?? 30_000,
    });
    this.call = opensearchCall(this.client);
  }

  /** ISM is a plugin: a cluster without it has no lifecycle manager. */
  lifecycleManager(): Promise<LifecycleManager> {
    this.manager ??= this.probeIsm().catch((error: unknown) => {
      this.manager = undefined;
      throw error;
    });
    return this.manager;
  }

  private async probeIsm(): Promise<LifecycleManager> {
    const plugins = (await checked(this.call, {
      method: 'GET',
      path: '/_cat/plugins',
      querystring: { format: 'json' },
    })) as { component?: string }[];
    return plugins.some((p) => p.component === ISM_PLUGIN) ? 'ism' : 'none';
  }

  /**
   * ISM refuses to overwrite a policy without its sequence number, so this reads, compares the
   * fingerprint in the description, and writes only on a change (a replica racing us gets a 409 and
   * reads again).
   */
  async putLifecyclePolicy(spec: LifecycleSpec): Promise<void> {
    if ((await this.lifecycleManager()) !== 'ism') return;
    const path = `/_plugins/_ism/policies/${encodeURIComponent(spec.policy)}`;
    const body = ismPolicy(spec) as { policy: { description: string } };
    for (let attempt = 0; attempt < POLICY_WRITE_ATTEMPTS; attempt++) {
      const current = await this.call({ method: 'GET', path });
      if (current.status === 404) {
        const created = await this.call({ method: 'PUT', path, body });
        if (created.status === 409) continue;
        checkedResponse(created);
        return;
      }
      const stored = checkedResponse(current) as StoredPolicy;
      if (stored.policy?.description === body.policy.description) return;
      const updated = await this.call({
        method: 'PUT',
        path,
        querystring: { if_seq_no: stored._seq_no, if_primary_term: stored._primary_term },
        body,
      });
      if (updated.status === 409) continue;
      checkedResponse(updated);
      await this.moveManagedIndices(spec);
      return;
    }
    throw new EngineRequestError(409, 'version_conflict', `policy ${spec.policy} kept changing while being written`);
  }

  /** Managed indices keep the policy version they started with; this moves them to the new one. */
  private async moveManagedIndices(spec: LifecycleSpec): Promise<void> {
    await checked(this.call, {
      method: 'POST',
      path: `/_plugins/_ism/change_policy/${spec.indexPattern}`,
      body: { policy_id: spec.policy },
    });
  }

  lifecycleSettings(spec: LifecycleSpec, manager: LifecycleManager): EngineJson {
    // The policy attaches itself through its ism_template; rollover needs to know the alias.
    if (manager !== 'ism') return {};
    return { 'plugins.index_state_management.rollover_alias': spec.rolloverAlias };
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

  deleteByQuery(index: string, query: EngineJson): Promise<number> {
    return deleteByQueryWith(this.call, index, query);
  }

  request(request: EngineRequest): Promise<EngineResponse> {
    return this.call(request);
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
