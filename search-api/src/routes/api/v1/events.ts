import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponseSchema, EventParamsSchema, StoredEventSchema } from '@vigil/schemas';
import { ApiError } from '../../../errors.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/events/:id',
    {
      schema: {
        tags: ['search'],
        summary: 'one event by its document id',
        params: EventParamsSchema,
        response: { 200: StoredEventSchema, 404: ErrorResponseSchema },
      },
    },
    async (request) => {
      const event = await app.vigil.search.getEvent(request.params.id);
      if (!event) throw new ApiError('not_found', `no event with id '${request.params.id}'`);
      return event;
    },
  );
};
export default routes;
