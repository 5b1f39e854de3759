import type { CanonicalEvent } from '@vigil/schemas';
import { asRecord, asString, dropUndefined } from './event-builder.ts';

type Source = NonNullable<CanonicalEvent['source']>;
type Geo = NonNullable<Source['geo']>;
type As = NonNullable<Source['as']>;

/** Stand-ins the vendor docs print instead of real values (event-actions.md uses "placeholder"). */
const PLACEHOLDERS = new Set(['placeholder', '[...]', '...']);

function isPlaceholder(value: unknown): boolean {
  return typeof value === 'string' && PLACEHOLDERS.has(value.trim().toLowerCase());
}

function realString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' && !isPlaceholder(value) ? value : undefined;
}

/** ISO 3166 country and continent codes are two letters; anything else is not a code. */
function twoLetterCode(value: unknown): string | undefined {
  const text = realString(value);
  return text && /^[A-Za-z]{2}$/.test(text) ? text.toUpperCase() : undefined;
}

function geoPoint(lat: unknown, lon: unknown): { lat: number; lon: number } | undefined {
  if (typeof lat !== 'number' || typeof lon !== 'number') return undefined;
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return undefined;
  return { lat, lon };
}

/**
 * `context.geo` (authentik's GeoIPDict: continent, country, lat, long, city) as ECS `source.geo`.
 * The docs example fills every text field with "placeholder" and the coordinates with 42.0/42.0; when
 * all the text fields present are placeholders, the coordinates are taken as placeholders too.
 */
export function authentikGeo(value: unknown): Geo | undefined {
  const geo = asRecord(value);
  if (!geo) return undefined;
  const texts = [geo.country, geo.continent, geo.city].filter((v) => typeof v === 'string' && v !== '');
  const placeholderOnly = texts.length > 0 && texts.every(isPlaceholder);
  return emptyToUndefined({
    location: placeholderOnly ? undefined : geoPoint(geo.lat, geo.long),
    country_iso_code: twoLetterCode(geo.country),
    city_name: realString(geo.city),
    continent_code: twoLetterCode(geo.continent),
  });
}

/** `context.asn` (authentik's ASNDict: asn, as_org, network) as ECS `source.as`; `network` stays in the context. */
export function authentikAs(value: unknown): As | undefined {
  const asn = asRecord(value);
  if (!asn) return undefined;
  const number = typeof asn.asn === 'number' && Number.isInteger(asn.asn) && asn.asn > 0 ? asn.asn : undefined;
  const organization = realString(asn.as_org);
  return emptyToUndefined({ number, organization: organization ? { name: organization } : undefined });
}

export type HttpFields = Pick<CanonicalEvent, 'http' | 'url' | 'user_agent'>;

/**
 * `context.http_request` ({args, method, path, request_id?, user_agent?}) as ECS http/url/user_agent.
 * The flow executor passes the original query string as `args.query`; other views put the parsed
 * (and already cleansed) query parameters in `args`, from which the query string is rebuilt.
 */
export function authentikHttp(value: unknown, fallbackRequestId?: string): HttpFields {
  const request = asRecord(value) ?? {};
  const method = asString(request.method)?.toUpperCase();
  return dropUndefined({
    http: { request: { method, id: asString(request.request_id) ?? fallbackRequestId } },
    url: { path: realString(request.path), query: queryString(asRecord(request.args)) },
    user_agent: { original: realString(request.user_agent) },
  });
}

function queryString(args: Record<string, unknown> | undefined): string | undefined {
  if (!args) return undefined;
  if (typeof args.query === 'string') return realString(args.query);
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(args)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      const text = asString(item);
      if (text !== undefined) params.append(key, text);
    }
  }
  const text = params.toString();
  return text === '' ? undefined : text;
}

function emptyToUndefined<T extends object>(value: T): T | undefined {
  const cleaned = dropUndefined(value);
  return Object.keys(cleaned).length > 0 ? cleaned : undefined;
}
