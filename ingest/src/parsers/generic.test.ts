import { describe, expect, it } from 'vitest';
import { genericParser } from './generic.ts';
import { MAX_GENERIC_DEPTH } from './generic-json.ts';
import { asKept, depthOf, envelope, fixture, parseAll, parseOne, RECEIVED_AT } from './generic-test-helpers.ts';
import { ParseError } from './parser.ts';

describe('generic JSON objects', () => {
  it('reads an authentik-shaped event (fixture line 1)', () => {
    const line = fixture('vendor/authentik.ndjson').split('\n')[0] ?? '';
    const event = parseOne(line);
    expect(event['@timestamp']).toBe('2023-02-15T15:33:42.771Z');
    expect(event.event).toMatchObject({
      action: 'login',
      id: 'f00f54e7-2b38-421f-bc78-e61f950048d6',
      dataset: 'generic.json',
      original: line,
    });
    expect(event.user).toEqual({ name: 'akadmin', id: '1', email: 'root@localhost' });
    expect(event.source).toEqual({ ip: '::1' });
    expect(event.message).toBe('login by akadmin from ::1');
    expect(event.generic).toEqual(asKept(JSON.parse(line)));
    expect((event.generic?.context as Record<string, unknown>).auth_method).toBe('password');
  });

  it('takes fields from an event that is already ECS, keeping only allowed category/type values', () => {
    const event = parseOne({
      '@timestamp': '2025-06-01T12:00:00Z',
      message: 'user logged in',
      event: {
        action: 'user_login',
        outcome: 'success',
        category: ['authentication', 'bogus'],
        type: 'start',
        id: 'evt-1',
      },
      log: { level: 'warn' },
      source: { ip: '198.51.100.4', port: 50122 },
      destination: { ip: '10.0.0.2', port: 22 },
      user: { name: 'bob', id: 'u-7', target: { name: 'carol' } },
      host: { name: 'bastion-1' },
      http: { request: { method: 'post' }, response: { status_code: 201 } },
      url: { original: 'https://x.example/login?a=1', path: '/login' },
      user_agent: { original: 'curl/8' },
      tags: ['prod', 7],
    });
    expect(event['@timestamp']).toBe('2025-06-01T12:00:00.000Z');
    expect(event.event).toMatchObject({
      action: 'user_login',
      outcome: 'success',
      category: ['authentication'],
      type: ['start'],
      id: 'evt-1',
      severity: 4,
    });
    expect(event.log).toEqual({ level: 'warning' });
    expect(event.source).toEqual({ ip: '198.51.100.4', port: 50122 });
    expect(event.destination).toEqual({ ip: '10.0.0.2', port: 22 });
    expect(event.user).toEqual({ name: 'bob', id: 'u-7', target: { name: 'carol' } });
    expect(event.host).toEqual({ name: 'bastion-1' });
    expect(event.http).toEqual({ request: { method: 'POST' }, response: { status_code: 201 } });
    expect(event.url).toEqual({ original: 'https://x.example/login?a=1', path: '/login' });
    expect(event.user_agent).toEqual({ original: 'curl/8' });
    expect(event.related).toEqual({ ip: ['198.51.100.4', '10.0.0.2'], user: ['bob', 'carol'] });
    expect(event.tags).toEqual(['prod', '7']);
  });

  it('reads literal dotted keys as ECS paths', () => {
    const event = parseOne({ 'event.action': 'rotate', 'source.ip': '192.0.2.9', 'user.name': 'svc' });
    expect([event.event.action, event.source?.ip, event.user?.name]).toEqual(['rotate', '192.0.2.9', 'svc']);
  });

  it('reads CloudTrail, Okta and pino shapes', () => {
    const cloudTrail = parseOne({
      eventTime: '2024-02-01T08:00:00Z',
      eventSource: 'signin.amazonaws.com',
      eventName: 'ConsoleLogin',
      sourceIPAddress: '203.0.113.5',
      userIdentity: { type: 'IAMUser', userName: 'alice', principalId: 'AIDA1' },
      eventID: '3f1b0c2e-8f6e-4c1e-9d55-7f9a3b2c1d0e',
    });
    expect(cloudTrail.event).toMatchObject({ action: 'ConsoleLogin', provider: 'signin.amazonaws.com' });
    expect(cloudTrail.event.id).toBe('3f1b0c2e-8f6e-4c1e-9d55-7f9a3b2c1d0e');
    expect([cloudTrail.user?.name, cloudTrail.user?.id, cloudTrail.source?.ip]).toEqual([
      'alice',
      'AIDA1',
      '203.0.113.5',
    ]);

    const okta = parseOne({
      published: '2024-02-01T08:00:00.000Z',
      eventType: 'user.session.start',
      displayMessage: 'User login to Okta',
      severity: 'INFO',
      actor: { id: '00u1', alternateId: 'dana@example.com', displayName: 'Dana' },
      client: { ipAddress: '198.51.100.20', userAgent: { rawUserAgent: 'Mozilla/5.0' } },
      outcome: { result: 'FAILURE', reason: 'INVALID_CREDENTIALS' },
    });
    expect(okta.event).toMatchObject({ action: 'user.session.start', outcome: 'failure', severity: 6 });
    expect(okta.user).toEqual({ name: 'dana@example.com', id: '00u1', email: 'dana@example.com' });
    expect([okta.source?.ip, okta.user_agent?.original, okta.message]).toEqual([
      '198.51.100.20',
      'Mozilla/5.0',
      'User login to Okta',
    ]);

    const pino = parseOne({
      level: 50,
      time: 1700000000000,
      msg: 'boom',
      req: { method: 'GET', url: '/x', remoteAddress: '::ffff:10.1.1.1' },
    });
    expect([pino.event.severity, pino.log?.level, pino['@timestamp'], pino.message]).toEqual([
      3,
      'error',
      '2023-11-14T22:13:20.000Z',
      'boom',
    ]);
    expect([pino.http?.request?.method, pino.url?.original, pino.source?.ip]).toEqual(['GET', '/x', '::ffff:10.1.1.1']);
  });

  it('looks one level into wrapper objects (Splunk HEC event, PrivX message)', () => {
    const hec = parseOne({ time: 1700000000, host: 'h1', event: { action: 'deploy', user: 'ci', result: 'ok' } });
    expect([hec.event.action, hec.user?.name, hec.event.outcome, hec.host?.name]).toEqual([
      'deploy',
      'ci',
      'success',
      'h1',
    ]);
    expect(hec['@timestamp']).toBe('2023-11-14T22:13:20.000Z');
    const privx = parseOne(fixture('vendor/privx.ndjson').split('\n')[0] ?? '');
    expect(privx.event).toMatchObject({ action: 'Role member changed', code: '220', severity: 6 });
    expect(privx.event.id).toBeUndefined();
    expect([privx.message, privx.source?.ip, privx['@timestamp']]).toEqual([
      'Role updated',
      '10.0.0.1',
      '2026-01-01T12:00:00.000Z',
    ]);
  });

  it('checks values: IPs with ports and proxy lists, implausible times, level and severity words', () => {
    const event = parseOne({
      ip: 'not-an-ip',
      remote_addr: '10.0.0.5:4444',
      time: 5,
      level: 'high',
      status: 403,
      id: 42,
    });
    expect(event.source).toEqual({ ip: '10.0.0.5', port: 4444 });
    expect(event['@timestamp']).toBe(RECEIVED_AT);
    expect([event.event.severity, event.http?.response?.status_code, event.event.id]).toEqual([3, 403, undefined]);
    expect(parseOne({ x_forwarded_for: '203.0.113.1, 10.0.0.1' }).source?.ip).toBe('203.0.113.1');
    expect(parseOne({ EventID: 4624, Computer: 'dc01' }).event).toMatchObject({
      code: '4624',
      action: 'generic_event',
    });
  });

  it('defaults an unknown object to generic_event, received time, everything under generic without nulls', () => {
    const event = parseOne({ alpha: 1, nested: { beta: [1, null, 'two'], gone: null } });
    expect(event.event.action).toBe('generic_event');
    expect(event['@timestamp']).toBe(RECEIVED_AT);
    expect(event.message).toBeUndefined();
    expect(event.generic).toEqual({ alpha: 1, nested: { beta: [1, 'two'] } });
  });
});

