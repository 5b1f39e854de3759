import { describe, expect, it } from 'vitest';
import { CEF_TO_ECS, cefSeverityToSyslog, findCef, parseCef, parseCefTimestamp, parseExtensions } from './cef.ts';

const RECEIVED_AT = '2026-01-05T10:00:00.000Z';

describe('parseCef header', () => {
  it('reads the seven header fields and the extension (the CEF guide example)', () => {
    const cef = parseCef(
      'CEF:0|Security|threatmanager|1.0|100|worm successfully stopped|10|src=10.0.0.1 dst=2.1.2.2 spt=1232',
    );
    expect(cef).toEqual({
      version: '0',
      deviceVendor: 'Security',
      deviceProduct: 'threatmanager',
      deviceVersion: '1.0',
      deviceEventClassId: '100',
      name: 'worm successfully stopped',
      severity: '10',
      extensions: { src: '10.0.0.1', dst: '2.1.2.2', spt: '1232' },
    });
  });

  it('unescapes \\| and \\\\ in header fields without splitting on them', () => {
    const cef = parseCef('CEF:0|security|threat\\|manager|1.0|100|detected a \\\\ in packet|10|');
    expect(cef?.deviceProduct).toBe('threat|manager');
    expect(cef?.name).toBe('detected a \\ in packet');
    expect(cef?.severity).toBe('10');
    expect(cef?.extensions).toEqual({});
  });

  it('accepts a header that ends at the severity without a trailing pipe', () => {
    expect(parseCef('CEF:1|Vendor|Product|2|sig|Name|Low')).toMatchObject({ version: '1', severity: 'Low' });
  });

  it('refuses an incomplete header or a non-numeric version', () => {
    expect(parseCef('CEF:0|Vendor|Product|1.0|100')).toBeUndefined();
    expect(parseCef('CEF:x|a|b|c|d|e|1|')).toBeUndefined();
    expect(parseCef('not cef')).toBeUndefined();
  });

  it('keeps pipes inside the extension (they need no escape there)', () => {
    expect(parseCef('CEF:0|a|b|c|d|e|5|msg=left|right cs1=x')?.extensions).toEqual({ msg: 'left|right', cs1: 'x' });
  });
});

describe('parseExtensions', () => {
  it('reads values with spaces up to the next key', () => {
    expect(parseExtensions('msg=Detected a threat. No action needed suser=bob smith act=allow')).toEqual({
      msg: 'Detected a threat. No action needed',
      suser: 'bob smith',
      act: 'allow',
    });
  });

  it('unescapes \\=, \\\\, \\n and \\r, and does not start a key at an escaped equals sign', () => {
    expect(parseExtensions('msg=a \\= b x\\=y c:\\\\temp\\nnext line\\r cs2=ok')).toEqual({
      msg: 'a = b x=y c:\\temp\nnext line\r',
      cs2: 'ok',
    });
  });

  it('does not take an equals sign inside a URL for a key', () => {
    expect(parseExtensions('request=https://example.com/a?x=1&y=2 requestMethod=GET')).toEqual({
      request: 'https://example.com/a?x=1&y=2',
      requestMethod: 'GET',
    });
  });

  it('keeps empty values and a __proto__ key as ordinary entries', () => {
    const fields = parseExtensions('cs1= __proto__=x cs2=y');
    expect(fields.cs1).toBe('');
    expect(Object.hasOwn(fields, '__proto__')).toBe(true);
    expect(fields.cs2).toBe('y');
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
  });
});

describe('findCef', () => {
  it('finds CEF after a syslog header and nowhere inside a word', () => {
    const line = 'Sep 19 08:26:10 host CEF:0|Security|threatmanager|1.0|100|worm|10|src=10.0.0.1';
    expect(line.slice(findCef(line))).toMatch(/^CEF:0\|Security/);
    expect(findCef('CEF:0|a|b|c|d|e|1|')).toBe(0);
    expect(findCef('xCEF:0|a|b|c|d|e|1|')).toBe(-1);
    expect(findCef('CEF without a version')).toBe(-1);
  });
});

describe('cefSeverityToSyslog', () => {
  it.each([
    ['0', 6],
    ['3', 6],
    ['4', 4],
    ['6', 4],
    ['7', 3],
    ['8', 3],
    ['9', 2],
    ['10', 2],
    ['Low', 6],
    ['medium', 4],
    ['High', 3],
    ['Very-High', 2],
    ['very high', 2],
  ])('%s → %i', (value, expected) => {
    expect(cefSeverityToSyslog(value)).toBe(expected);
  });

  it('gives nothing for Unknown or out-of-range values', () => {
    expect(cefSeverityToSyslog('Unknown')).toBeUndefined();
    expect(cefSeverityToSyslog('11')).toBeUndefined();
    expect(cefSeverityToSyslog('')).toBeUndefined();
  });
});

describe('parseCefTimestamp', () => {
  it('reads epoch milliseconds', () => {
    expect(parseCefTimestamp('1700000000000', RECEIVED_AT)).toBe('2023-11-14T22:13:20.000Z');
  });

  it('reads MMM dd yyyy HH:mm:ss(.SSS) with and without a zone', () => {
    expect(parseCefTimestamp('Nov 14 2023 22:13:20', RECEIVED_AT)).toBe('2023-11-14T22:13:20.000Z');
    expect(parseCefTimestamp('Nov 14 2023 22:13:20.123 UTC', RECEIVED_AT)).toBe('2023-11-14T22:13:20.123Z');
    expect(parseCefTimestamp('Nov 14 2023 22:13:20 +0200', RECEIVED_AT)).toBe('2023-11-14T20:13:20.000Z');
    expect(parseCefTimestamp('Nov 14 2023 22:13:20 PST', RECEIVED_AT)).toBe('2023-11-15T06:13:20.000Z');
  });

  it('infers a missing year so the time is not in the future of the receipt', () => {
    expect(parseCefTimestamp('Jan 05 09:00:00', RECEIVED_AT)).toBe('2026-01-05T09:00:00.000Z');
    expect(parseCefTimestamp('Dec 31 23:00:00', RECEIVED_AT)).toBe('2025-12-31T23:00:00.000Z');
  });

  it('gives nothing for unreadable or out-of-range values instead of throwing', () => {
    expect(parseCefTimestamp('yesterday', RECEIVED_AT)).toBeUndefined();
    expect(parseCefTimestamp('99999999999999999999', RECEIVED_AT)).toBeUndefined();
    expect(parseCefTimestamp('Feb 30 2024 10:00:00', RECEIVED_AT)).toBeUndefined();
  });
});

describe('CEF_TO_ECS', () => {
  it('maps the standard keys the brief names', () => {
    expect(CEF_TO_ECS).toMatchObject({
      src: 'source.ip',
      spt: 'source.port',
      dst: 'destination.ip',
      suser: 'user.name',
      duser: 'user.target.name',
      act: 'event.action',
      outcome: 'event.outcome',
      msg: 'message',
      rt: '@timestamp',
      end: '@timestamp',
      start: '@timestamp',
      request: 'url.original',
      requestMethod: 'http.request.method',
      shost: 'source.domain',
      dhost: 'destination.address',
    });
  });
});
