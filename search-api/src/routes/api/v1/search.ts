import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponseSchema, SearchQuerySchema, SearchResponseSchema } from '@vigil/schemas';
import { runSearch } from '../../../services/search-service.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/search',
    {
      schema: {
        tags: ['search'],
        summary: 'search events with the query language; pipes answer with a table',
        querystring: SearchQuerySchema,
        response: { 200: SearchResponseSchema, 400: ErrorResponseSchema, 503: ErrorResponseSchema },
      },
    },
    async (request) => runSearch(app.vigil.search, request.query),
  );
};
export default routes;
