import type { CanonicalEvent, Envelope } from '@vigil/schemas';
import { describe, expect, it } from 'vitest';
import { keeperParser } from './keeper.ts';
import { ParseError } from './parser.ts';

const RECEIVED_AT = '2024-05-01T12:00:00.000Z';

function parseAll(raw: string): CanonicalEvent[] {
  const envelope: Envelope = { ingest_id: 't', source: 'keeper', input: 'test', received_at: RECEIVED_AT, raw };
  return keeperParser.parse(envelope);
}

function parseOne(raw: string): CanonicalEvent {
  const events = parseAll(raw);
  expect(events).toHaveLength(1);
  return events[0] as CanonicalEvent;
}

/** Commander's raw report row, as in its unit-test fixture (vendor/keeper.md §1B). */
const commanderRow = {
  id: 123456789098,
  created: 1700000000,
  username: 'admin@acme.example',
  ip_address: '9.9.9.9',
  audit_event_type: 'login',
  keeper_version: 'c16.0.0',
};

describe('Commander shapes', () => {
  it('reads a raw report row: epoch created, id, ip_address, keeper_version', () => {
    const event = parseOne(JSON.stringify(commanderRow));
    expect(event['@timestamp']).toBe('2023-11-14T22:13:20.000Z');
    expect(event.event).toMatchObject({ id: '123456789098', action: 'login', outcome: 'success' });
    expect(event.source?.ip).toBe('9.9.9.9');
    expect(event.message).toBe('Logged In by admin@acme.example');
    expect(event.keeper).toMatchObject({ keeper_version: 'c16.0.0', ip_address: '9.9.9.9', shape: 'commander_row' });
    expect(event.keeper).not.toHaveProperty('id');
    expect(event.keeper).not.toHaveProperty('created');
  });

  it('reads the report response envelope as one event per row', () => {
    const second = { ...commanderRow, id: 2, audit_event_type: 'login_failure', created: 1700000100 };
    const events = parseAll(
      JSON.stringify({ result: 'success', audit_event_overview_report_rows: [commanderRow, second] }),
    );
    expect(events.map((e) => e.event.action)).toEqual(['login', 'login_failure']);
    expect(events[1]?.event.outcome).toBe('failure');
    expect(events[1]?.event.original).toBe(JSON.stringify(second));
  });

  it('reads the Splunk HEC export: row in `event`, HEC time and host kept', () => {
    const { id: _id, created: _created, ...row } = commanderRow;
    const hec = { time: 1700000000, host: 'cmdr-box', source: 'Acme Corp', sourcetype: '_json', event: row };
    const event = parseOne(JSON.stringify(hec));
    expect(event['@timestamp']).toBe('2023-11-14T22:13:20.000Z');
    expect(event.event.action).toBe('login');
    expect(event.user?.name).toBe('admin@acme.example');
    expect(event.keeper).toMatchObject({ shape: 'splunk_hec', hec: { host: 'cmdr-box', source: 'Acme Corp' } });
  });

  it('reads newline-joined HEC events (one POST body) as several events', () => {
    const hec = (type: string): string => JSON.stringify({ time: 1, event: { audit_event_type: type, username: 'u' } });
    expect(parseAll(`${hec('login')}\n${hec('record_add')}\n`).map((e) => e.event.action)).toEqual([
      'login',
      'record_add',
    ]);
  });

  it('reads the Sumo export: ISO timestamp and the rendered message', () => {
    const sumo = { ...commanderRow, id: undefined, created: undefined, timestamp: '2023-11-14T22:13:20Z' };
    const event = parseOne(JSON.stringify({ ...sumo, message: 'User admin@acme.example logged in' }));
    expect(event['@timestamp']).toBe('2023-11-14T22:13:20.000Z');
    expect(event.message).toBe('User admin@acme.example logged in');
    expect(event.keeper).not.toHaveProperty('message');
  });

  it('reads the JSON file export (an array) as one event per element', () => {
    const events = parseAll(
      JSON.stringify([{ audit_event_type: 'record_add' }, { audit_event_type: 'record_delete' }]),
    );
    expect(events.map((e) => e.event.type)).toEqual([['creation'], ['deletion']]);
    expect(events[0]?.event.original).toBe('{"audit_event_type":"record_add"}');
  });

  it('reads the syslog export: row in structured data, MSGID as id, its rendered message', () => {
    const line =
      '<110>1 2023-01-02T03:04:05Z 9.9.9.9 Keeper - 4711 [Keeper@Commander audit_event_type="transfer_owner" ' +
      'username="a@acme.example" to_username="b@acme.example"] Record ownership transferred to b@acme.example';
    const event = parseOne(line);
    expect(event['@timestamp']).toBe('2023-01-02T03:04:05.000Z');
    expect(event.event).toMatchObject({ id: '4711', action: 'transfer_owner' });
    expect(event.message).toBe('Record ownership transferred to b@acme.example');
    expect(event.user?.target).toEqual({ name: 'b@acme.example', email: 'b@acme.example' });
    expect(event.source?.ip).toBe('9.9.9.9');
    expect(event.keeper).toMatchObject({ shape: 'commander_syslog', syslog: { priority: 110 } });
  });

  it('reads syslog structured data with RFC 5424 escapes', () => {
    const line =
      '<110>1 2023-01-02T03:04:05Z - Keeper - 7 [Keeper@Commander audit_event_type="app_client_record_update" ' +
      'device_name="lab \\"blue\\" \\]box" record_uid="R7"] ignored';
    const event = parseOne(line);
    expect(event.message).toBe('KSM device lab "blue" ]box has updated record UID R7');
    expect(event.keeper).toMatchObject({ device_name: 'lab "blue" ]box', secret_uid: 'R7' });
    expect(event.source).toBeUndefined();
  });
});