describe('generic NDJSON-ish records', () => {
  it('reads a record with a BOM, trailing CRLF and surrounding blanks', () => {
    expect(parseOne('\uFEFF  {"action":"x","user":"u"}\r\n').event.action).toBe('x');
  });

  it('gives one event per line when every line is a JSON object, each with its own original', () => {
    const events = parseAll('{"action":"a"}\n\n{"action":"b"}\n');
    expect(events.map((event) => [event.event.action, event.event.original])).toEqual([
      ['a', '{"action":"a"}'],
      ['b', '{"action":"b"}'],
    ]);
  });

  it('reads a pretty-printed object as one event and mixed lines as text', () => {
    expect(parseOne('{\n  "action": "pretty"\n}').event.action).toBe('pretty');
    expect(parseOne('{"action":"a"}\nnot json').event).toMatchObject({ action: 'log', dataset: 'generic.text' });
  });
});

describe('generic text and refused records', () => {
  it('keeps any other text line as a log event', () => {
    const event = parseOne('kernel: eth0 link up\n');
    expect(event.event).toMatchObject({ action: 'log', dataset: 'generic.text', original: 'kernel: eth0 link up\n' });
    expect([event.message, event['@timestamp']]).toEqual(['kernel: eth0 link up', RECEIVED_AT]);
    const stamped = parseOne('2024-03-01 12:00:00,123 ERROR payment failed');
    expect([stamped['@timestamp'], stamped.event.severity, stamped.message]).toEqual([
      '2024-03-01T12:00:00.123Z',
      3,
      '2024-03-01 12:00:00,123 ERROR payment failed',
    ]);
    expect(parseOne('{"truncated": ').event.action).toBe('log');
  });

  it.each(['', '   ', '\r\n\t', '\uFEFF'])('refuses a blank record %j', (raw) => {
    expect(() => genericParser.parse(envelope(raw))).toThrow(ParseError);
  });

  it.each(['42', '[1,2]', '"text"', 'null', 'true', '[{"action":"x"}]'])(
    'refuses JSON that is not an object: %s',
    (raw) => {
      expect(() => genericParser.parse(envelope(raw))).toThrow(/expected a JSON object/);
    },
  );
});

