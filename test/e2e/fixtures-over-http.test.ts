import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import type { Envelope, SourceName } from '@vigil/schemas';
import { createPipelineStages, newCounters, processBatch, toEnvelopes } from '@vigil/ingest';
import { freePort, startServer, type ServerProcess } from '../support/server-process.ts';

const FIXTURES: { file: string; source: SourceName; contentType: string }[] = [
  { file: 'authentik.ndjson', source: 'authentik', contentType: 'application/x-ndjson' },
  { file: 'privx.ndjson', source: 'privx', contentType: 'application/x-ndjson' },
  { file: 'keeper.ndjson', source: 'keeper', contentType: 'application/x-ndjson' },
  { file: 'keeper.syslog.log', source: 'keeper', contentType: 'text/plain' },
  { file: 'akeyless.ndjson', source: 'akeyless', contentType: 'application/x-ndjson' },
  { file: 'czertainly.ndjson', source: 'czertainly', contentType: 'application/x-ndjson' },
];

const read = (file: string) => readFileSync(new URL(`../fixtures/vendor/${file}`, import.meta.url), 'utf8');
const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');

/** Turns a value into a quoted query-language phrase. */
const quoted = (value: string) => `"${value.replace(/["\\]/g, '\\$&')}"`;

describe('end to end: the real server ingests every vendor fixture over HTTP', () => {
  let server: ServerProcess;
  let syslogPort: number;

  beforeAll(async () => {
    syslogPort = await freePort();
    server = await startServer({ VIGIL_SYSLOG_PORT: String(syslogPort), VIGIL_SYSLOG_SOURCE: 'generic' });
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
  });

  it.each(FIXTURES)('ingests $file and finds each event by a field query', async ({ file, source, contentType }) => {
    const body = read(file);
    const response = await fetch(`${server.url}/api/v1/ingest/${source}?wait=true`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    });
    expect(response.status).toBe(202);
    const result = (await response.json()) as { accepted: number; rejected: unknown[] };
    expect(result.rejected).toEqual([]);
    expect(result.accepted).toBe(lines(body).length);

    // What the server should have stored: the same pipeline, run here on the same records.
    const stages = await createPipelineStages({ enrich: true });
    const envelopes: Envelope[] = toEnvelopes(lines(body), { source, input: 'http' });
    const expected = processBatch(envelopes, stages, newCounters());
    expect(expected.deadLetters.map((d) => d.reason)).toEqual([]);
    expect(expected.events.length).toBeGreaterThanOrEqual(lines(body).length);

    for (const { id, event } of expected.events) {
      // A record without a time of its own is stamped when received, which differs between here and
      // there; it is found by its action and message instead of its id.
      const ownTime = event['@timestamp'] !== envelopes[0]?.received_at;
      const at = quoted(event['@timestamp']);
      const q = `event.module:${source} AND event.action:${quoted(event.event.action)}${ownTime ? ` AND @timestamp >= ${at} AND @timestamp <= ${at}` : ''}`;
      const url = `${server.url}/api/v1/search?q=${encodeURIComponent(q)}&from=2000-01-01T00:00:00Z&to=now%2B1d&size=100`;
      const search = (await (await fetch(url)).json()) as { hits: { id: string; message?: string }[] };
      if (ownTime) {
        expect(
          search.hits.map((h) => h.id),
          `${file}: ${q}`,
        ).toContain(id);
      } else {
        expect(
          search.hits.map((h) => h.message),
          `${file}: ${q}`,
        ).toContain(event.message);
      }
      const found = ownTime ? id : search.hits.find((h) => h.message === event.message)?.id;
      const detail = await fetch(`${server.url}/api/v1/events/${found}`);
      expect(detail.status).toBe(200);
    }
  });

  it('receives syslog over UDP and TCP', async () => {
    const udp = createSocket('udp4');
    await new Promise<void>((resolve, reject) =>
      udp.send('<34>1 2026-02-01T10:00:00Z host-udp sshd 42 - - udp line from e2e', syslogPort, '127.0.0.1', (e) =>
        e ? reject(e) : resolve(),
      ),
    );
    udp.close();
    await new Promise<void>((resolve, reject) => {
      const socket = connect(syslogPort, '127.0.0.1', () => {
        socket.end('<34>Feb  1 10:00:01 host-tcp sshd[7]: tcp line from e2e\n', () => resolve());
      });
      socket.on('error', reject);
    });
    const deadline = Date.now() + 15_000;
    for (;;) {
      const url = `${server.url}/api/v1/search?q=${encodeURIComponent('"from e2e"')}&from=2000-01-01T00:00:00Z&to=now%2B1d`;
      const result = (await (await fetch(url)).json()) as { hits: { host?: { name?: string } }[] };
      const hosts = result.hits.map((h) => h.host?.name).sort();
      if (hosts.length === 2) {
        expect(hosts).toEqual(['host-tcp', 'host-udp']);
        return;
      }
      if (Date.now() > deadline) throw new Error(`syslog lines not found; got ${JSON.stringify(hosts)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  });
});
