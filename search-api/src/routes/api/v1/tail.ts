import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ErrorResponseSchema, TailQuerySchema, type StoredEvent } from '@vigil/schemas';
import { ApiError } from '../../../errors.ts';
import { compilePredicate } from '../../../query/compile-predicate.ts';
import { QuerySyntaxError } from '../../../query/parse.ts';
import { parseOrFail } from '../../../services/search-service.ts';

const PING_MS = 15_000;

/**
 * Live tail: a server-sent-events stream of newly stored events that match the query (`event: hit`,
 * the event as JSON in `data`). The filter runs in process on each committed batch.
 */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  // Open streams end when the server closes, or a graceful shutdown would wait on them forever.
  const open = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const end of open) end();
  });
  app.get(
    '/tail',
    {
      schema: {
        tags: ['search'],
        summary: 'live tail: a text/event-stream of newly stored events matching the query',
        querystring: TailQuerySchema,
        response: { 200: Type.String({ description: 'text/event-stream' }), 400: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      const subscribe = app.vigil.subscribeStored;
      if (!subscribe) throw new ApiError('store_unavailable', 'this process does not see newly stored events');
      let predicate;
      try {
        predicate = compilePredicate(parseOrFail(request.query.q));
      } catch (error) {
        if (error instanceof QuerySyntaxError)
          throw new ApiError('query_syntax', error.message, { column: error.column });
        throw error;
      }
      reply.hijack();
      const out = reply.raw;
      out.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      out.write(': connected\n\n');
      const send = (events: readonly StoredEvent[]) => {
        for (const event of events) if (predicate(event)) out.write(`event: hit\ndata: ${JSON.stringify(event)}\n\n`);
      };
      const unsubscribe = subscribe(send);
      const ping = setInterval(() => out.write(': ping\n\n'), PING_MS);
      const close = () => {
        clearInterval(ping);
        unsubscribe();
        open.delete(end);
      };
      const end = () => {
        close();
        out.end();
      };
      open.add(end);
      request.raw.on('close', close);
    },
  );
};
export default routes;