describe('Devo key=value text', () => {
  it('reads it bare and drops the doc placeholder brackets', () => {
    const event = parseOne('audit_event=login|username=<bob@foo.com>|remote_address=203.0.113.5|enterprise_id=7');
    expect(event.event.action).toBe('login');
    expect(event.user?.name).toBe('bob@foo.com');
    expect(event.source?.ip).toBe('203.0.113.5');
    expect(event.keeper).toMatchObject({ enterprise_id: '7', shape: 'devo_kv' });
  });

  it('reads it after a syslog header', () => {
    const event = parseOne(
      '<165>1 2022-10-13T21:05:51.996Z keepersecurity.com keeper - - - audit_event=app_client_access|app_uid=A9|device_name=pi',
    );
    expect(event['@timestamp']).toBe('2022-10-13T21:05:51.996Z');
    expect(event.message).toBe('KSM device pi has accessed secrets from application A9');
  });
});

describe('malformed input', () => {
  it.each([
    ['empty', '   '],
    ['plain text', 'hello keeper'],
    ['truncated JSON', '{"audit_event":"login",'],
    ['JSON string', '"login"'],
    ['JSON null', 'null'],
    ['empty array', '[]'],
    ['array of numbers', '[1,2]'],
    ['no event type', '{"username":"a@b.c","remote_address":"1.2.3.4"}'],
    ['event type not a string', '{"audit_event":{"name":"login"}}'],
    ['unreadable timestamp', '{"audit_event":"login","timestamp":"yesterday-ish"}'],
    ['empty report', '{"result":"success","audit_event_overview_report_rows":[]}'],
    ['report row not an object', '{"audit_event_overview_report_rows":["login"]}'],
    ['HEC event bad JSON', '{"time":1,"event":"{\\"audit_event\\":"}'],
    ['one bad NDJSON line', '{"audit_event":"login"}\n{oops}'],
    ['syslog without a Keeper payload', '<165>1 2022-10-13T21:05:51.996Z host app - - - just words'],
    ['syslog with broken JSON', '<165>1 2022-10-13T21:05:51.996Z keepersecurity.com keeper - - - {"audit_event":'],
  ])('%s throws ParseError', (_label, raw) => {
    expect(() => parseAll(raw)).toThrow(ParseError);
  });
});
