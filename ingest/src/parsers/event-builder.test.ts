import { describe, expect, it } from 'vitest';
import { dropUndefined, withoutNulls } from './event-builder.ts';

describe('withoutNulls', () => {
  it('drops null keys and array items, and turns a null into undefined', () => {
    expect(withoutNulls({ a: null, b: [1, null, { c: null, d: 2 }], e: { f: null } })).toEqual({
      b: [1, { d: 2 }],
      e: {},
    });
    expect(withoutNulls(null)).toBeUndefined();
    expect(withoutNulls('x')).toBe('x');
  });

  it('returns vendor JSON without nulls as it is, and never mutates its input', () => {
    const clean = JSON.parse('{"a":{"b":[1,2,{"c":"d"}]},"e":"f"}') as unknown;
    expect(withoutNulls(clean)).toBe(clean);
    const dirty = JSON.parse('{"keep":{"x":1},"drop":null,"list":[null,{"y":2}]}') as Record<string, unknown>;
    const snapshot = structuredClone(dirty);
    const cleaned = withoutNulls(dirty) as Record<string, unknown>;
    expect(dirty).toEqual(snapshot);
    expect(cleaned.keep).toBe(dirty.keep);
    expect(cleaned).toEqual({ keep: { x: 1 }, list: [{ y: 2 }] });
  });

  it('keeps a JSON key named __proto__ as data', () => {
    const parsed = JSON.parse('{"__proto__":{"polluted":true},"n":null}') as Record<string, unknown>;
    const cleaned = withoutNulls(parsed) as Record<string, unknown>;
    expect(Object.getPrototypeOf(cleaned)).toBe(Object.prototype);
    expect(Object.keys(cleaned)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('dropUndefined', () => {
  it('drops undefined values and the objects they leave empty, sharing untouched parts', () => {
    const vendor = { id: 'x', nested: { list: [1, 2] } };
    const out = dropUndefined({ a: undefined, b: { c: undefined }, vendor, d: [undefined, 1] });
    expect(out).toEqual({ vendor, d: [undefined, 1] });
    expect(out.vendor).toBe(vendor);
    const same = { a: 1, b: { c: 'd' } };
    expect(dropUndefined(same)).toBe(same);
  });
});
