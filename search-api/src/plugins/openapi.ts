import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import { ErrorResponseSchema } from '@vigil/schemas';

/** The OpenAPI document is generated from the same schemas the routes validate and serialize with. */
export const openapi = fp(async (app: FastifyInstance) => {
  app.addSchema(ErrorResponseSchema);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Vigil API',
        version: '0.1.0',
        description: 'Audit-event ingestion and search: ingest vendor events, query them, inspect dead letters.',
      },
      servers: [],
      tags: [
        { name: 'search', description: 'query events' },
        { name: 'ingest', description: 'send events' },
        { name: 'operations', description: 'health, sources, dead letters' },
      ],
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
});
