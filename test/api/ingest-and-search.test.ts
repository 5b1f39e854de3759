import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { InjectOptions } from 'fastify';
import { startTestVigil } from '../support/embedded.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/vendor/${name}`, import.meta.url), 'utf8');

describe('ingest and search over the HTTP API (in process)', () => {
  let vigil: Awaited<ReturnType<typeof startTestVigil>>;
  const inject = (options: InjectOptions | string) => vigil.app.inject(options);

  beforeAll(async () => {
    vigil = await startTestVigil();
  });
  afterAll(async () => {
    await vigil?.close();
  });

  it('accepts NDJSON, keeps the good lines and rejects the bad one with its line number', async () => {
    const body = [
      '{"event_id":"10","message":{"timestamp":"2026-01-01T12:00:00Z","instanceName":"px-a"}}',
      '{"event_id": "11", broken',
      '{"event_id":"12","message":{"timestamp":"2026-01-01T12:00:01Z","instanceName":"px-a"}}',
    ].join('\n');
    const response = await inject({
      method: 'POST',
      url: '/api/v1/ingest/privx?wait=true',
      headers: { 'content-type': 'application/x-ndjson' },
      payload: body,
    });
    expect(response.statusCode).toBe(202);
    const result = response.json();
    expect(result.accepted).toBe(2);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0].line).toBe(2);
    expect(result.rejected[0].reason).toMatch(/invalid JSON/);
    const search = await inject({ url: '/api/v1/search?q=host.name:px-a&from=2025-12-31T00:00:00Z' });
    expect(search.statusCode).toBe(200);
    expect(search.json().total).toBe(2);
  });

  it('keeps the valid elements of a mixed JSON array', async () => {
    const payload = JSON.stringify([
      { event_id: '10', message: { timestamp: '2026-01-02T00:00:00Z', instanceName: 'px-mixed' } },
      42,
      'not an object',
      { event_id: '11', message: { timestamp: '2026-01-02T00:00:01Z', instanceName: 'px-mixed' } },
    ]);
    const response = await inject({
      method: 'POST',
      url: '/api/v1/ingest/privx?wait=true',
      headers: { 'content-type': 'application/json' },
      payload,
    });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({
      accepted: 2,
      rejected: [
        { line: 2, reason: 'expected a JSON object' },
        { line: 3, reason: 'expected a JSON object' },
      ],
    });
  });

  it('answers 400 for malformed JSON sent as application/json', async () => {
    const response = await inject({
      method: 'POST',
      url: '/api/v1/ingest/authentik',
      headers: { 'content-type': 'application/json' },
      payload: '{"action": "login",',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_body');
  });

  it('answers 400 for a body that is not UTF-8', async () => {
    const response = await inject({
      method: 'POST',
      url: '/api/v1/ingest/generic',
      headers: { 'content-type': 'text/plain' },
      payload: Buffer.from([0x68, 0x69, 0xff, 0xfe, 0x0a]),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toBe('body is not valid UTF-8');
  });

  it('answers 413 for a 50 MB body and keeps serving', async () => {
    const payload = Buffer.alloc(50 * 1024 * 1024, 0x61);
    const response = await inject({
      method: 'POST',
      url: '/api/v1/ingest/generic',
      headers: { 'content-type': 'text/plain' },
      payload,
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('body_too_large');
    expect((await inject({ url: '/api/v1/health' })).statusCode).toBe(200);
  });

  it('answers 404 with the list of sources for an unknown source', async () => {
    const response = await inject({
      method: 'POST',
      url: '/api/v1/ingest/splunk',
      payload: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(404);
    const error = response.json().error;
    expect(error.code).toBe('unknown_source');
    expect(error.details.sources).toEqual(['authentik', 'privx', 'keeper', 'akeyless', 'czertainly', 'generic']);
  });

  it('keeps an unknown PrivX code, tagged and searchable', async () => {
    await inject({
      method: 'POST',
      url: '/api/v1/ingest/privx?wait=true',
      headers: { 'content-type': 'application/json' },
      payload: { event_id: '98765', message: { timestamp: '2026-01-03T00:00:00Z' } },
    });
    const response = await inject({ url: '/api/v1/search?q=tags:privx_unknown_code&from=2025-01-01T00:00:00Z' });
    const hits = response.json().hits;
    expect(hits).toHaveLength(1);
    expect(hits[0].event.code).toBe('98765');
  });

  it('rejects deeply nested JSON alone', async () => {
    const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    const response = await inject({
      method: 'POST',
      url: '/api/v1/ingest/generic?wait=true',
      headers: { 'content-type': 'application/x-ndjson' },
      payload: `${deep}\n{"message":"shallow neighbour","ts":"2026-01-04T00:00:00Z"}`,
    });
    expect(response.statusCode).toBe(202);
    expect(response.json().accepted).toBe(1);
    expect(response.json().rejected[0]).toEqual({ line: 1, reason: 'JSON nested deeper than 64 levels' });
  });

  it('sends records that cannot be parsed to the dead letters, with the reason and the bytes', async () => {
    const raw = '{"event_name":"no id here"}';
    await inject({
      method: 'POST',
      url: '/api/v1/ingest/privx?wait=true',
      headers: { 'content-type': 'application/json' },
      payload: raw,
    });
    const dead = (await inject({ url: '/api/v1/dead-letters' })).json();
    expect(dead.total).toBeGreaterThanOrEqual(1);
    expect(dead.dead_letters[0].raw).toBe(raw);
    expect(dead.dead_letters[0].reason).toMatch(/event_id/);
  });

  it('answers a query syntax error with 400 and the column', async () => {
    const response = await inject({ url: `/api/v1/search?q=${encodeURIComponent('user.name:')}` });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('query_syntax');
    expect(response.json().error.column).toBe(11);
  });

  it('never lets a query reach SQL: injection-like input finds nothing and breaks nothing', async () => {
    const before = (await inject({ url: '/api/v1/health' })).json().store.events;
    for (const q of [`"'; DROP TABLE events; --"`, `user.name:"x' OR '1'='1"`, `message:"\\") OR 1=1 --"`]) {
      const response = await inject({ url: `/api/v1/search?q=${encodeURIComponent(q)}&from=now-30d` });
      expect(response.statusCode).toBe(200);
      expect(response.json().total).toBe(0);
    }
    expect((await inject({ url: '/api/v1/health' })).json().store.events).toBe(before);
  });

  it('answers 404 for an unknown event id and returns a known one', async () => {
    expect((await inject({ url: '/api/v1/events/nope' })).statusCode).toBe(404);
    const hit = (await inject({ url: '/api/v1/search?q=host.name:px-a&from=2025-01-01T00:00:00Z&size=1' })).json()
      .hits[0];
    const event = await inject({ url: `/api/v1/events/${hit.id}` });
    expect(event.statusCode).toBe(200);
    expect(event.json().id).toBe(hit.id);
  });

  it('answers pipes with a table', async () => {
    const response = await inject({
      url: `/api/v1/search?q=${encodeURIComponent('| stats count by event.module')}&from=2025-01-01T00:00:00Z`,
    });
    expect(response.statusCode).toBe(200);
    const table = response.json().table;
    expect(table.columns).toEqual(['event.module', 'count']);
    expect(table.rows).toContainEqual(['privx', expect.any(Number)]);
  });

  it('accepts Splunk HEC events and raw lines', async () => {
    const event = await inject({
      method: 'POST',
      url: '/services/collector/event',
      payload:
        '{"time":1700000000,"sourcetype":"keeper","event":{"audit_event":"login","username":"hec@example.com","remote_address":"81.2.69.142","timestamp":"2026-01-05T00:00:00Z"}}' +
        '{"sourcetype":"generic","event":"a plain line from hec"}',
    });
    expect(event.statusCode).toBe(200);
    expect(event.json()).toMatchObject({ text: 'Success', code: 0, accepted: 2 });
    const raw = await inject({
      method: 'POST',
      url: '/services/collector/raw?sourcetype=keeper',
      payload: fixture('keeper.syslog.log'),
    });
    expect(raw.statusCode).toBe(200);
    expect(raw.json().accepted).toBe(1);
  });

  it('lists fields and sources, and serves the OpenAPI document', async () => {
    const fields = (await inject({ url: '/api/v1/fields?from=2025-01-01T00:00:00Z' })).json();
    expect(fields.fields.map((f: { name: string }) => f.name)).toContain('event.action');
    const sources = (await inject({ url: '/api/v1/sources' })).json().sources;
    expect(sources.find((s: { source: string }) => s.source === 'privx').count).toBeGreaterThanOrEqual(4);
    const openapi = (await inject({ url: '/api/v1/openapi.json' })).json();
    expect(openapi.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/search',
        '/api/v1/ingest/{source}',
        '/api/v1/events/{id}',
        '/services/collector/event',
      ]),
    );
  });
});
