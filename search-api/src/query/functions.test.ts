import { describe, expect, it } from 'vitest';
import { cidrMatch, parseCidr, regexpMatch, regexProblem } from './functions.ts';

describe('cidrMatch', () => {
  it('matches IPv4 and IPv6 addresses in their ranges', () => {
    expect(cidrMatch('10.1.2.3', '10.0.0.0/8')).toBe(true);
    expect(cidrMatch('11.0.0.1', '10.0.0.0/8')).toBe(false);
    expect(cidrMatch('192.168.1.10', '192.168.1.10/32')).toBe(true);
    expect(cidrMatch('2001:db8::1', '2001:db8::/32')).toBe(true);
    expect(cidrMatch('2001:db9::1', '2001:db8::/32')).toBe(false);
    expect(cidrMatch('0.0.0.1', '0.0.0.0/0')).toBe(true);
  });

  it('reads IPv4-mapped IPv6 addresses and ranges as IPv4', () => {
    expect(cidrMatch('::ffff:10.0.0.5', '10.0.0.0/8')).toBe(true);
    expect(cidrMatch('10.0.0.5', '::ffff:10.0.0.0/104')).toBe(true);
  });

  it('never matches across families or on unparseable input', () => {
    expect(cidrMatch('10.0.0.1', '::/0')).toBe(false);
    expect(cidrMatch('not an ip', '10.0.0.0/8')).toBe(false);
    expect(cidrMatch('10.0.0.1', '10.0.0.0/33')).toBe(false);
    expect(cidrMatch('10.0.0.1', 'garbage')).toBe(false);
  });

  it('tells valid CIDR ranges from other text', () => {
    expect(parseCidr('10.0.0.0/8')?.[1]).toBe(8);
    expect(parseCidr('2001:db8::/32')?.[1]).toBe(32);
    expect(parseCidr('10.0.0.0')).toBeUndefined();
    expect(parseCidr('/api/v1')).toBeUndefined();
  });
});

describe('regexpMatch', () => {
  it('matches the whole value, ignoring case', () => {
    expect(regexpMatch('adm.*', 'Administrator')).toBe(true);
    expect(regexpMatch('adm', 'administrator')).toBe(false);
    expect(regexpMatch('a|b', 'b')).toBe(true);
    expect(regexpMatch('[0-9]{3}', '404')).toBe(true);
  });

  it('never matches with a refused pattern or an oversized value', () => {
    expect(regexpMatch('(a+)+$', 'aaaa')).toBe(false);
    expect(regexpMatch('(', '(')).toBe(false);
    expect(regexpMatch('a*', 'a'.repeat(5000))).toBe(false);
  });
});

describe('regexProblem', () => {
  it('accepts ordinary patterns', () => {
    for (const pattern of ['adm.*', '[a-z]+\\d{2,4}', '(foo|bar)', '(ab)?c', 'x{2}', '(abc){3}']) {
      expect(regexProblem(pattern)).toBeUndefined();
    }
  });

  it('refuses invalid, oversized and catastrophic patterns', () => {
    expect(regexProblem('(')).toMatch(/^invalid regular expression/);
    expect(regexProblem('a'.repeat(300))).toMatch(/longer than 256/);
    expect(regexProblem('(a+)+')).toMatch(/repeated group/);
    expect(regexProblem('(a|aa)*')).toMatch(/repeated group/);
    expect(regexProblem('((ab)*c)+')).toMatch(/repeated group/);
    expect(regexProblem('(x{1,5}){2,}')).toMatch(/repeated group/);
    expect(regexProblem('(a)\\1')).toMatch(/back-references/);
    expect(regexProblem('(?=a)a')).toMatch(/lookarounds/);
  });

  it('is not fooled by brackets and escapes', () => {
    expect(regexProblem('[(]+')).toBeUndefined();
    expect(regexProblem('\\(a+\\)+')).toBeUndefined();
  });
});
