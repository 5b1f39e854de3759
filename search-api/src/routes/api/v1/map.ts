import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponseSchema, GeoQuerySchema, GeoResponseSchema } from '@vigil/schemas';
import { runGeo } from '../../../services/geo-service.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/geo',
    {
      schema: {
        tags: ['search'],
        summary: 'event locations for the map: a server-side grid of clusters and counts per country',
        querystring: GeoQuerySchema,
        response: { 200: GeoResponseSchema, 400: ErrorResponseSchema },
      },
    },
    async (request) => runGeo(app.vigil.search, request.query),
  );
};
export default routes;
