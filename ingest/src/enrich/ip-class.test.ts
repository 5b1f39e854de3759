import { describe, expect, it } from 'vitest';
import { classifyIp, ipClassTag, ipv4ToUint32, parseIp, type IpClass } from './ip-class.ts';

function classOf(text: string): IpClass | undefined {
  const ip = parseIp(text);
  if (!ip) throw new Error(`not an address: ${text}`);
  return classifyIp(ip);
}

describe('parseIp', () => {
  it('normalizes IPv4 and IPv6 text', () => {
    expect(parseIp('81.2.69.160')).toEqual({ address: '81.2.69.160', version: 4, parts: [81, 2, 69, 160] });
    expect(parseIp(' 010.001.002.003 ')?.address).toBe('10.1.2.3');
    expect(parseIp('2001:DB8:0:0:0:0:0:1')?.address).toBe('2001:db8::1');
    expect(parseIp('2001:db8::1')?.parts).toEqual([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]);
  });

  it('turns IPv4-mapped IPv6 into the IPv4 address', () => {
    expect(parseIp('::ffff:1.2.3.4')).toEqual({ address: '1.2.3.4', version: 4, parts: [1, 2, 3, 4] });
    expect(parseIp('::FFFF:0102:0304')?.address).toBe('1.2.3.4');
  });

  it('takes a port off the address and drops zone ids', () => {
    expect(parseIp('81.2.69.160:8443')).toMatchObject({ address: '81.2.69.160', port: 8443 });
    expect(parseIp('[2001:db8::1]:443')).toMatchObject({ address: '2001:db8::1', port: 443 });
    expect(parseIp('[::1]')).toMatchObject({ address: '::1', version: 6 });
    expect(parseIp('fe80::1%eth0')?.address).toBe('fe80::1');
    expect(parseIp('1.2.3.4:99999')).toBeUndefined();
  });

  it('rejects what is not an address', () => {
    for (const text of [
      'unknown',
      '',
      '-',
      'host.example.com',
      '1.2.3.256',
      '1.2.3',
      '127.1',
      '0x7f.0.0.1',
      ':::',
      'a:b',
    ]) {
      expect(parseIp(text), text).toBeUndefined();
    }
  });
});

describe('classifyIp', () => {
  it.each([
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['fd12:3456::1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['169.254.10.20', 'link_local'],
    ['fe80::abcd', 'link_local'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['192.0.2.10', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.77', 'documentation'],
    ['2001:db8:1::5', 'documentation'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.251', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['0.1.2.3', 'reserved'],
    ['::ffff:192.168.0.1', 'private'],
  ])('%s is %s', (text, expected) => {
    expect(classOf(text)).toBe(expected);
  });

  it.each(['8.8.8.8', '172.32.0.1', '100.128.0.1', '172.15.255.255', '81.2.69.160', '2a03:2880::1', '2001:db9::1'])(
    '%s is public',
    (text) => {
      expect(classOf(text)).toBeUndefined();
    },
  );

  it('names the tags after the class', () => {
    expect(ipClassTag('link_local')).toBe('ip_link_local');
    expect(ipClassTag('private')).toBe('ip_private');
  });
});

describe('ipv4ToUint32', () => {
  it('reads the octets as an unsigned number', () => {
    expect(ipv4ToUint32([255, 255, 255, 255])).toBe(4294967295);
    expect(ipv4ToUint32([1, 0, 0, 1])).toBe(16777217);
  });
});
