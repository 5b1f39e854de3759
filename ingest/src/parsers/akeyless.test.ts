import { readFileSync } from 'node:fs';
import type { CanonicalEvent, Envelope } from '@vigil/schemas';
import { describe, expect, it } from 'vitest';
import { akeylessParser } from './akeyless.ts';
import { AKEYLESS_EVENT_TYPES } from './akeyless-event-types.ts';
import { ParseError } from './parser.ts';

const fixture = (path: string) => readFileSync(new URL(`../../../test/fixtures/${path}`, import.meta.url), 'utf8');
const FIXTURE_LINES = fixture('vendor/akeyless.ndjson').split('\n').filter(Boolean);
const SEED = fixture('seeds/000_33fd12701ec8570f.txt');
const RECEIVED_AT = '2025-06-01T12:00:00.000Z';

// Types the vendor doc adds to the seed: the newer docs' gateway certificate events and the API enum's names.
const VENDOR_DOC_ONLY_TYPES = [
  'gateway-certificate-about-to-expire',
  'gateway-certificate-expired',
  'usage',
  'rotation-usage',
];

const ECS_CATEGORIES = new Set(
  'authentication iam configuration session web network process file host database intrusion_detection malware package threat vulnerability api'.split(
    ' ',
  ),
);
const ECS_TYPES = new Set(
  'start end info creation deletion change access admin allowed denied error user group installation connection protocol indicator'.split(
    ' ',
  ),
);

function envelope(raw: string): Envelope {
  return { ingest_id: 'test-1', source: 'akeyless', input: 'http', received_at: RECEIVED_AT, raw };
}

function parse(value: unknown): CanonicalEvent[] {
  return akeylessParser.parse(envelope(typeof value === 'string' ? value : JSON.stringify(value)));
}

function containsNull(value: unknown): boolean {
  if (value === null) return true;
  if (typeof value !== 'object') return false;
  return Object.values(value).some(containsNull);
}

describe('akeylessParser on the vendor fixture', () => {
  it('parses every fixture line into events without nulls', () => {
    expect(FIXTURE_LINES.length).toBeGreaterThan(0);
    for (const line of FIXTURE_LINES) {
      const events = akeylessParser.parse(envelope(line));
      expect(events.length).toBeGreaterThan(0);
      for (const event of events) {
        expect(containsNull(event)).toBe(false);
        expect(event.tags).toBeUndefined();
      }
    }
  });

  it('reads the documented certificate event, placeholders and all', () => {
    const [event, ...rest] = akeylessParser.parse(envelope(FIXTURE_LINES[0] ?? ''));
    expect(rest).toHaveLength(0);
    expect(event?.['@timestamp']).toBe(RECEIVED_AT);
    expect(event?.event).toMatchObject({
      action: 'certificate_expired',
      code: 'certificate-expired',
      category: ['configuration'],
      outcome: 'unknown',
      severity: 3,
      module: 'akeyless',
      original: FIXTURE_LINES[0],
    });
    expect(event?.log?.level).toBe('error');
    expect(event?.akeyless).toEqual({
      event_type: 'Certificate_Expired',
      object_type: 'item',
      item_name: '<Item Full Name>',
      item_id: '<Item ID>',
      description: '<Item Description>',
      payload: { certificate_details: { expires_at: '<Full Date>', description: '<Item Description>' } },
    });
    // `<Full Date>` is no date: kept in the payload and the message, no normalized field.
    expect(event?.message).toBe('Certificate <Item Full Name> expired on <Full Date>');
  });
});

