import type { EngineClient, EngineConnection, EngineKind } from './engine-client.ts';
import { ElasticsearchEngineClient } from './elasticsearch-client.ts';
import { OpenSearchEngineClient } from './opensearch-client.ts';

/** The write-side client for the configured engine. */
export function connectEngine(kind: EngineKind, connection: EngineConnection): EngineClient {
  return kind === 'elasticsearch' ? new ElasticsearchEngineClient(connection) : new OpenSearchEngineClient(connection);
}
