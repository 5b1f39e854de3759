import Fastify, { type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from './app-context.ts';
import { errorHandler } from './plugins/error-handler.ts';
import { openapi } from './plugins/openapi.ts';
import searchRoutes from './routes/api/v1/search.ts';
import eventRoutes from './routes/api/v1/events.ts';
import fieldRoutes from './routes/api/v1/fields.ts';
import operationRoutes from './routes/api/v1/operations.ts';
import ingestRoutes from './routes/api/v1/ingest.ts';
import mapRoutes from './routes/api/v1/map.ts';
import tailRoutes from './routes/api/v1/tail.ts';
import collectorRoutes from './routes/services/collector.ts';
import { staticUi } from './plugins/static-ui.ts';

export interface BuildOptions {
  logLevel?: string;
  /** Folder of the built UI to serve at `/`; left out in API-only tests. */
  uiDir?: string;
}

/**
 * The app is a plugin tree (as fastify/demo lays it out): external plugins first, then ours, then
 * routes whose files mirror the URLs. Tests build it and call `inject`, without a port.
 */
export async function buildApp(context: AppContext, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: options.logLevel ?? 'warn' },
    bodyLimit: context.maxBodyBytes,
    trustProxy: false,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.decorate('vigil', context);
  await app.register(errorHandler);
  await app.register(openapi);
  await app.register(
    async (api) => {
      await api.register(searchRoutes);
      await api.register(eventRoutes);
      await api.register(fieldRoutes);
      await api.register(operationRoutes);
      await api.register(ingestRoutes);
      await api.register(mapRoutes);
      await api.register(tailRoutes);
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: '/api/v1' },
  );
  await app.register(collectorRoutes, { prefix: '/services/collector' });
  await staticUi(app, options.uiDir ? { root: options.uiDir } : {});
  return app;
}
