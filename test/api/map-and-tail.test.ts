import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeoResponse } from '@vigil/schemas';
import { startTestVigil } from '../support/embedded.ts';

/** Known events with known places: Prague twice, the US once, one private address (no location). */
const EVENTS = [
  { action: 'login', username: 'geo-a', remote_address: '94.112.253.173' },
  { action: 'login', username: 'geo-b', remote_address: '89.24.211.112' },
  { action: 'login', username: 'geo-c', remote_address: '50.171.213.209' },
  { action: 'login', username: 'geo-d', remote_address: '10.0.0.7' },
].map((e, i) => ({
  audit_event: e.action,
  username: e.username,
  remote_address: e.remote_address,
  timestamp: `2026-03-01T10:0${i}:00Z`,
}));

describe('map aggregation and live tail', () => {
  let vigil: Awaited<ReturnType<typeof startTestVigil>>;
  let base: string;

  beforeAll(async () => {
    vigil = await startTestVigil();
    await vigil.app.listen({ port: 0, host: '127.0.0.1' });
    const address = vigil.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const response = await fetch(`${base}/api/v1/ingest/keeper?wait=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: EVENTS.map((e) => JSON.stringify(e)).join('\n'),
    });
    expect(((await response.json()) as { accepted: number }).accepted).toBe(4);
  });
  afterAll(async () => {
    await vigil?.close();
  });

  it('clusters located events on a grid whose counts add up, and counts per country', async () => {
    const url = `${base}/api/v1/geo?q=${encodeURIComponent('user.name:geo-*')}&from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z&zoom=3`;
    const geo = (await (await fetch(url)).json()) as GeoResponse;
    expect(geo.total).toBe(3);
    expect(geo.cells.reduce((n, c) => n + c.count, 0)).toBe(3);
    const countries = Object.fromEntries(geo.countries.map((c) => [c.code, c.count]));
    expect(countries).toEqual({ CZ: 2, US: 1 });
    expect(geo.countries.find((c) => c.code === 'CZ')?.name).toBe('Czechia');
    for (const cell of geo.cells) {
      const [minLon, minLat, maxLon, maxLat] = cell.bbox;
      expect(cell.lat).toBeGreaterThanOrEqual(minLat);
      expect(cell.lat).toBeLessThanOrEqual(maxLat);
      expect(cell.lon).toBeGreaterThanOrEqual(minLon);
      expect(cell.lon).toBeLessThanOrEqual(maxLon);
    }
  });

  it('answers a bad map query with 400 and its column', async () => {
    const response = await fetch(`${base}/api/v1/geo?q=${encodeURIComponent('user.name:geo-a | stats count')}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('query_syntax');
  });

  it('streams newly stored events that match, and only those', async () => {
    const controller = new AbortController();
    const response = await fetch(`${base}/api/v1/tail?q=${encodeURIComponent('user.name:tail-*')}`, {
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = response.body!.getReader();
    const received: string[] = [];
    const reading = (async () => {
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += new TextDecoder().decode(value);
        for (const match of buffer.matchAll(/event: hit\ndata: (.*)\n\n/g))
          received.push(JSON.parse(match[1]!).user.name);
        buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 2);
        if (received.length >= 1) return;
      }
    })();
    await fetch(`${base}/api/v1/ingest/keeper?wait=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: [
        JSON.stringify({ audit_event: 'login', username: 'other-user', timestamp: '2026-03-01T11:00:00Z' }),
        JSON.stringify({ audit_event: 'login', username: 'tail-me', timestamp: '2026-03-01T11:00:01Z' }),
      ].join('\n'),
    });
    await Promise.race([reading, new Promise((r) => setTimeout(r, 5000))]);
    controller.abort();
    expect(received).toEqual(['tail-me']);
  });
});
