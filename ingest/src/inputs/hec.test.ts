import { describe, expect, it } from 'vitest';
import { hecRecords, sourceForSourcetype, splitConcatenatedJson } from './hec.ts';

const limits = { maxRecordBytes: 10_000, maxDepth: 16 };

describe('Splunk HEC bodies', () => {
  it('splits objects written back to back, with or without newlines', () => {
    expect(splitConcatenatedJson('{"a":"}{"}{"b":1}\n{"c":{"d":2}}')).toEqual([
      '{"a":"}{"}',
      '{"b":1}',
      '{"c":{"d":2}}',
    ]);
  });

  it('refuses text between objects and unclosed objects', () => {
    expect(() => splitConcatenatedJson('{"a":1} x')).toThrow(/unexpected 'x'/);
    expect(() => splitConcatenatedJson('{"a":1')).toThrow(/not closed/);
  });

  it('routes each event by its sourcetype and rejects events without a payload', () => {
    const body =
      '{"sourcetype":"authentik:event","event":{"action":"login"}}{"sourcetype":"keeper","event":"<165>1 - - - - - - x"}{"time":1}';
    const out = hecRecords(body, 'generic', limits);
    expect(out.bySource.get('authentik')).toEqual(['{"action":"login"}']);
    expect(out.bySource.get('keeper')).toEqual(['<165>1 - - - - - - x']);
    expect(out.rejected).toEqual([{ line: 3, reason: 'HEC event has no "event" field' }]);
  });

  it('falls back to the given source for unknown sourcetypes', () => {
    expect(sourceForSourcetype('linux:syslog', 'generic')).toBe('generic');
    expect(sourceForSourcetype('PrivX:Audit', 'generic')).toBe('privx');
    expect(sourceForSourcetype(undefined, 'keeper')).toBe('keeper');
  });
});