describe('akeylessParser shapes', () => {
  const wrapped = {
    Akeyless_Events: {
      Certificate_Expired: [{ name: '/pki/web-a' }, { name: '/pki/web-b', item_id: 1234 }],
      certificate_pending_expiration: [
        { name: '/pki/web-c', payload: { certificate_details: { expires_at: '2025-07-01T00:00:00Z' } } },
        { name: '/pki/web-d' },
      ],
      'rotated-secret-success': [
        { item_name: '/Ansible/Credentials/svc', item_type: 'ROTATED_SECRET', extra_field: 'x' },
      ],
    },
  };

  it('turns every element of a wrapped record into one event, in order', () => {
    const events = parse(wrapped);
    expect(events.map((e) => e.event.action)).toEqual([
      'certificate_expired',
      'certificate_expired',
      'certificate_pending_expiration',
      'certificate_pending_expiration',
      'rotated_secret_success',
    ]);
    expect(events.map((e) => e.akeyless?.item_name)).toEqual([
      '/pki/web-a',
      '/pki/web-b',
      '/pki/web-c',
      '/pki/web-d',
      '/Ansible/Credentials/svc',
    ]);
    expect(events[1]?.akeyless?.item_id).toBe('1234');
    expect(events[2]?.akeyless?.expires_at).toBe('2025-07-01T00:00:00.000Z');
    expect(events[2]?.message).toBe('Certificate /pki/web-c expires on 2025-07-01T00:00:00.000Z');
    expect(events[3]?.message).toBe('Certificate /pki/web-d is about to expire');
    expect(events[4]?.event).toMatchObject({ code: 'rotated-secret-success', outcome: 'success', category: ['iam'] });
    expect(events[4]?.akeyless).toMatchObject({ item_type: 'ROTATED_SECRET', extra: { extra_field: 'x' } });
  });

  it('gives each event of a batch its own re-parsable original', () => {
    const events = parse(wrapped);
    expect(new Set(events.map((e) => e.event.original)).size).toBe(events.length);
    for (const event of events) {
      const [again, ...rest] = akeylessParser.parse(envelope(event.event.original ?? ''));
      expect(rest).toHaveLength(0);
      expect({ ...again, event: { ...again?.event, original: '' } }).toEqual({
        ...event,
        event: { ...event.event, original: '' },
      });
    }
    expect(JSON.parse(events[0]?.event.original ?? '')).toEqual({
      Akeyless_Events: { Certificate_Expired: [{ name: '/pki/web-a' }] },
    });
  });

  it('reads the bare grouped shape with several type keys and elements', () => {
    const events = parse({
      'gateway-inactive': [{ name: 'https://gw.example:8000', gateway_id: 'gw-1' }],
      'rotated-secret-failure': [
        { name: '/db/root', error: 'connection refused', event_id: 99, timestamp: 1717243200 },
        { name: '/db/app', error_message: 'timeout' },
      ],
    });
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({
      event: { action: 'gateway_inactive', category: ['host'], severity: 4 },
      akeyless: { object_type: 'gateway', gateway_id: 'gw-1' },
      message: 'Gateway https://gw.example:8000 became inactive',
    });
    expect(events[1]).toMatchObject({
      '@timestamp': '2024-06-01T12:00:00.000Z',
      event: { id: '99', outcome: 'failure', reason: 'connection refused', type: ['change', 'error'] },
      message: 'Rotated secret /db/root rotation failed: connection refused',
    });
    expect(events[1]?.akeyless?.extra).toBeUndefined();
    expect(events[2]?.event.reason).toBe('timeout');
    expect(events[2]?.['@timestamp']).toBe(RECEIVED_AT);
    expect(JSON.parse(events[2]?.event.original ?? '')).toEqual({
      'rotated-secret-failure': [{ name: '/db/app', error_message: 'timeout' }],
    });
  });

  it('keeps an unknown type, tagged, and drops nulls', () => {
    const [event] = parse({ 'Brand-New-Event': [{ name: 'x', item_id: null, payload: { a: null, b: 1 } }] });
    expect(event?.event.action).toBe('brand_new_event');
    expect(event?.event.code).toBe('Brand-New-Event');
    expect(event?.tags).toEqual(['akeyless_unknown_event_type']);
    expect(event?.message).toBe('Akeyless event Brand-New-Event for x');
    expect(event?.akeyless).toEqual({ event_type: 'Brand-New-Event', item_name: 'x', payload: { b: 1 } });
    expect(containsNull(event)).toBe(false);
  });

  it('skips elements that are not objects but keeps the usable ones', () => {
    const events = parse({ Certificate_Expired: [1, 'x', null, [], { name: 'ok' }] });
    expect(events.map((e) => e.akeyless?.item_name)).toEqual(['ok']);
    expect(events[0]?.event.original).toBe(JSON.stringify({ Certificate_Expired: [1, 'x', null, [], { name: 'ok' }] }));
  });
});

describe('akeyless event type table', () => {
  const seedTypes = [...SEED.matchAll(/^\s*•\s+([a-z_-]+)\s/gm)].map((m) => m[1] ?? '');

  it('has an entry for every event type of seed 000 and the vendor doc', () => {
    expect(seedTypes.length).toBe(24);
    for (const name of [...seedTypes, ...VENDOR_DOC_ONLY_TYPES]) {
      const [event] = parse({ [name]: [{ name: 'obj' }] });
      expect(event?.tags, name).toBeUndefined();
      expect(event?.event.code).toBe(name);
      expect(event?.message).toContain('obj');
    }
  });

  it('normalizes every spelling of a type to the same action', () => {
    for (const name of [
      'Certificate_Pending_Expiration',
      'certificate-pending-expiration',
      'CertificatePendingExpiration',
    ]) {
      expect(parse({ [name]: [{}] })[0]?.event.action).toBe('certificate_pending_expiration');
    }
  });

  it('classifies with ECS values and always renders a message', () => {
    for (const [action, spec] of AKEYLESS_EVENT_TYPES) {
      for (const category of spec.category) expect(ECS_CATEGORIES.has(category), action).toBe(true);
      for (const type of spec.type) expect(ECS_TYPES.has(type), action).toBe(true);
      expect(spec.severity).toBeGreaterThanOrEqual(0);
      expect(spec.severity).toBeLessThanOrEqual(7);
      expect(spec.messages.at(-1)).not.toMatch(/\{/);
      expect(parse({ [spec.vendorName]: [{}] })[0]?.message).toBe(spec.messages.at(-1));
    }
  });
});

describe('akeylessParser malformed input', () => {
  const bad: Array<[string, string]> = [
    ['not JSON', '{"Certificate_Expired": ['],
    ['the doc sample with its {...} placeholder', '{"Akeyless_Events": {"Request_Access": [{...}]}}'],
    ['a top-level array', '[{"name": "x"}]'],
    ['a string', '"Certificate_Expired"'],
    ['an empty object', '{}'],
    ['a type without an array', '{"Certificate_Expired": {"name": "x"}}'],
    ['a type with a scalar', '{"Certificate_Expired": [{"name": "x"}], "sent": "now"}'],
    ['only unusable elements', '{"Certificate_Expired": [1, "x", null]}'],
    ['empty arrays', '{"Certificate_Expired": [], "gateway-inactive": []}'],
    ['a wrapper that is not an object', '{"Akeyless_Events": [{"name": "x"}]}'],
    ['an empty wrapper', '{"Akeyless_Events": {}}'],
  ];
  it.each(bad)('rejects %s with ParseError', (_label, raw) => {
    expect(() => akeylessParser.parse(envelope(raw))).toThrow(ParseError);
  });
});
