import { ipv4ToUint32, type IpVersion, type ParsedIp } from './ip-class.ts';

/**
 * Sorted, non-overlapping address ranges in typed arrays: an address is 1 Uint32 word (IPv4) or 4
 * (IPv6, most significant first). Organization names are interned: `orgIndex` points into `orgs`.
 */
export interface AsnRangeTable {
  readonly rows: number;
  /** Rows whose start fell inside the previous range, which was cut short to make room. */
  readonly overlaps: number;
  readonly words: 1 | 4;
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
  readonly asns: Uint32Array;
  readonly orgIndex: Uint32Array;
  readonly orgs: readonly string[];
}

type AddressWriter = (csv: string, from: number, to: number, out: Uint32Array, offset: number) => boolean;

/** Reads a dotted quad in place: 400k rows, so no intermediate strings. */
const writeIpv4Word: AddressWriter = (csv, from, to, out, offset) => {
  let value = 0;
  let octet = -1;
  let dots = 0;
  for (let i = from; i < to; i++) {
    const char = csv.charCodeAt(i);
    if (char === 0x2e) {
      if (octet < 0 || ++dots > 3) return false;
      value = value * 256 + octet;
      octet = -1;
    } else if (char >= 0x30 && char <= 0x39) {
      octet = (octet < 0 ? 0 : octet * 10) + (char - 0x30);
      if (octet > 255) return false;
    } else {
      return false;
    }
  }
  if (octet < 0 || dots !== 3) return false;
  out[offset] = value * 256 + octet;
  return true;
};

function hexValue(char: number): number {
  if (char >= 0x30 && char <= 0x39) return char - 0x30;
  const lower = char | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

const ipv6Groups = new Uint32Array(8);

/** Reads an IPv6 address (hex groups, at most one `::`) as 4 big-endian 32-bit words. */
const writeIpv6Words: AddressWriter = (csv, from, to, out, offset) => {
  let count = 0;
  let gapAt = -1;
  let i = from;
  if (csv.startsWith('::', from)) {
    gapAt = 0;
    i += 2;
  }
  while (i < to) {
    let value = 0;
    let digits = 0;
    for (let h = hexValue(csv.charCodeAt(i)); i < to && h >= 0 && digits <= 4; h = hexValue(csv.charCodeAt(++i))) {
      value = value * 16 + h;
      digits++;
    }
    if (digits === 0 || digits > 4 || count === 8) return false;
    ipv6Groups[count++] = value;
    if (i === to) break;
    if (csv.charCodeAt(i++) !== 0x3a || i === to) return false;
    if (csv.charCodeAt(i) === 0x3a) {
      if (gapAt >= 0) return false;
      gapAt = count;
      i++;
    }
  }
  const zeros = 8 - count;
  if (gapAt < 0 ? zeros !== 0 : zeros < 1) return false;
  const group = (k: number) =>
    gapAt < 0 || k < gapAt ? (ipv6Groups[k] ?? 0) : k < gapAt + zeros ? 0 : (ipv6Groups[k - zeros] ?? 0);
  for (let w = 0; w < 4; w++) out[offset + w] = group(2 * w) * 0x10000 + group(2 * w + 1);
  return true;
};

function readUnsigned(csv: string, from: number, to: number): number {
  if (from >= to) return NaN;
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = csv.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return NaN;
    value = value * 10 + digit;
  }
  return value;
}

/** The org column: CSV-quoted when it holds a comma or a quote. */
function readOrg(csv: string, from: number, to: number): string {
  const quoted = to - from >= 2 && csv.charCodeAt(from) === 0x22 && csv.charCodeAt(to - 1) === 0x22;
  return quoted ? csv.slice(from + 1, to - 1).replaceAll('""', '"') : csv.slice(from, to);
}

/**
 * A copy that shares no memory with the file's text: V8 represents a slice as a view into its
 * parent, so keeping slices would keep the whole 24 MB CSV string alive.
 */
