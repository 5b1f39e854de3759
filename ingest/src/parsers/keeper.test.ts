import { readdirSync, readFileSync } from 'node:fs';
import type { CanonicalEvent, Envelope } from '@vigil/schemas';
import { describe, expect, it } from 'vitest';
import { KEEPER_UNKNOWN_EVENT_TAG, keeperParser } from './keeper.ts';
import { ParseError } from './parser.ts';

const fixtures = new URL('../../../test/fixtures/', import.meta.url);
const RECEIVED_AT = '2024-05-01T12:00:00.000Z';

function lines(path: string): string[] {
  return readFileSync(new URL(path, fixtures), 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');
}

function envelope(raw: string): Envelope {
  return { ingest_id: 'test', source: 'keeper', input: 'test', received_at: RECEIVED_AT, raw };
}

function parseAll(raw: string): CanonicalEvent[] {
  return keeperParser.parse(envelope(raw));
}

function parseOne(raw: string): CanonicalEvent {
  const events = parseAll(raw);
  expect(events).toHaveLength(1);
  return events[0] as CanonicalEvent;
}

/** Seed 001's KSM rows: event name (or title) and template. */
function seedKsmRows(): Array<{ name: string; template: string }> {
  const dir = new URL('seeds/', fixtures);
  const file = readdirSync(dir).find((name) => name.startsWith('001_'));
  if (!file) throw new Error('seed 001 missing');
  return readFileSync(new URL(file, dir), 'utf8')
    .split(/\r?\n/)
    .map((line) => /^(.+?) \| (.*\$\{.*?) \| .+ \|\s*$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ name: (match[1] ?? '').trim(), template: (match[2] ?? '').trim() }));
}

const SEED_TITLE_TYPES: Record<string, string> = { 'Access denied from blocked IP': 'app_client_access_denied' };

describe('keeper vendor fixtures', () => {
  const [fastFill, auditSync, consoleLogin] = lines('vendor/keeper.ndjson');

  it('has the three ARAM JSON lines and one syslog line', () => {
    expect(lines('vendor/keeper.ndjson')).toHaveLength(3);
    expect(lines('vendor/keeper.syslog.log')).toHaveLength(1);
  });

  it('parses the fast_fill push event (no timestamp: received time)', () => {
    const event = parseOne(fastFill ?? '');
    expect(event['@timestamp']).toBe(RECEIVED_AT);
    expect(event.event).toMatchObject({ action: 'fast_fill', code: 'fast_fill', outcome: 'success', severity: 6 });
    expect(event.event.category).toEqual(['iam']);
    expect(event.event.type).toEqual(['access']);
    expect(event.message).toBe('Filled Record by user@company.com');
    expect(event.user).toEqual({ name: 'user@company.com', email: 'user@company.com' });
    expect(event.source?.ip).toBe('12.34.56.78');
    expect(event.log?.level).toBe('info');
    expect(event.keeper).toMatchObject({
      record_uid: 'XXX',
      secret_uid: 'XXX',
      category: 'usage',
      client_version: 'Browser Extensions.16.4.7',
      enterprise_id: 123456,
      event_type_name: 'Filled Record',
      shape: 'aram_json',
    });
    expect(event.tags).toBeUndefined();
    expect(event.event.original).toBe(fastFill);
  });

  it('parses the audit_sync_setup event with its own time and target name', () => {
    const event = parseOne(auditSync ?? '');
    expect(event['@timestamp']).toBe('2021-08-16T18:10:57.232Z');
    expect(event.event.action).toBe('audit_sync_setup');
    expect(event.event.category).toEqual(['configuration']);
    expect(event.event.type).toEqual(['creation']);
    expect(event.message).toBe('Setup Audit Log Sync by qcampbell');
    expect(event.user).toEqual({ name: 'qcampbell' });
    expect(event.source?.ip).toBe('175.253.55.123');
    expect(event.keeper).toMatchObject({ name: 'sumo', enterprise_id: 99376, client_version: 'EMConsole.15.3.4' });
  });

  it('parses the login_console event as an authentication start with its flags', () => {
    const event = parseOne(consoleLogin ?? '');
    expect(event['@timestamp']).toBe('2021-08-16T18:08:14.597Z');
    expect(event.event).toMatchObject({ action: 'login_console', outcome: 'success' });
    expect(event.event.category).toEqual(['authentication']);
    expect(event.event.type).toEqual(['start']);
    expect(event.related).toEqual({ ip: ['114.215.208.223'], user: ['wyattjuan'] });
    expect(event.keeper).toMatchObject({ username_new: true, client_version_new: true });
    expect(event.keeper).not.toHaveProperty('username');
    expect(event.keeper).not.toHaveProperty('timestamp');
  });

  it('parses the syslog push line: header time, same fields as the JSON', () => {
    const [line] = lines('vendor/keeper.syslog.log');
    const event = parseOne(line ?? '');
    const json = parseOne(fastFill ?? '');
    expect(event['@timestamp']).toBe('2022-10-13T21:05:51.996Z');
    expect(event.event.action).toBe('fast_fill');
    expect(event.user).toEqual(json.user);
    expect(event.source).toEqual(json.source);
    expect(event.message).toBe(json.message);
    expect(event.keeper).toMatchObject({
      shape: 'aram_syslog',
      record_uid: 'XXX',
      syslog: { host: 'keepersecurity.com', app_name: 'keeper', facility: 'local4', severity: 'notice', priority: 165 },
    });
    expect(event.event.original).toBe(line);
  });

  it('throws ParseError for every fixture line cut off inside its JSON', () => {
    for (const line of [...lines('vendor/keeper.ndjson'), ...lines('vendor/keeper.syslog.log')]) {
      expect(() => parseAll(line.slice(0, line.indexOf('"audit_event"') + 5)), line).toThrow(ParseError);
    }
  });
});

