import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  DeadLettersQuerySchema,
  DeadLettersResponseSchema,
  HealthResponseSchema,
  SourcesResponseSchema,
} from '@vigil/schemas';

const VERSION = '0.1.0';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/sources',
    { schema: { tags: ['operations'], summary: 'event counts per source', response: { 200: SourcesResponseSchema } } },
    async () => ({ sources: await app.vigil.search.sources() }),
  );

  app.get(
    '/dead-letters',
    {
      schema: {
        tags: ['operations'],
        summary: 'records that could not be parsed, newest first, with the reason and original bytes',
        querystring: DeadLettersQuerySchema,
        response: { 200: DeadLettersResponseSchema },
      },
    },
    async (request) => app.vigil.search.deadLetters(request.query.size ?? 50, request.query.before),
  );

  app.get(
    '/health',
    {
      schema: {
        tags: ['operations'],
        summary: 'liveness and pipeline counters',
        response: { 200: HealthResponseSchema },
      },
    },
    async () => {
      let events = 0;
      let ok = true;
      try {
        events = await app.vigil.search.count();
      } catch {
        ok = false;
      }
      return {
        status: ok ? ('ok' as const) : ('degraded' as const),
        version: VERSION,
        store: { kind: app.vigil.search.kind, ok, events },
        pipeline: app.vigil.pipelineStatus(),
      };
    },
  );
};
export default routes;
