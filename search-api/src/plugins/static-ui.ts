import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Serves the built SvelteKit UI on the API's port (when there is one). Unknown non-API paths fall
 * back to the app shell so deep links (`/events/abc`) load the client router; everything else that
 * matches no route gets the catalogued 404.
 */
export async function staticUi(app: FastifyInstance, options: { root?: string }): Promise<void> {
  const built = options.root !== undefined && existsSync(join(options.root, 'index.html'));
  if (options.root && !built) app.log.warn({ root: options.root }, 'ui is not built; serving the API only');
  if (built) await app.register(fastifyStatic, { root: options.root as string, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const forUi = request.method === 'GET' && !path.startsWith('/api/') && !path.startsWith('/services/');
    if (built && forUi) return reply.sendFile('index.html');
    return reply.status(404).send({ error: { code: 'not_found', message: `no route ${request.method} ${path}` } });
  });
}
