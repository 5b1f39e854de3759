import { readFileSync } from 'node:fs';
import { CanonicalEventSchema, type CanonicalEvent, type Envelope } from '@vigil/schemas';
import { describe, expect, it } from 'vitest';
import { ParseError } from './parser.ts';
import { privxParser } from './privx.ts';

const fixture = (path: string) => readFileSync(new URL(`../../../test/fixtures/${path}`, import.meta.url), 'utf8');
const LINES = fixture('vendor/privx.ndjson').split('\n').filter(Boolean);
const RECEIVED_AT = '2026-02-02T08:00:00.000Z';
const CANONICAL_KEYS = new Set(Object.keys(CanonicalEventSchema.properties));

function envelope(raw: string): Envelope {
  return { ingest_id: 'test-1', source: 'privx', input: 'http', received_at: RECEIVED_AT, raw };
}

function parseAll(value: unknown): CanonicalEvent[] {
  return privxParser.parse(envelope(typeof value === 'string' ? value : JSON.stringify(value)));
}

function parseOne(value: unknown): CanonicalEvent {
  const events = parseAll(value);
  expect(events).toHaveLength(1);
  return events[0] as CanonicalEvent;
}

function containsNull(value: unknown): boolean {
  if (value === null) return true;
  if (typeof value !== 'object') return false;
  return Object.values(value).some(containsNull);
}

function line(index: number): string {
  return LINES[index] ?? '';
}

const ADDED_ROOT = [
  { field: 'Principals.0.Principal', new: 'root', change: 'added' },
  { field: 'Principals.0.Roles.0.Name', new: 'admin', change: 'added' },
  { field: 'Principals.0.Roles.0.ID', new: 'role-1', change: 'added' },
];

describe('privxParser on the vendor fixture', () => {
  it('turns every line into one well-formed event', () => {
    expect(LINES).toHaveLength(9);
    for (const raw of LINES) {
      const event = parseOne(raw);
      expect(containsNull(event)).toBe(false);
      expect(Object.keys(event).every((key) => CANONICAL_KEYS.has(key))).toBe(true);
      expect(event.event.module).toBe('privx');
      expect(event.event.original).toBe(raw);
      expect(event.observer).toEqual({ vendor: 'SSH Communications Security', product: 'PrivX' });
    }
  });

  it('line 1: maps the full common attribute set of a 220 event', () => {
    const event = parseOne(line(0));
    expect(event['@timestamp']).toBe('2026-01-01T12:00:00.000Z');
    expect(event.event).toMatchObject({
      code: '220',
      action: 'user_roles_modified',
      category: ['iam'],
      type: ['change', 'user'],
      outcome: 'success',
      severity: 6,
      provider: 'events',
    });
    expect(event.message).toBe('Role updated');
    expect(event.log).toEqual({ level: 'info' });
    expect(event.source).toEqual({ address: '10.0.0.1', ip: '10.0.0.1' });
    expect(event.host).toEqual({ name: 'privx-01' });
    expect(event.service).toEqual({ name: 'auth' });
    expect(event.related).toEqual({ ip: ['10.0.0.1'], hosts: ['privx-01'] });
    expect(event.tags).toBeUndefined();
    expect(event.privx).toEqual({
      event_name: 'Role member changed',
      'audit-exposure': 'internal',
      'SSH-PrivX-service': 'events',
      version: '1',
    });
  });

  it('line 2: an event without message falls back to the catalog and the receive time', () => {
    const event = parseOne(line(1));
    expect(event['@timestamp']).toBe(RECEIVED_AT);
    expect(event.message).toBe("The user's role associations were changed.");
    expect(event.event).toMatchObject({ code: '220', action: 'user_roles_modified', severity: 6 });
    expect(event.privx).toBeUndefined();
    expect(event.source).toBeUndefined();
  });

  it('lines 3-6: host principal modifications become an old -> new list', () => {
    const added = parseOne(line(2));
    expect(added.event).toMatchObject({ code: '802', action: 'host_modified', category: ['host'], type: ['change'] });
    expect(added.message).toBe('A host was modified.');
    expect(added.service).toEqual({ name: 'svc' });
    expect(added.privx).toEqual({ event_name: 'Host account changed', modifications: ADDED_ROOT });

    expect(parseOne(line(3)).privx?.modifications).toEqual([
      { field: 'Principals.0.Principal', old: 'root', change: 'removed' },
      { field: 'Principals.0.Roles.0.Name', old: 'admin', change: 'removed' },
      { field: 'Principals.0.Roles.0.ID', old: 'role-1', change: 'removed' },
    ]);
    expect(parseOne(line(4)).privx?.modifications).toEqual([
      { field: 'Principals.0.Principal', old: 'old-user', new: 'new-user', change: 'modified' },
      { field: 'Principals.0.Roles.0.Name', old: 'admin', new: 'auditor', change: 'modified' },
      { field: 'Principals.0.Roles.0.ID', old: 'role-old', new: 'role-new', change: 'modified' },
    ]);
    const two = parseOne(line(5)).privx?.modifications;
    expect(two).toHaveLength(6);
    expect(two).toContainEqual({ field: 'Principals.1.Principal', new: 'deploy', change: 'added' });
  });

  it('lines 7 and 9: unparseable modifications are kept raw and tagged, the event survives', () => {
    for (const [index, raw] of [
      [6, '{not-json'],
      [8, '{invalid-json'],
    ] as const) {
      const event = parseOne(line(index));
      expect(event.event.action).toBe('host_modified');
      expect(event.tags).toEqual(['privx_modifications_unparsed']);
      expect(event.privx?.modifications_raw).toBe(raw);
      expect(event.privx?.modifications).toBeUndefined();
    }
  });

  it('line 8: a bare event with modifications', () => {
    const event = parseOne(line(7));
    expect(event.privx).toEqual({ modifications: [ADDED_ROOT[0]] });
    expect(event.event.provider).toBeUndefined();
  });
});

