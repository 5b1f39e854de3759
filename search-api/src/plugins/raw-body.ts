import type { FastifyInstance } from 'fastify';

/**
 * Inputs read the body as bytes whatever its content type: the framing (JSON, NDJSON, text lines)
 * and the UTF-8 check are the input's job, so a bad line can be rejected alone.
 */
export function acceptRawBodies(app: FastifyInstance, bodyLimit: number): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_request, body, done) => done(null, body));
}
