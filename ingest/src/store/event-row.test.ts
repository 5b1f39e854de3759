import { describe, expect, it } from 'vitest';
import type { CanonicalEvent } from '@vigil/schemas';
import { fullTextBody, rowidFor, ROWID_SHIFT } from './event-row.ts';

const event = {
  '@timestamp': '2026-03-10T12:00:00.000Z',
  message: 'alice logged in',
  event: {
    kind: 'event',
    category: ['authentication'],
    type: ['start'],
    module: 'privx',
    dataset: 'privx.audit',
    code: '1501',
    ingested: '2026-03-10T12:00:01.000Z',
    original: '{"user":"alice","secret_raw":"never indexed"}',
  },
  user: { name: 'alice' },
  related: { user: ['alice'], ip: ['81.2.69.142'] },
  source: { ip: '81.2.69.142', geo: { city_name: 'London', location: { lat: 51.5142, lon: -0.0931 } } },
  privx: { user: 'alice', session_id: 42, started: '2026-03-10T11:59:00Z' },
} as unknown as CanonicalEvent;

describe('fullTextBody', () => {
  const words = fullTextBody(event).split(' ');

  it('holds each distinct value once, vendor values and numbers included', () => {
    expect(words.filter((w) => w === 'alice')).toHaveLength(1);
    expect(words.filter((w) => w === '81.2.69.142')).toHaveLength(1);
    expect(words).toEqual(expect.arrayContaining(['1501', 'London', '42', 'authentication', 'privx']));
  });

  it('leaves out the message, the raw original, date-times and geo points', () => {
    const body = fullTextBody(event);
    expect(body).not.toContain('logged in');
    expect(body).not.toContain('never indexed');
    expect(body).not.toMatch(/2026-03-10/);
    expect(body).not.toContain('51.5142');
  });
});

describe('rowidFor', () => {
  it('orders by time and spreads one millisecond over the low bits by id', () => {
    const ms = Date.parse('2026-03-10T12:00:00.000Z');
    const a = rowidFor(ms, 'id-a');
    expect(Math.floor(a / ROWID_SHIFT)).toBe(ms);
    expect(rowidFor(ms, 'id-a')).toBe(a);
    const lows = new Set(Array.from({ length: 100 }, (_, n) => rowidFor(ms, `id-${n}`) % ROWID_SHIFT));
    expect(lows.size).toBeGreaterThan(90);
    expect(rowidFor(ms + 1, 'id-a')).toBeGreaterThan(rowidFor(ms, 'id-zzz'));
  });
});
