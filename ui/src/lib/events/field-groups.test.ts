import { describe, expect, it } from 'vitest';
import { groupFields, prettyOriginal } from './field-groups.ts';
import { displayValue, flattenEvent, searchableName, valueAt } from './field-path.ts';

const EVENT = {
  id: 'doc-1',
  '@timestamp': '2026-01-01T00:00:00Z',
  event: { action: 'login', category: ['authentication'], original: '{"a":1}' },
  message: 'alice logged in',
  user: { name: 'alice' },
  source: { ip: '10.0.0.1', geo: { location: { lat: 1, lon: 2 }, country_iso_code: 'DE' }, as: { number: 3320 } },
  related: { user: ['alice'], hosts: ['db-1'] },
  authentik: { changes: [{ field: 'email', old: 'a', new: 'b' }] },
  custom: { thing: 1 },
};

describe('event fields', () => {
  it('flattens leaves, keeping scalar arrays whole and indexing object arrays', () => {
    const flat = Object.fromEntries(flattenEvent(EVENT));
    expect(flat['event.category']).toEqual(['authentication']);
    expect(flat['source.geo.location.lat']).toBe(1);
    expect(flat['authentik.changes.0.field']).toBe('email');
    expect(searchableName('authentik.changes.0.field')).toBe('authentik.changes.field');
    expect(valueAt(EVENT, 'source.geo.country_iso_code')).toBe('DE');
    expect(valueAt(EVENT, '@timestamp')).toBe('2026-01-01T00:00:00Z');
    expect(valueAt(EVENT, 'user.name.first')).toBeUndefined();
    expect(displayValue(['a', 'b'])).toBe('a, b');
    expect(displayValue({ a: 1 })).toBe('{"a":1}');
    expect(displayValue(undefined)).toBe('');
  });

  it('groups fields for reading: event, user, source, host, vendor, other', () => {
    const groups = groupFields(EVENT);
    expect(groups.map((group) => group.id)).toEqual(['event', 'user', 'source', 'network', 'authentik', 'other']);
    const paths = (id: string) => groups.find((group) => group.id === id)?.fields.map((field) => field.path);
    expect(paths('event')).toEqual(['@timestamp', 'event.action', 'event.category', 'message']);
    expect(paths('user')).toEqual(['user.name', 'related.user']);
    expect(paths('source')).toContain('source.as.number');
    expect(paths('network')).toEqual(['related.hosts']);
    expect(paths('other')).toEqual(['custom.thing']);
    expect(groups.flatMap((group) => group.fields.map((field) => field.path))).not.toContain('event.original');
  });

  it('pretty-prints a JSON original and keeps other text as sent', () => {
    expect(prettyOriginal('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyOriginal('<134>1 syslog line')).toBe('<134>1 syslog line');
    expect(prettyOriginal(undefined)).toBeUndefined();
  });
});
