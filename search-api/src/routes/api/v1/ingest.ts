import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ErrorResponseSchema, IngestQuerySchema, IngestResponseSchema, SourceParamSchema } from '@vigil/schemas';
import { acceptRawBodies } from '../../../plugins/raw-body.ts';
import { ingestBody } from '../../../services/ingest-service.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  acceptRawBodies(app, app.vigil.maxBodyBytes);
  app.post(
    '/ingest/:source',
    {
      schema: {
        tags: ['ingest'],
        summary: 'send events: one JSON object, a JSON array, NDJSON, or text lines (syslog, CEF)',
        description:
          'Answers 202 once the records are durably queued. A bad record is rejected alone (listed with its line); the good ones are kept.',
        params: SourceParamSchema,
        querystring: IngestQuerySchema,
        body: Type.Any({ description: 'the records' }),
        response: {
          202: IngestResponseSchema,
          400: ErrorResponseSchema,
          404: ErrorResponseSchema,
          413: ErrorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const body = request.body as Buffer | undefined;
      const result = await ingestBody(app.vigil.ingest, {
        source: request.params.source,
        body: body ?? Buffer.alloc(0),
        ...(request.headers['content-type'] ? { contentType: request.headers['content-type'] } : {}),
        remoteAddr: request.ip,
        input: 'http',
        wait: request.query.wait ?? false,
      });
      return reply.status(202).send(result);
    },
  );
};
export default routes;
