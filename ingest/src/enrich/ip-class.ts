import ipaddr from 'ipaddr.js';

export type IpVersion = 4 | 6;

export interface ParsedIp {
  /** Canonical text: dotted quad for IPv4 (IPv4-mapped IPv6 included), RFC 5952 for IPv6, no zone. */
  address: string;
  version: IpVersion;
  /** IPv4: the 4 octets; IPv6: the 8 16-bit groups. */
  parts: readonly number[];
  /** A port that came attached to the address (`1.2.3.4:443`, `[2001:db8::1]:443`). */
  port?: number;
}

/**
 * Address classes that are never looked up in GeoIP/ASN databases: they are tagged on the event
 * (`ip_<class>`) instead, because a location for them would be meaningless or misleading.
 */
export type IpClass =
  | 'private'
  | 'loopback'
  | 'link_local'
  | 'cgnat'
  | 'documentation'
  | 'unspecified'
  | 'multicast'
  | 'broadcast'
  | 'reserved';

/** The tag each class puts on the event; `ip_invalid` marks a source.ip that was not an address. */
export const IP_INVALID_TAG = 'ip_invalid';
export function ipClassTag(ipClass: IpClass): string {
  return `ip_${ipClass}`;
}

/** First match wins, so a more specific range comes before the range that contains it. */
const SPECIAL_RANGES: ReadonlyArray<readonly [cidr: string, ipClass: IpClass]> = [
  ['0.0.0.0/32', 'unspecified'],
  ['0.0.0.0/8', 'reserved'], // "this network" (RFC 791)
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'cgnat'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link_local'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'reserved'], // IETF protocol assignments
  ['192.0.2.0/24', 'documentation'],
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'reserved'], // benchmarking (RFC 2544)
  ['198.51.100.0/24', 'documentation'],
  ['203.0.113.0/24', 'documentation'],
  ['224.0.0.0/4', 'multicast'],
  ['255.255.255.255/32', 'broadcast'],
  ['240.0.0.0/4', 'reserved'],
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['100::/64', 'reserved'], // discard-only (RFC 6666)
  ['2001:db8::/32', 'documentation'],
  ['3fff::/20', 'documentation'], // RFC 9637
  ['fc00::/7', 'private'], // unique local
  ['fe80::/10', 'link_local'],
  ['ff00::/8', 'multicast'],
];

interface CompiledRange {
  version: IpVersion;
  parts: readonly number[];
  bits: number;
  ipClass: IpClass;
}

const COMPILED_RANGES: readonly CompiledRange[] = SPECIAL_RANGES.map(([cidr, ipClass]) => {
  const [address, bits] = ipaddr.parseCIDR(cidr);
  const version = address.kind() === 'ipv4' ? 4 : 6;
  const parts = address.kind() === 'ipv4' ? (address as ipaddr.IPv4).octets : (address as ipaddr.IPv6).parts;
  return { version, parts, bits, ipClass };
});

/** Compares the first `bits` bits of two addresses given as groups of `groupBits` bits. */
function prefixEquals(a: readonly number[], b: readonly number[], bits: number, groupBits: number): boolean {
  let remaining = bits;
  for (let i = 0; remaining > 0; i++, remaining -= groupBits) {
    const take = Math.min(remaining, groupBits);
    const shift = groupBits - take;
    if ((a[i] ?? 0) >>> shift !== (b[i] ?? 0) >>> shift) return false;
  }
  return true;
}

/** The special-purpose class of an address, or undefined for a public (routable) one. */
export function classifyIp(ip: ParsedIp): IpClass | undefined {
  const groupBits = ip.version === 4 ? 8 : 16;
  for (const range of COMPILED_RANGES) {
    if (range.version === ip.version && prefixEquals(ip.parts, range.parts, range.bits, groupBits)) {
      return range.ipClass;
    }
  }
  return undefined;
}

const IPV4_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const IPV4_WITH_PORT = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/;
const BRACKETED_IPV6 = /^\[([^\]]+)\](?::(\d{1,5}))?$/;

/**
 * Strict dotted-quad IPv4. Leading zeros are read as decimal (zero-padded log output), never as
 * octal, and the shorthand forms inet_aton accepts (`127.1`, `0x7f.0.0.1`) are rejected: in a log
 * they are far more likely to be something else than an address.
 */
function parseIpv4(text: string): ParsedIp | undefined {
  const match = IPV4_PATTERN.exec(text);
  if (!match) return undefined;
  const octets = [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4])];
  if (octets.some((octet) => octet > 255)) return undefined;
  return { address: octets.join('.'), version: 4, parts: octets };
}

function parseIpv6(text: string): ParsedIp | undefined {
  if (!text.includes(':') || !ipaddr.IPv6.isValid(text)) return undefined;
  const address = ipaddr.IPv6.parse(text);
  if (address.isIPv4MappedAddress()) {
    const octets = address.toIPv4Address().octets;
    return { address: octets.join('.'), version: 4, parts: octets };
  }
  // Zone ids (`%eth0`) only mean something on the host that logged them, and ip fields reject them.
  const parts = address.parts;
  return { address: new ipaddr.IPv6(parts).toRFC5952String(), version: 6, parts };
}

function withPort(ip: ParsedIp | undefined, port: string | undefined): ParsedIp | undefined {
  if (!ip || port === undefined) return ip;
  const value = Number(port);
  return value <= 65535 ? { ...ip, port: value } : undefined;
}

/**
 * Parses what a vendor put in an IP field: a bare IPv4/IPv6 address, IPv4-mapped IPv6 (returned as
 * IPv4), `[v6]`, or an address with a port. Anything else (hostnames, "unknown", "-") is undefined.
 */
export function parseIp(raw: string): ParsedIp | undefined {
  const text = raw.trim();
  const v4 = parseIpv4(text);
  if (v4) return v4;
  const v4WithPort = IPV4_WITH_PORT.exec(text);
  if (v4WithPort) return withPort(parseIpv4(v4WithPort[1] ?? ''), v4WithPort[2]);
  const bracketed = BRACKETED_IPV6.exec(text);
  if (bracketed) return withPort(parseIpv6(bracketed[1] ?? ''), bracketed[2]);
  return parseIpv6(text);
}

/** The address as one unsigned 32-bit number (IPv4 only). */
export function ipv4ToUint32(parts: readonly number[]): number {
  return (((parts[0] ?? 0) << 24) | ((parts[1] ?? 0) << 16) | ((parts[2] ?? 0) << 8) | (parts[3] ?? 0)) >>> 0;
}
