import type { HealthResponse, StoredEvent } from '@vigil/schemas';
import type { EventSearch } from './store/event-search.ts';
import type { IngestDeps } from './services/ingest-service.ts';

/** What the routes need from the process that hosts them; embedded and distributed modes differ here only. */
export interface AppContext {
  search: EventSearch;
  ingest: IngestDeps;
  hecToken?: string;
  maxBodyBytes: number;
  pipelineStatus(): HealthResponse['pipeline'];
  /** Newly stored events as they are committed (for live tail); absent where the process has none. */
  subscribeStored?(listener: (events: readonly StoredEvent[]) => void): () => void;
}

declare module 'fastify' {
  interface FastifyInstance {
    vigil: AppContext;
  }
}
