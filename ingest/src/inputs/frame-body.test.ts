import { describe, expect, it } from 'vitest';
import { BodyFormatError, decodeUtf8, formatOf, frameBody, jsonDepth } from './frame-body.ts';

const limits = { maxRecordBytes: 1000, maxDepth: 8 };

describe('frameBody', () => {
  it('reads one JSON object as one record', () => {
    expect(frameBody('{"a":1}', 'json', limits)).toEqual({ records: ['{"a":1}'], rejected: [] });
  });

  it('keeps the objects of a JSON array and rejects the other elements by position', () => {
    const framed = frameBody('[{"a":1}, 2, null, {"b":2}]', 'json', limits);
    expect(framed.records).toEqual(['{"a":1}', '{"b":2}']);
    expect(framed.rejected).toEqual([
      { line: 2, reason: 'expected a JSON object' },
      { line: 3, reason: 'expected a JSON object' },
    ]);
  });

  it('fails a whole body that is not JSON when it says it is', () => {
    expect(() => frameBody('{"a":', 'json', limits)).toThrow(BodyFormatError);
  });

  it('rejects bad NDJSON lines alone, with 1-based line numbers, skipping blank lines', () => {
    const framed = frameBody('{"a":1}\n\nnot json\n[1]\n{"b":2}\r\n', 'ndjson', limits);
    expect(framed.records).toEqual(['{"a":1}', '{"b":2}']);
    expect(framed.rejected.map((r) => r.line)).toEqual([3, 4]);
    expect(framed.rejected[1]?.reason).toBe('expected a JSON object');
  });

  it('rejects records over the size and depth limits', () => {
    const big = JSON.stringify({ a: 'x'.repeat(2000) });
    const deep = '{"a":'.repeat(20) + '1' + '}'.repeat(20);
    const framed = frameBody(`${big}\n${deep}\n{"ok":true}`, 'ndjson', limits);
    expect(framed.records).toEqual(['{"ok":true}']);
    expect(framed.rejected).toEqual([
      { line: 1, reason: 'record larger than 1000 bytes' },
      { line: 2, reason: 'JSON nested deeper than 8 levels' },
    ]);
  });

  it('splits text into lines for syslog and CEF', () => {
    expect(frameBody('<13>one\n<13>two\n', 'text', limits).records).toEqual(['<13>one', '<13>two']);
  });
});

describe('helpers', () => {
  it('measures JSON depth without being fooled by brackets in strings', () => {
    expect(jsonDepth('{"a":"{{{[[["}')).toBe(1);
    expect(jsonDepth('[[{"a":[1]}]]')).toBe(4);
    expect(jsonDepth('{"a":"\\"{"}')).toBe(1);
  });

  it('sniffs the format when the content type does not say', () => {
    expect(formatOf(undefined, '[{"a":1}]')).toBe('json');
    expect(formatOf(undefined, '{"a":1}\n{"a":2}')).toBe('ndjson');
    expect(formatOf(undefined, '<13>Oct 1 host app: x')).toBe('text');
    expect(formatOf('application/x-ndjson; charset=utf-8', '{}')).toBe('ndjson');
  });

  it('refuses invalid UTF-8', () => {
    expect(() => decodeUtf8(Uint8Array.from([0xc3, 0x28]))).toThrow('body is not valid UTF-8');
    expect(decodeUtf8(Buffer.from('héllo'))).toBe('héllo');
  });
});
