import type { CanonicalEvent } from '@vigil/schemas';
import { dropUndefined } from '../parsers/event-builder.ts';
import { openAsnLookup, type AsnFields, type AsnLookup } from './asn.ts';
import { continentName, countryNames } from './countries.ts';
import { openGeoLookup, type GeoFields, type GeoLookup } from './geoip.ts';
import { classifyIp, IP_INVALID_TAG, ipClassTag, parseIp, type IpClass, type ParsedIp } from './ip-class.ts';

export interface EnricherOptions {
  /** The operator's MaxMind/DB-IP City (or Country) database; default: GeoLite2 shipped in npm. */
  geoipCityMmdb?: string;
  /** The operator's MaxMind/DB-IP ASN database; default: ip-location-db ASN ranges shipped in npm. */
  asnMmdb?: string;
  /** false: no databases are loaded and no lookups made; IPs are still normalized and tagged. */
  enabled?: boolean;
  /** Distinct source IPs whose result is kept (LRU). */
  cacheSize?: number;
}

export interface EnricherCounters {
  events: number;
  /** source.ip values seen. */
  addresses: number;
  /** Database lookups (cache misses on public addresses). */
  lookups: number;
  cacheHits: number;
  /** RFC 1918 / unique-local source addresses. */
  private: number;
  /** Every source address in a special-purpose range (private included), tagged and not looked up. */
  special: number;
  /** source.ip values that were not addresses, moved to source.address. */
  invalid: number;
  geoFound: number;
  asnFound: number;
}

export interface Enricher {
  /** Synchronous; never mutates its argument. */
  enrich(event: CanonicalEvent): CanonicalEvent;
  /** The pipeline's stage interface; the same as `enrich`. */
  apply(event: CanonicalEvent): CanonicalEvent;
  readonly counters: EnricherCounters;
  /** What the lookups read, for logs and /health. */
  readonly sources: { geo?: string; asn?: string };
}

type Source = NonNullable<CanonicalEvent['source']>;

/** Everything known about one source.ip string; cached, so treat as read-only. */
type AddressInfo =
  | { kind: 'invalid' }
  | { kind: 'special'; ip: ParsedIp; ipClass: IpClass }
  | { kind: 'public'; ip: ParsedIp; geo?: GeoFields; as?: AsnFields };

/** A Map keeps insertion order, so re-inserting on a hit makes the first key the least recent. */
class LruCache<K, V> {
  private readonly entries = new Map<K, V>();
  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, value);
  }
}

/** Names derived from codes the vendor (or the database) gave, without touching given values. */
function withDerivedNames(geo: GeoFields): GeoFields {
  const country = countryNames(geo.country_iso_code);
  const continentCode = geo.continent_code ?? country?.continent_code;
  const derived = dropUndefined({
    country_name: country?.country_name,
    continent_code: continentCode,
    continent_name: continentName(continentCode),
  });
  return { ...derived, ...geo };
}

/**
 * Vendor geo wins: the lookup only fills fields the vendor left out, and only when both agree on
 * the country; when they disagree the vendor's fields stand alone rather than a mixed location.
 */
export function mergeGeo(vendor: GeoFields | undefined, looked: GeoFields | undefined): GeoFields | undefined {
  if (!vendor) return looked && { ...looked, ...(looked.location && { location: { ...looked.location } }) };
  const given = withDerivedNames(vendor);
  const vendorCountry = vendor.country_iso_code?.toUpperCase();
  if (!looked || (vendorCountry && looked.country_iso_code && vendorCountry !== looked.country_iso_code)) return given;
  return { ...looked, ...(looked.location && { location: { ...looked.location } }), ...given };
}

/** Vendor ASN wins the same way: the lookup fills the gaps when the AS numbers agree. */
export function mergeAs(vendor: AsnFields | undefined, looked: AsnFields | undefined): AsnFields | undefined {
  if (!looked) return vendor;
  if (vendor?.number !== undefined && looked.number !== undefined && vendor.number !== looked.number) return vendor;
  const number = vendor?.number ?? looked.number;
  const name = vendor?.organization?.name ?? looked.organization?.name;
  return { ...vendor, ...(number !== undefined && { number }), ...(name !== undefined && { organization: { name } }) };
}

function unique(values: readonly (string | undefined)[]): string[] | undefined {
  const set = new Set<string>();
  for (const value of values) if (value) set.add(value);
  return set.size === 0 ? undefined : [...set];
}

class IpEnricher implements Enricher {
  readonly counters: EnricherCounters = {
    events: 0,
    addresses: 0,
    lookups: 0,
    cacheHits: 0,
    private: 0,
    special: 0,
    invalid: 0,
    geoFound: 0,
    asnFound: 0,
  };
  readonly sources: { geo?: string; asn?: string };
  private readonly cache: LruCache<string, AddressInfo>;
  readonly apply = (event: CanonicalEvent): CanonicalEvent => this.enrich(event);