function detached(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/** Compares the address at `aOffset` of `a` with the one at `bOffset` of `b`, word by word. */
function compare(a: ArrayLike<number>, aOffset: number, b: ArrayLike<number>, bOffset: number, words: number): number {
  for (let w = 0; w < words; w++) {
    const x = a[aOffset + w] ?? 0;
    const y = b[bOffset + w] ?? 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Writes `value - 1` (a multi-word unsigned number) at `outOffset`. */
function writeDecremented(value: Uint32Array, offset: number, out: Uint32Array, outOffset: number, words: number) {
  let borrow = true;
  for (let w = words - 1; w >= 0; w--) {
    const word = value[offset + w] ?? 0;
    out[outOffset + w] = borrow ? (word === 0 ? 0xffffffff : word - 1) : word;
    borrow &&= word === 0;
  }
}

/**
 * Binary search needs sorted, disjoint rows. The data is sorted by start, which is checked; the odd
 * overlap (the published data has known bugs) is resolved for the later, narrower row by ending the
 * previous range just before it. Returns 1 when it had to.
 */
function resolveOverlap(starts: Uint32Array, ends: Uint32Array, row: number, words: number, version: IpVersion) {
  const start = row * words;
  const previous = start - words;
  if (compare(starts, previous, starts, start, words) > 0) {
    throw new Error(`asn table (IPv${version}): row ${row + 1} is not sorted after the previous range`);
  }
  if (compare(ends, previous, starts, start, words) < 0) return 0;
  writeDecremented(starts, start, ends, previous, words);
  return 1;
}

/**
 * Parses ip-location-db's `start_ip,end_ip,asn,org` CSV (org quoted when it holds a comma). The
 * rows must be sorted and disjoint, which binary search relies on; a file that is not fails loudly.
 * Org names go through `intern`, shared across tables, so each distinct name is stored once.
 */
export function buildAsnRangeTable(
  csv: string,
  version: IpVersion,
  intern: Map<string, number>,
  orgs: string[],
): AsnRangeTable {
  const words = version === 4 ? 1 : 4;
  const writeAddress = version === 4 ? writeIpv4Word : writeIpv6Words;
  let capacity = 0;
  for (let at = csv.indexOf('\n'); at !== -1; at = csv.indexOf('\n', at + 1)) capacity++;
  capacity++;
  const starts = new Uint32Array(capacity * words);
  const ends = new Uint32Array(capacity * words);
  const asns = new Uint32Array(capacity);
  const orgIndex = new Uint32Array(capacity);
  let rows = 0;
  let overlaps = 0;
  for (let lineStart = 0; lineStart < csv.length;) {
    let lineEnd = csv.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = csv.length;
    const from = lineStart;
    const to = csv.charCodeAt(lineEnd - 1) === 0x0d ? lineEnd - 1 : lineEnd;
    lineStart = lineEnd + 1;
    if (to <= from) continue;
    const c1 = csv.indexOf(',', from);
    const c2 = c1 === -1 ? -1 : csv.indexOf(',', c1 + 1);
    const c3 = c2 === -1 ? -1 : csv.indexOf(',', c2 + 1);
    const asn = readUnsigned(csv, c2 + 1, c3);
    const ok =
      c3 !== -1 &&
      c3 < to &&
      asn <= 0xffffffff &&
      writeAddress(csv, from, c1, starts, rows * words) &&
      writeAddress(csv, c1 + 1, c2, ends, rows * words);
    if (!ok) {
      throw new Error(`asn table (IPv${version}): malformed row ${rows + 1}: ${csv.slice(from, to)}`);
    }
    if (rows > 0) overlaps += resolveOverlap(starts, ends, rows, words, version);
    const org = readOrg(csv, c3 + 1, to);
    let index = intern.get(org);
    if (index === undefined) {
      const stored = detached(org);
      index = orgs.push(stored) - 1;
      intern.set(stored, index);
    }
    asns[rows] = asn;
    orgIndex[rows] = index;
    rows++;
  }
  return {
    rows,
    overlaps,
    words,
    starts: starts.subarray(0, rows * words),
    ends: ends.subarray(0, rows * words),
    asns: asns.subarray(0, rows),
    orgIndex: orgIndex.subarray(0, rows),
    orgs,
  };
}

/** The row holding the key (binary search for the last range starting at or before it), or -1. */
export function findRangeRow(table: AsnRangeTable, key: ArrayLike<number>): number {
  const { words } = table;
  let low = 0;
  let high = table.rows - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    if (compare(table.starts, mid * words, key, 0, words) <= 0) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found === -1 || compare(table.ends, found * words, key, 0, words) < 0 ? -1 : found;
}

/** The lookup key of an address: 1 word for IPv4, 4 for IPv6. */
export function addressWords(ip: ParsedIp): number[] {
  if (ip.version === 4) return [ipv4ToUint32(ip.parts)];
  const p = ip.parts;
  return [0, 2, 4, 6].map((i) => (p[i] ?? 0) * 0x10000 + (p[i + 1] ?? 0));
}
