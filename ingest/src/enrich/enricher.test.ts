import { readFileSync } from 'node:fs';
import type { CanonicalEvent } from '@vigil/schemas';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEnricher, mergeAs, mergeGeo, type Enricher } from './enricher.ts';

function event(extra: Partial<CanonicalEvent> = {}): CanonicalEvent {
  return {
    '@timestamp': '2026-01-01T12:00:00.000Z',
    event: {
      action: 'login',
      kind: 'event',
      category: ['authentication'],
      type: ['start'],
      module: 'generic',
      dataset: 'generic.audit',
      ingested: '2026-01-01T12:00:01.000Z',
    },
    ...extra,
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function fixtureLines(name: string): Record<string, unknown>[] {
  const text = readFileSync(new URL(`../../../test/fixtures/vendor/${name}`, import.meta.url), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

let enricher: Enricher;
beforeAll(async () => {
  enricher = await createEnricher();
}, 60_000);

describe('public addresses', () => {
  it('adds geo and ASN to source.ip and lists it in related.ip', () => {
    const out = enricher.enrich(event({ source: { ip: '81.2.69.160' } }));
    expect(out.source).toEqual({
      ip: '81.2.69.160',
      geo: {
        country_iso_code: 'GB',
        country_name: 'United Kingdom',
        continent_code: 'EU',
        continent_name: 'Europe',
        city_name: 'Bracknell',
        region_name: 'England',
        location: { lat: 51.4036, lon: -0.7618 },
      },
      as: { number: 20712, organization: { name: 'Andrews & Arnold Ltd' } },
    });
    expect(out.related?.ip).toEqual(['81.2.69.160']);
    expect(out.tags).toBeUndefined();
  });

  it('normalizes IPv4-mapped IPv6 and IPv6 text before the lookup', () => {
    expect(enricher.enrich(event({ source: { ip: '::ffff:8.8.8.8' } })).source).toMatchObject({
      ip: '8.8.8.8',
      geo: { country_iso_code: 'US' },
      as: { number: 15169, organization: { name: 'Google LLC' } },
    });
    expect(enricher.enrich(event({ source: { ip: '2001:4860:4860:0:0:0:0:8888' } })).source).toMatchObject({
      ip: '2001:4860:4860::8888',
      as: { number: 15169 },
    });
  });

  it('takes a port off the address into source.port', () => {
    const out = enricher.enrich(event({ source: { ip: '8.8.8.8:5353' } }));
    expect(out.source).toMatchObject({ ip: '8.8.8.8', port: 5353, as: { number: 15169 } });
  });
});

describe('special-purpose and invalid addresses', () => {
  it.each([
    ['10.0.0.1', 'ip_private'],
    ['fd00::1', 'ip_private'],
    ['::1', 'ip_loopback'],
    ['169.254.1.1', 'ip_link_local'],
    ['100.64.1.1', 'ip_cgnat'],
    ['203.0.113.77', 'ip_documentation'],
    ['2001:db8::1', 'ip_documentation'],
    ['0.0.0.0', 'ip_unspecified'],
    ['239.1.1.1', 'ip_multicast'],
    ['255.255.255.255', 'ip_broadcast'],
  ])('%s is tagged %s and not looked up', (ip, tag) => {
    const before = enricher.counters.lookups;
    const out = enricher.enrich(event({ source: { ip }, tags: ['existing'] }));
    expect(out.tags).toEqual(['existing', tag]);
    expect(out.source?.geo).toBeUndefined();
    expect(out.source?.as).toBeUndefined();
    expect(enricher.counters.lookups).toBe(before);
  });

  it('moves a string that is not an address to source.address', () => {
    const out = enricher.enrich(event({ source: { ip: 'unknown' } }));
    expect(out.source).toEqual({ address: 'unknown' });
    expect(out.tags).toEqual(['ip_invalid']);
    expect(out.related?.ip).toBeUndefined();
    const host = enricher.enrich(event({ source: { ip: 'vpn.example.com', address: 'vpn' } }));
    expect(host.source).toEqual({ address: 'vpn' });
  });

  it('normalizes destination.ip and lists it in related.ip without a lookup', () => {
    const out = enricher.enrich(event({ source: { ip: '8.8.8.8' }, destination: { ip: '::ffff:10.0.0.5' } }));
    expect(out.destination).toEqual({ ip: '10.0.0.5' });
    expect(out.related?.ip).toEqual(['8.8.8.8', '10.0.0.5']);
    const invalid = enricher.enrich(event({ destination: { ip: 'db-01' } }));
    expect(invalid.destination).toEqual({ address: 'db-01' });
    expect(invalid.tags).toEqual(['destination_ip_invalid']);
  });
});

describe('vendor-provided geo and ASN win', () => {
  it('keeps a vendor location from another country and only adds names', () => {
    const out = enricher.enrich(
      event({ source: { ip: '81.2.69.160', geo: { country_iso_code: 'DE', city_name: 'Munich' } } }),
    );
    expect(out.source?.geo).toEqual({
      country_iso_code: 'DE',
      country_name: 'Germany',
      continent_code: 'EU',
      continent_name: 'Europe',
      city_name: 'Munich',
    });
  });

  it('fills what the vendor left out when the countries agree', () => {
    const out = enricher.enrich(
      event({ source: { ip: '81.2.69.160', geo: { country_iso_code: 'GB', location: { lat: 51.5, lon: -0.12 } } } }),
    );
    expect(out.source?.geo).toMatchObject({
      country_iso_code: 'GB',
      country_name: 'United Kingdom',
      city_name: 'Bracknell',
      location: { lat: 51.5, lon: -0.12 },
    });
  });

  it('derives names for vendor geo even without an address, and leaves placeholders alone', () => {
    expect(enricher.enrich(event({ source: { geo: { country_iso_code: 'fr' } } })).source?.geo).toEqual({
      country_iso_code: 'fr',
      country_name: 'France',
      continent_code: 'EU',
      continent_name: 'Europe',
    });
    const placeholder = { country_iso_code: 'placeholder', city_name: 'placeholder', location: { lat: 42, lon: 42 } };
    const out = enricher.enrich(event({ source: { ip: '::1', geo: placeholder } }));
    expect(out.source?.geo).toEqual(placeholder);
  });

  it('keeps a vendor AS number and fills its organization only when the numbers agree', () => {
    const vendor = enricher.enrich(
      event({ source: { ip: '8.8.8.8', as: { number: 6805, organization: { name: 'Telefonica Germany' } } } }),
    );
    expect(vendor.source?.as).toEqual({ number: 6805, organization: { name: 'Telefonica Germany' } });
    const agreeing = enricher.enrich(event({ source: { ip: '8.8.8.8', as: { number: 15169 } } }));
    expect(agreeing.source?.as).toEqual({ number: 15169, organization: { name: 'Google LLC' } });
  });

  it('merges pure values without sharing the cached objects', () => {
    const looked = { country_iso_code: 'US', location: { lat: 1, lon: 2 } };
    const merged = mergeGeo(undefined, looked);
    expect(merged).toEqual(looked);
    expect(merged?.location).not.toBe(looked.location);
    expect(mergeAs(undefined, { number: 1, organization: { name: 'x' } })).toEqual({
      number: 1,
      organization: { name: 'x' },
    });
    expect(mergeAs({ organization: { name: 'vendor' } }, { number: 1, organization: { name: 'x' } })).toEqual({
      number: 1,
      organization: { name: 'vendor' },
    });
  });
});

describe('related and immutability', () => {
  it('collects related.user from the actor and the target, without duplicates', () => {
    const out = enricher.enrich(
      event({
        user: { name: 'akadmin', email: 'root@localhost', target: { name: 'bob', email: 'root@localhost' } },
        related: { user: ['akadmin'], hosts: ['h1'] },
      }),
    );
    expect(out.related).toEqual({ user: ['akadmin', 'root@localhost', 'bob'], hosts: ['h1'] });
  });

  it('never mutates its input', () => {
    const input = deepFreeze(
      event({
        source: { ip: '::ffff:81.2.69.160', geo: { country_iso_code: 'GB' } },
        tags: ['a'],
        user: { name: 'u' },
      }),
    );
    const copy = structuredClone(input);
    const out = enricher.enrich(input);
    expect(input).toEqual(copy);
    expect(out.source?.ip).toBe('81.2.69.160');
  });
});

describe('vendor fixtures', () => {
  const addresses = [
    ...fixtureLines('authentik.ndjson').map((line) => line.client_ip),
    ...fixtureLines('keeper.ndjson').map((line) => line.remote_address),
    ...fixtureLines('privx.ndjson').map((line) => (line.message as Record<string, unknown> | undefined)?.remoteAddress),
  ].filter((ip): ip is string => typeof ip === 'string');

  it('classifies or locates every address the vendors send', () => {
    const summary = addresses.map((ip) => {
      const out = enricher.enrich(event({ source: { ip } }));
      return [out.source?.ip, out.tags?.join(',') ?? out.source?.geo?.country_iso_code, out.source?.as?.number];
    });
    expect(summary).toEqual([
      ['::1', 'ip_loopback', undefined],
      ['::1', 'ip_loopback', undefined],
      ['::1', 'ip_loopback', undefined],
      ['::1', 'ip_loopback', undefined],
      ['::1', 'ip_loopback', undefined],
      ['203.0.113.77', 'ip_documentation', undefined],
      ['172.18.0.1', 'ip_private', undefined],
      ['10.42.7.1', 'ip_private', undefined],
      ['12.34.56.78', 'US', 7018],
      ['175.253.55.123', 'KR', 4766],
      ['114.215.208.223', 'CN', 37963],
      ['10.0.0.1', 'ip_private', undefined],
    ]);
  });
});

describe('cache and counters', () => {
  it('bounds the cache and counts hits, lookups and classes', async () => {
    const small = await createEnricher({ cacheSize: 2 });
    for (const ip of ['8.8.8.8', '8.8.8.8', '1.1.1.1', '81.2.69.160', '8.8.8.8', '10.1.1.1', 'nope']) {
      small.enrich(event({ source: { ip } }));
    }
    expect(small.counters).toMatchObject({
      events: 7,
      addresses: 7,
      lookups: 4,
      cacheHits: 1,
      private: 1,
      special: 1,
      invalid: 1,
      asnFound: 4,
    });
  });

  it('without databases still normalizes and tags', async () => {
    const plain = await createEnricher({ enabled: false });
    const out = plain.enrich(event({ source: { ip: '::ffff:8.8.8.8' }, destination: { ip: '10.0.0.1' } }));
    expect(out.source).toEqual({ ip: '8.8.8.8' });
    expect(plain.counters.lookups).toBe(0);
    expect(plain.sources).toEqual({ geo: undefined, asn: undefined });
    expect(plain.apply(event({ source: { ip: '192.168.0.1' } })).tags).toEqual(['ip_private']);
  });
});

describe('throughput (printed, not asserted)', () => {
  let seed = 7;
  const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0);
  const randomIp = () => [random() >>> 24, (random() >>> 16) & 255, (random() >>> 8) & 255, random() & 255].join('.');

  it('measures uncached lookups/s and events/s with a realistic cache hit rate', async () => {
    const uncached = await createEnricher({ cacheSize: 1 });
    const distinct = Array.from({ length: 50_000 }, () => event({ source: { ip: randomIp() } }));
    let started = performance.now();
    for (const e of distinct) uncached.enrich(e);
    const lookupsPerSecond = uncached.counters.lookups / ((performance.now() - started) / 1000);

    const pool = Array.from({ length: 5_000 }, randomIp);
    const stream = Array.from({ length: 200_000 }, () =>
      event({ source: { ip: pool[random() % pool.length] ?? '8.8.8.8' }, user: { name: 'alice' } }),
    );
    const cached = await createEnricher();
    started = performance.now();
    for (const e of stream) cached.enrich(e);
    const eventsPerSecond = stream.length / ((performance.now() - started) / 1000);
    console.log(
      `enricher: ${Math.round(lookupsPerSecond).toLocaleString('en')} uncached lookups/s (geo + asn); ` +
        `${Math.round(eventsPerSecond).toLocaleString('en')} events/s over 5,000 distinct IPs ` +
        `(${cached.counters.cacheHits} cache hits, ${cached.counters.lookups} lookups)`,
    );
    expect(uncached.counters.lookups).toBeGreaterThan(40_000);
    expect(cached.counters.lookups).toBeLessThanOrEqual(5_000);
  }, 120_000);
});
