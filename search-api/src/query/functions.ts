import ipaddr from 'ipaddr.js';

/**
 * The two SQL functions compiled queries call (`vigil_cidr_match(ip, cidr)`, `vigil_regexp(pattern,
 * value)`), as plain functions the store registers with better-sqlite3. They run once per candidate
 * row, so parsed CIDRs and compiled patterns are cached.
 */

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

const CACHE_LIMIT = 256;
const cidrCache = new Map<string, Range | null>();
const regexCache = new Map<string, RegExp | null>();

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/** The range a CIDR denotes, or undefined for text that is not one (`10.0.0.0/8`, `2001:db8::/32`). */
export function parseCidr(cidr: string): Range | undefined {
  const cached = cidrCache.get(cidr);
  if (cached !== undefined) return cached ?? undefined;
  let range: Range | null = null;
  if (ipaddr.isValidCIDR(cidr)) {
    const [address, bits] = ipaddr.parseCIDR(cidr);
    // `::ffff:10.0.0.0/104` means an IPv4 range; compare it as one.
    range =
      address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96
        ? [(address as ipaddr.IPv6).toIPv4Address(), bits - 96]
        : [address, bits];
  }
  return remember(cidrCache, cidr, range) ?? undefined;
}

/** Whether `ip` (IPv4, IPv6, or IPv4-mapped IPv6) lies in `cidr`. Unparseable input never matches. */
export function cidrMatch(ip: string, cidr: string): boolean {
  const range = parseCidr(cidr);
  if (!range || !ipaddr.isValid(ip)) return false;
  const address = ipaddr.process(ip);
  if (address.kind() !== range[0].kind()) return false;
  return address.match(range);
}

const MAX_PATTERN_LENGTH = 256;
/** Longer values are not matched at all: a bounded input keeps even a poor pattern cheap. */
const MAX_VALUE_LENGTH = 4096;

/**
 * Why a pattern is refused, or undefined when it is acceptable. Besides syntax, this is a guard
 * against catastrophic backtracking (JavaScript regexes backtrack): no back-references or
 * lookarounds, and no repeated group that itself repeats or alternates, such as `(a+)+` or `(a|aa)*`.
 */
export function regexProblem(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) return `regular expression is longer than ${MAX_PATTERN_LENGTH} characters`;
  try {
    new RegExp(pattern);
  } catch (error) {
    const reason = (error as Error).message.replace(/^Invalid regular expression: /, '');
    return `invalid regular expression: ${reason.toLowerCase()}`;
  }
  if (/\\[1-9]|\\k<|\(\?<?[=!]/.test(pattern))
    return 'back-references and lookarounds are not supported in regular expressions';
  if (hasNestedRepetition(pattern)) return 'a repeated group may not contain repetition or alternation (e.g. (a+)+)';
  return undefined;
}

function isQuantifierAt(pattern: string, index: number): boolean {
  const c = pattern[index];
  if (c === '*' || c === '+') return true;
  // {n,} and {n,m} repeat; {n} and ? do not multiply the ways to match.
  return c === '{' && /^\{\d+,\d*\}/.test(pattern.slice(index)) && !/^\{(\d+),\1\}/.test(pattern.slice(index));
}

/** Scans groups with a stack, skipping escapes and character classes. */
function hasNestedRepetition(pattern: string): boolean {
  const groups: { risky: boolean }[] = [{ risky: false }];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    const current = groups[groups.length - 1] as { risky: boolean };
    if (c === '\\') {
      i++;
    } else if (c === '[') {
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++;
    } else if (c === '(') {
      groups.push({ risky: false });
    } else if (c === ')') {
      const closed = groups.pop() as { risky: boolean };
      const parent = groups[groups.length - 1] ?? { risky: false };
      if (isQuantifierAt(pattern, i + 1)) {
        if (closed.risky) return true;
        parent.risky = true;
      }
      parent.risky ||= closed.risky;
    } else if (c === '|' || isQuantifierAt(pattern, i)) {
      current.risky = true;
    }
  }
  return false;
}

function compiled(pattern: string): RegExp | null {
  const cached = regexCache.get(pattern);
  if (cached !== undefined) return cached;
  // Like Lucene, a pattern matches the whole value; like every field match, ignoring case.
  const regex = regexProblem(pattern) === undefined ? new RegExp(`^(?:${pattern})$`, 'i') : null;
  return remember(regexCache, pattern, regex);
}

/** Whether the whole of `value` matches `pattern` (case-insensitive). Refused patterns never match. */
export function regexpMatch(pattern: string, value: string): boolean {
  if (value.length > MAX_VALUE_LENGTH) return false;
  return compiled(pattern)?.test(value) ?? false;
}