describe('KSM events of seed 001', () => {
  const rows = seedKsmRows();
  const values = {
    username: 'alice@example.com',
    secret_uid: 'Rb9xQ2lT0yVqk1',
    app_uid: 'AppUid_77',
    device_name: 'ci-runner-3',
    device_ip: '198.51.100.23',
  };
  const render = (template: string): string =>
    template.replace(/\$\{(\w+)\}/g, (_m, key: string) => values[key as keyof typeof values]);

  it('finds all twelve rows', () => {
    expect(rows).toHaveLength(12);
  });

  it.each(rows)('renders $name from the template variable names', ({ name, template }) => {
    const type = SEED_TITLE_TYPES[name] ?? name;
    const event = parseOne(JSON.stringify({ audit_event: type, timestamp: '2024-02-03T04:05:06.789Z', ...values }));
    expect(event.message).toBe(render(template));
    expect(event.message).not.toMatch(/\$\{|<missing>/);
    expect(event.event.action).toBe(type);
    expect(event.user?.name).toBe(values.username);
    expect(event.source?.ip).toBe(values.device_ip);
    expect(event.keeper).toMatchObject({
      secret_uid: values.secret_uid,
      app_uid: values.app_uid,
      device_name: values.device_name,
    });
    expect(event.tags).toBeUndefined();
  });

  it.each(rows)('renders $name from the vendor keys (record/folder uid, remote_address)', ({ name, template }) => {
    const type = SEED_TITLE_TYPES[name] ?? name;
    const objectKey = type.includes('folder') ? 'shared_folder_uid' : 'record_uid';
    const row = {
      audit_event: type,
      username: values.username,
      [objectKey]: values.secret_uid,
      app_uid: values.app_uid,
      device_name: values.device_name,
      remote_address: values.device_ip,
      enterprise_id: 42,
    };
    const event = parseOne(JSON.stringify(row));
    expect(event.message).toBe(render(template));
    expect(event.source?.ip).toBe(values.device_ip);
    expect(event.keeper).toMatchObject({ secret_uid: values.secret_uid, [objectKey]: values.secret_uid });
  });

  it('marks variables the event lacks the way Commander does', () => {
    const event = parseOne('{"audit_event":"app_client_connected","app_uid":"A1"}');
    expect(event.message).toBe('KSM device <missing> performed initial connect to application A1');
  });

  it('takes the blocked device IP over the reporting address', () => {
    const event = parseOne(
      JSON.stringify({
        audit_event: 'app_client_access_denied',
        record_uid: 'R1',
        device_ip: '192.0.2.7',
        remote_address: '10.0.0.1',
      }),
    );
    expect(event.message).toBe('Access denied to record UID R1 from device with blocked IP address 192.0.2.7');
    expect(event.source?.ip).toBe('192.0.2.7');
    expect(event.related?.ip).toEqual(['192.0.2.7', '10.0.0.1']);
    expect(event.event.outcome).toBe('failure');
    expect(event.event.type).toContain('denied');
  });
});

describe('every Keeper event type', () => {
  const csv = lines('vendor/keeper.event_types.csv').slice(1);

  it.each(csv.map((line) => line.split(/,(.*)/s).slice(0, 2) as [string, string]))(
    '%s reads "%s"',
    (type, displayName) => {
      const event = parseOne(JSON.stringify({ audit_event: type, username: 'bob@example.com' }));
      expect(event.event.action).toBe(type);
      expect(event.event.code).toBe(type);
      expect(event.keeper).toMatchObject({ event_type_name: displayName });
      expect(event.tags).toBeUndefined();
      if (
        !event.message?.startsWith('User ') &&
        !event.message?.startsWith('KSM ') &&
        !event.message?.startsWith('Access ')
      ) {
        expect(event.message).toBe(`${displayName} by bob@example.com`);
      }
    },
  );

  it('keeps an unknown type, tagged, with outcome unknown', () => {
    const event = parseOne(
      '{"audit_event":"quantum_vault_warp","username":"eve@example.com","extra":{"a":null,"b":1}}',
    );
    expect(event.event.action).toBe('quantum_vault_warp');
    expect(event.tags).toEqual([KEEPER_UNKNOWN_EVENT_TAG]);
    expect(event.event.outcome).toBe('unknown');
    expect(event.message).toBe('Keeper event quantum_vault_warp by eve@example.com');
    expect(event.keeper).toEqual({ extra: { b: 1 }, shape: 'aram_json' });
  });
});