describe('generic deep nesting', () => {
  const DEPTH = 10_000;

  it.each([
    ['objects', '{"a":'.repeat(DEPTH) + '"bottom"' + '}'.repeat(DEPTH)],
    ['arrays', '{"a":' + '['.repeat(DEPTH) + '"bottom"' + ']'.repeat(DEPTH) + '}'],
  ])('reads %s nested 10,000 deep without a RangeError, truncating generic', (_kind, raw) => {
    const event = parseOne(raw);
    expect(event.tags).toEqual(['generic_depth_truncated']);
    expect(depthOf(event.generic)).toBe(MAX_GENERIC_DEPTH);
    expect(JSON.stringify(event.generic)).toContain('bottom');
  });

  it('truncates a deep JSON payload inside a syslog line too', () => {
    const event = parseOne(`<13>1 2024-05-01T10:00:00Z h app - - - ${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`);
    expect(event.tags).toEqual(['generic_depth_truncated']);
    expect(depthOf(event.generic)).toBeLessThanOrEqual(MAX_GENERIC_DEPTH);
  });
});

describe('generic over every vendor fixture line', () => {
  const lines = ['akeyless', 'authentik', 'czertainly', 'keeper', 'privx'].flatMap((source) =>
    fixture(`vendor/${source}.ndjson`)
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line, i) => [`${source}:${i + 1}`, line] as const),
  );

  it.each(lines)('%s becomes one well-formed event with the whole record under generic', (_name, line) => {
    const event = parseOne(line);
    expect(event.event.dataset).toBe('generic.json');
    expect(event.generic).toEqual(asKept(JSON.parse(line)));
    expect(event.event.action).toMatch(/\S/);
  });

  it('finds the actions vendors name in their own keys', () => {
    const actions = lines.map(([, line]) => parseOne(line).event.action);
    expect(actions).toEqual(
      expect.arrayContaining(['login_failed', 'fast_fill', 'certificate_status_changed', 'Host account changed']),
    );
  });
});
