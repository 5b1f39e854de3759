import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { SOURCES, type SourceName } from '@vigil/schemas';
import { acceptBody, BodyFormatError, decodeUtf8, hecRecords, toEnvelopes } from '@vigil/ingest';
import { acceptRawBodies } from '../../plugins/raw-body.ts';

/**
 * Splunk HTTP Event Collector compatibility, so existing HEC clients (Keeper Commander's Splunk
 * export, authentik's HEC mapping) can send to Vigil unchanged. Answers in HEC's own format.
 */
const HecResponse = Type.Object({
  text: Type.String(),
  code: Type.Integer(),
  accepted: Type.Optional(Type.Integer()),
  rejected: Type.Optional(Type.Array(Type.Object({ line: Type.Integer(), reason: Type.String() }))),
});
const HecQuery = Type.Object({
  source: Type.Optional(Type.String({ description: 'Vigil source when the sourcetype does not name one' })),
  sourcetype: Type.Optional(Type.String()),
});

function pickSource(name: string | undefined): SourceName | undefined {
  if (name === undefined) return 'generic';
  return (SOURCES as readonly string[]).includes(name) ? (name as SourceName) : undefined;
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  acceptRawBodies(app, app.vigil.maxBodyBytes);
  const { transport, limits } = app.vigil.ingest;

  app.addHook('onRequest', async (request, reply) => {
    const token = app.vigil.hecToken;
    if (!token) return;
    const header = request.headers.authorization ?? '';
    if (!header) return reply.status(401).send({ text: 'Token is required', code: 2 });
    if (header !== `Splunk ${token}`) return reply.status(403).send({ text: 'Invalid token', code: 4 });
  });

  const schema = (summary: string) => ({
    tags: ['ingest'],
    summary,
    querystring: HecQuery,
    body: Type.Any(),
    response: { 200: HecResponse, 400: HecResponse },
  });

  app.post('/event', { schema: schema('Splunk HEC event endpoint') }, async (request, reply) => {
    const fallback = pickSource(request.query.source);
    if (!fallback) return reply.status(400).send({ text: `Unknown source ${request.query.source}`, code: 7 });
    try {
      const text = decodeUtf8((request.body as Buffer | undefined) ?? Buffer.alloc(0));
      const { bySource, rejected } = hecRecords(text, fallback, limits);
      let accepted = 0;
      for (const [source, records] of bySource) {
        await transport.publish(toEnvelopes(records, { source, input: 'hec', remoteAddr: request.ip }));
        accepted += records.length;
      }
      if (accepted === 0 && rejected.length === 0) return reply.status(400).send({ text: 'No data', code: 5 });
      return { text: 'Success', code: 0, accepted, rejected };
    } catch (error) {
      if (error instanceof BodyFormatError) return reply.status(400).send({ text: error.message, code: 6 });
      throw error;
    }
  });

  app.post('/raw', { schema: schema('Splunk HEC raw endpoint: text lines') }, async (request, reply) => {
    const source = pickSource(request.query.source) ?? pickSource(undefined);
    const fromType = request.query.sourcetype
      ? SOURCES.find((s) => request.query.sourcetype?.toLowerCase().includes(s))
      : undefined;
    try {
      const result = await acceptBody(
        transport,
        (request.body as Buffer | undefined) ?? Buffer.alloc(0),
        { source: fromType ?? source ?? 'generic', input: 'hec', remoteAddr: request.ip, contentType: 'text/plain' },
        limits,
      );
      if (result.accepted === 0 && result.rejected.length === 0)
        return reply.status(400).send({ text: 'No data', code: 5 });
      return { text: 'Success', code: 0, accepted: result.accepted, rejected: result.rejected };
    } catch (error) {
      if (error instanceof BodyFormatError) return reply.status(400).send({ text: error.message, code: 6 });
      throw error;
    }
  });
};
export default routes;
