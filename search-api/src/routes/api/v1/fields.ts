import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponseSchema, FieldsQuerySchema, FieldsResponseSchema } from '@vigil/schemas';
import { parseOrFail, resolveRange } from '../../../services/search-service.ts';

const FIELD_SAMPLE = 2000;

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/fields',
    {
      schema: {
        tags: ['search'],
        summary: 'fields present in recent matching events, with types and counts (for autocomplete)',
        querystring: FieldsQuerySchema,
        response: { 200: FieldsResponseSchema, 400: ErrorResponseSchema },
      },
    },
    async (request) => {
      const ast = parseOrFail(request.query.q);
      const range = resolveRange(request.query.from, request.query.to, 'now-7d');
      return app.vigil.search.fields({ ast, ...range, sample: FIELD_SAMPLE });
    },
  );
};
export default routes;
