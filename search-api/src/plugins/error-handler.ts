import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../errors.ts';
import { StoreUnavailableError } from '../store/engine/engine-reader.ts';

/**
 * One handler for every error: catalogued errors answer with their code and status; Fastify's own
 * (validation, body limits, media types) are mapped onto the catalog; anything else is logged with
 * the request and answered as a plain 500 without internals.
 */
export const errorHandler = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ApiError) {
      return reply.status(error.status).send({
        error: { code: error.code, message: error.message, ...error.extra },
      });
    }
    if (error instanceof StoreUnavailableError) {
      request.log.warn({ err: error, url: request.url }, 'store unavailable');
      return reply
        .status(503)
        .send({ error: { code: 'store_unavailable', message: 'the event store is not answering; try again shortly' } });
    }
    if (error.validation) {
      return reply.status(400).send({ error: { code: 'validation', message: error.message.toLowerCase() } });
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send({ error: { code: 'body_too_large', message: 'request body is too large' } });
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.status(415).send({ error: { code: 'unsupported_media_type', message: 'unsupported content type' } });
    }
    if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      return reply.status(400).send({ error: { code: 'invalid_body', message: error.message.toLowerCase() } });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply
        .status(error.statusCode)
        .send({ error: { code: 'bad_request', message: error.message.toLowerCase() } });
    }
    request.log.error({ err: error, url: request.url, method: request.method }, 'request failed');
    return reply.status(500).send({ error: { code: 'internal', message: 'internal error' } });
  });
});
