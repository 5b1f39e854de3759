import { describe, expect, it } from 'vitest';
import { addFilter, addTerm, filterTerm, formatValue } from './add-filter.ts';

describe('formatValue', () => {
  it('leaves plain values bare and quotes what the grammar would read otherwise', () => {
    expect(formatValue('alice')).toBe('alice');
    expect(formatValue(42)).toBe('42');
    expect(formatValue('10.0.0.1')).toBe('10.0.0.1');
    expect(formatValue('two words')).toBe('"two words"');
    expect(formatValue('2001:db8::1')).toBe('"2001:db8::1"');
    expect(formatValue('adm*')).toBe('"adm*"');
    expect(formatValue('say "hi"')).toBe('"say \\"hi\\""');
    expect(formatValue('back\\slash')).toBe('"back\\\\slash"');
    expect(formatValue('OR')).toBe('"OR"');
    expect(formatValue('-1x')).toBe('"-1x"');
    expect(formatValue('')).toBe('""');
  });
});

describe('addFilter', () => {
  it('adds to an empty query', () => {
    expect(addFilter('', 'user.name', 'alice')).toBe('user.name:alice');
    expect(addFilter('*', 'user.name', 'alice')).toBe('user.name:alice');
    expect(addFilter('', 'user.name', 'alice', true)).toBe('NOT user.name:alice');
  });

  it('ANDs with the existing filter and keeps the pipes at the end', () => {
    expect(addFilter('failed', 'source.ip', '10.0.0.1')).toBe('failed AND source.ip:10.0.0.1');
    expect(addFilter('failed | stats count by user.name', 'event.outcome', 'failure')).toBe(
      'failed AND event.outcome:failure | stats count by user.name',
    );
  });

  it('wraps a top-level OR so the new term applies to all of it', () => {
    expect(addFilter('a OR b', 'x', 'y')).toBe('(a OR b) AND x:y');
    expect(addFilter('(a OR b) c', 'x', 'y')).toBe('(a OR b) c AND x:y');
    expect(addFilter('message:"a OR b"', 'x', 'y')).toBe('message:"a OR b" AND x:y');
  });

  it('does not repeat a term and flips a negated one', () => {
    expect(addFilter('user.name:alice', 'user.name', 'alice')).toBe('user.name:alice');
    expect(addFilter('x:1 AND user.name:alice', 'user.name', 'alice', true)).toBe('x:1 AND NOT user.name:alice');
    expect(addFilter('NOT user.name:alice AND x:1', 'user.name', 'alice')).toBe('x:1 AND user.name:alice');
    expect(addFilter('NOT user.name:alice', 'user.name', 'alice', true)).toBe('NOT user.name:alice');
  });

  it('does not mistake a longer field for the same term', () => {
    expect(addFilter('xuser.name:alice', 'user.name', 'alice')).toBe('xuser.name:alice AND user.name:alice');
    expect(addFilter('user.name:alice2', 'user.name', 'alice')).toBe('user.name:alice2 AND user.name:alice');
  });

  it('adds ready-made terms', () => {
    expect(addTerm('a', 'b:[1 TO 2]')).toBe('a AND b:[1 TO 2]');
    expect(filterTerm('event.code', 802, true)).toBe('NOT event.code:802');
  });
});