describe('privxParser on other shapes', () => {
  it('keeps an unknown code, searchable and tagged', () => {
    const event = parseOne({ event_id: '9999', event_name: 'Brand-new-event', message: { username: 'alice' } });
    expect(event.event).toMatchObject({
      code: '9999',
      action: 'privx_event_9999',
      category: [],
      type: ['info'],
      outcome: 'unknown',
    });
    expect(event.event.severity).toBeUndefined();
    expect(event.tags).toEqual(['privx_unknown_code']);
    expect(event.message).toBe('PrivX audit event 9999 (Brand-new-event)');
    expect(event.user).toEqual({ name: 'alice' });
    expect(event.privx).toEqual({ event_name: 'Brand-new-event' });
  });

  it('categorizes an unknown code inside a known range by that range', () => {
    const event = parseOne({ event_id: 1799, message: { severity: 'Warning(4)' } });
    expect(event.event).toMatchObject({ code: '1799', action: 'privx_event_1799', category: ['iam'], severity: 4 });
    expect(event.log).toEqual({ level: 'warning' });
    expect(event.tags).toEqual(['privx_unknown_code']);
  });

  it('reads modifications given as JSON text inside message (220 role lists), values as JSON text', () => {
    const roles = {
      Roles: {
        old_value: [{ id: 'r1', name: 'admins', grant_type: 'MANUAL' }],
        new_value: [
          { id: 'r1', name: 'admins', grant_type: 'MANUAL' },
          { id: 'r2', name: 'auditors', grant_type: 'RULE' },
        ],
      },
    };
    const event = parseOne({ event_id: '220', message: { modifications: JSON.stringify(roles) } });
    expect(event.privx?.modifications).toEqual([
      {
        field: 'Roles',
        old: JSON.stringify(roles.Roles.old_value),
        new: JSON.stringify(roles.Roles.new_value),
        change: 'modified',
      },
    ]);
    expect(event.tags).toBeUndefined();
  });

  it('reads modifications given at top level, as an object or as JSON text', () => {
    const modifications = { Name: { old_value: 'web-1', new_value: 'web-2' }, Comment: 'bare value' };
    const expected = [
      { field: 'Name', old: 'web-1', new: 'web-2', change: 'modified' },
      { field: 'Comment', new: 'bare value', change: 'added' },
    ];
    expect(parseOne({ event_id: '802', modifications }).privx?.modifications).toEqual(expected);
    expect(parseOne({ event_id: '802', modifications: JSON.stringify(modifications) }).privx?.modifications).toEqual(
      expected,
    );
  });

  it('reads a message sent as JSON text, and plain text as the message', () => {
    const attributes = {
      message: 'Host updated',
      instanceName: 'px',
      modifications: { A: { old_value: 1, new_value: 2 } },
    };
    const event = parseOne({ event_id: '802', message: JSON.stringify(attributes) });
    expect(event.message).toBe('Host updated');
    expect(event.host).toEqual({ name: 'px' });
    expect(event.privx).toEqual({ modifications: [{ field: 'A', old: '1', new: '2', change: 'modified' }] });

    const plain = parseOne({ event_id: '100', message: 'alice logged in' });
    expect(plain.message).toBe('alice logged in');
    expect(plain.privx).toBeUndefined();
  });

  it('maps users, addresses and vendor severity of an SSH proxy event', () => {
    const event = parseOne({
      event_id: 303,
      service_name: 'ssh-proxy',
      service_id: 'svc-7',
      created: '2026-03-01T10:00:05Z',
      message: {
        timestamp: '2026-03-01T10:00:04.5Z',
        severity: 'Info(6)',
        userID: 'u-1',
        username: 'alice',
        targetUsername: 'root',
        targetUserID: 'u-9',
        remoteAddress: '[2001:db8::1]:50022',
        hostAddress: '192.0.2.10:22',
        hostName: 'db-1',
        connectionID: 'c-1',
        connectionType: 'SSH',
        connectionMode: 'UI',
        sessionID: null,
      },
    });
    expect(event['@timestamp']).toBe('2026-03-01T10:00:04.500Z');
    expect(event.event).toMatchObject({
      code: '303',
      action: 'connection_closed',
      created: '2026-03-01T10:00:05.000Z',
    });
    expect(event.user).toEqual({ id: 'u-1', name: 'alice', target: { id: 'u-9', name: 'root' } });
    expect(event.source).toEqual({ address: '[2001:db8::1]:50022', ip: '2001:db8::1', port: 50022 });
    expect(event.destination).toEqual({ address: '192.0.2.10:22', ip: '192.0.2.10', port: 22 });
    expect(event.related).toEqual({ ip: ['2001:db8::1', '192.0.2.10'], user: ['alice', 'root'], hosts: ['db-1'] });
    expect(event.privx).toEqual({
      service_id: 'svc-7',
      hostName: 'db-1',
      connectionID: 'c-1',
      connectionType: 'SSH',
      connectionMode: 'UI',
    });
    expect(containsNull(event)).toBe(false);
  });

  it('keeps a host name address without inventing an IP', () => {
    const event = parseOne({ event_id: '100', message: { remoteAddress: 'laptop.example:4022' } });
    expect(event.source).toEqual({ address: 'laptop.example:4022', port: 4022 });
  });

  it('parses a monitor-service search response into one event per item', () => {
    const items = [{ event_id: '100' }, { event_id: '101', id: 'ev-2' }];
    const events = parseAll({ count: 2, items });
    expect(events.map((e) => e.event.action)).toEqual(['user_logged_in', 'user_logged_out']);
    expect(events[1]?.event.id).toBe('ev-2');
    expect(events[1]?.event.original).toBe(JSON.stringify(items[1]));
  });

  it('rejects what is not an audit event with a ParseError', () => {
    const bad: [string, RegExp][] = [
      ['{"event_id": "100"', /invalid JSON/],
      ['not json at all', /invalid JSON/],
      ['["event_id"]', /expected a JSON object/],
      ['{"event_name":"User-logged-in","message":{}}', /without event_id/],
      ['{"event_id":""}', /without event_id/],
      ['{"event_id":"   "}', /without event_id/],
      ['{"event_id":null}', /without event_id/],
      ['{"event_id":{"code":100}}', /without event_id/],
      ['{"count":0,"items":[]}', /no audit events/],
      ['{"count":2,"items":[{"event_id":"100"},{"event_name":"x"}]}', /items\[1\]: privx audit event without event_id/],
      ['{"items":["100"]}', /items\[0\]: expected a JSON object/],
    ];
    for (const [raw, reason] of bad) {
      expect(() => parseAll(raw), raw).toThrow(ParseError);
      expect(() => parseAll(raw), raw).toThrow(reason);
    }
  });
});
