import type { HealthResponse } from '@vigil/schemas';
import type { EventSearch } from './store/event-search.ts';
import type { IngestDeps } from './services/ingest-service.ts';

/** What the routes need from the process that hosts them; embedded and distributed modes differ here only. */
export interface AppContext {
  search: EventSearch;
  ingest: IngestDeps;
  hecToken?: string;
  maxBodyBytes: number;
  pipelineStatus(): HealthResponse['pipeline'];
}

declare module 'fastify' {
  interface FastifyInstance {
    vigil: AppContext;
  }
}