  constructor(
    private readonly geo: GeoLookup | undefined,
    private readonly asn: AsnLookup | undefined,
    cacheSize: number,
  ) {
    this.cache = new LruCache(cacheSize);
    this.sources = { geo: geo?.description, asn: asn?.description };
  }

  enrich(event: CanonicalEvent): CanonicalEvent {
    this.counters.events++;
    const tags: string[] = [];
    const source = event.source && this.enrichSource(event.source, tags);
    const destination = event.destination && this.normalizeDestination(event.destination, tags);
    const related = {
      ...event.related,
      ip: unique([...(event.related?.ip ?? []), source?.ip, destination?.ip]),
      user: unique([
        ...(event.related?.user ?? []),
        event.user?.name,
        event.user?.email,
        event.user?.target?.name,
        event.user?.target?.email,
      ]),
    };
    const out: CanonicalEvent = { ...event };
    if (source && Object.keys(source).length > 0) out.source = source;
    else delete out.source;
    if (destination && Object.keys(destination).length > 0) out.destination = destination;
    else delete out.destination;
    if (!related.ip) delete related.ip;
    if (!related.user) delete related.user;
    if (Object.keys(related).length > 0) out.related = related;
    if (tags.length > 0) out.tags = unique([...(event.tags ?? []), ...tags]);
    return out;
  }

  private enrichSource(source: Source, tags: string[]): Source {
    const out: Source = { ...source };
    if (source.ip !== undefined) {
      this.counters.addresses++;
      const info = this.addressInfo(source.ip);
      if (info.kind === 'invalid') {
        this.counters.invalid++;
        tags.push(IP_INVALID_TAG);
        delete out.ip;
        if (source.ip.trim() !== '') out.address ??= source.ip;
        return this.withVendorGeo(out);
      }
      out.ip = info.ip.address;
      if (info.ip.port !== undefined) out.port ??= info.ip.port;
      if (info.kind === 'special') {
        this.counters.special++;
        if (info.ipClass === 'private') this.counters.private++;
        tags.push(ipClassTag(info.ipClass));
        return this.withVendorGeo(out);
      }
      const geo = mergeGeo(source.geo, info.geo);
      const as = mergeAs(source.as, info.as);
      if (geo) out.geo = geo;
      if (as) out.as = as;
      return out;
    }
    return this.withVendorGeo(out);
  }

  private withVendorGeo(source: Source): Source {
    return source.geo ? { ...source, geo: withDerivedNames(source.geo) } : source;
  }

  private normalizeDestination(destination: NonNullable<CanonicalEvent['destination']>, tags: string[]) {
    if (destination.ip === undefined) return destination;
    const parsed = parseIp(destination.ip);
    const out = { ...destination };
    if (parsed) {
      out.ip = parsed.address;
      if (parsed.port !== undefined) out.port ??= parsed.port;
      return out;
    }
    tags.push(`destination_${IP_INVALID_TAG}`);
    delete out.ip;
    if (destination.ip.trim() !== '') out.address ??= destination.ip;
    return out;
  }

  private addressInfo(raw: string): AddressInfo {
    const cached = this.cache.get(raw);
    if (cached) {
      this.counters.cacheHits++;
      return cached;
    }
    const info = this.resolve(raw);
    this.cache.set(raw, info);
    return info;
  }

  private resolve(raw: string): AddressInfo {
    const ip = parseIp(raw);
    if (!ip) return { kind: 'invalid' };
    const ipClass = classifyIp(ip);
    if (ipClass) return { kind: 'special', ip, ipClass };
    if (!this.geo && !this.asn) return { kind: 'public', ip };
    this.counters.lookups++;
    const geo = this.geo?.lookup(ip);
    const as = this.asn?.lookup(ip);
    if (geo) this.counters.geoFound++;
    if (as) this.counters.asnFound++;
    return { kind: 'public', ip, ...(geo && { geo }), ...(as && { as }) };
  }
}

/**
 * Opens the databases (async, once at start) and returns the synchronous enrichment stage. It fails
 * at start when a configured database cannot be opened, never later per event.
 */
export async function createEnricher(options: EnricherOptions = {}): Promise<Enricher> {
  const enabled = options.enabled ?? true;
  const [geo, asn] = enabled
    ? await Promise.all([openGeoLookup(options.geoipCityMmdb), openAsnLookup(options.asnMmdb)])
    : [undefined, undefined];
  return new IpEnricher(geo, asn, Math.max(1, options.cacheSize ?? 50_000));
}
