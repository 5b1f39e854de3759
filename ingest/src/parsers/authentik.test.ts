import type { CanonicalEvent } from '@vigil/schemas';
import { describe, expect, it } from 'vitest';
import { RECEIVED_AT, expectWellFormed, fixture, parseAll, parseOne } from './authentik-test-helpers.ts';
import { ParseError } from './parser.ts';

const LINES = fixture('vendor/authentik.ndjson').split('\n').filter(Boolean);
const STARS = '********************';

function line(index: number): CanonicalEvent {
  const raw = LINES[index] ?? '';
  const event = parseOne(raw);
  expect(event.event.original).toBe(raw);
  return event;
}

/**
 * The JSON examples of seed 003 (authentik's event-actions.md and the older index.md): fenced
 * ```json blocks, interleaved with the capture's `|` / `||||` separator lines.
 */
function seedExamples(): string[] {
  const lines = fixture('seeds/003_dfa6a237075f751f.txt').split('\n');
  const blocks: string[] = [];
  let current: string[] | undefined;
  for (const text of lines) {
    if (text.trim() === '```json') current = [];
    else if (current && text.trim() === '```') {
      blocks.push(current.join('\n'));
      current = undefined;
    } else if (current && !/^\|*$/.test(text.trim())) current.push(text);
  }
  return blocks;
}

describe('authentik fixture lines (test/fixtures/vendor/authentik.ndjson)', () => {
  it('parses every line into one well-formed event', () => {
    expect(LINES).toHaveLength(9);
    for (const raw of LINES) {
      const events = parseAll(raw);
      expect(events).toHaveLength(1);
      expectWellFormed(events[0] as CanonicalEvent);
    }
  });

  it('line 1: login Event object', () => {
    const event = line(0);
    expect(event['@timestamp']).toBe('2023-02-15T15:33:42.771Z');
    expect(event.event).toMatchObject({
      id: 'f00f54e7-2b38-421f-bc78-e61f950048d6',
      action: 'login',
      category: ['authentication', 'session'],
      type: ['start'],
      outcome: 'success',
      severity: 6,
      provider: 'authentik.events.signals',
    });
    expect(event.log?.level).toBe('info');
    expect(event.message).toBe('akadmin logged in');
    expect(event.user).toEqual({ id: '1', name: 'akadmin', email: 'root@localhost' });
    expect(event.source?.ip).toBe('::1');
    expect(event.http?.request?.method).toBe('GET');
    expect(event.url).toEqual({ path: '/api/v3/flows/executor/default-authentication-flow/', query: 'next=%2F' });
    expect(event.related).toEqual({ ip: ['::1'], user: ['akadmin'] });
    expect(event.authentik).toMatchObject({
      shape: 'event',
      expires: '2024-02-15T15:33:42.770425Z',
      brand: { name: 'Default brand', pk: 'fcba828076b94dedb2d5a6b4c5556fa1' },
      context: { auth_method: 'password' },
    });
    expect(event.tags).toBeUndefined();
  });

  it('line 2: login_failed names the attempted user, not AnonymousUser, and keeps the starred password', () => {
    const event = line(1);
    expect(event.event).toMatchObject({ action: 'login_failed', category: ['authentication'], outcome: 'failure' });
    expect(event.event.severity).toBe(4);
    expect(event.user).toEqual({ name: 'akadmin' });
    expect(event.message).toBe('Failed login attempt for akadmin');
    expect(event.http?.request?.method).toBe('POST');
    expect(event.authentik).toMatchObject({
      user: { pk: 2, username: 'AnonymousUser', email: '' },
      context: { password: STARS, username: 'akadmin', stage: { name: 'default-authentication-password' } },
    });
  });

  it('line 3: logout ends the session; an empty query string is absent', () => {
    const event = line(2);
    expect(event.event).toMatchObject({ action: 'logout', category: ['authentication', 'session'], type: ['end'] });
    expect(event.url).toEqual({ path: '/api/v3/flows/executor/default-invalidation-flow/' });
    expect(event.message).toBe('akadmin logged out');
  });

  it('line 4: user_write changes the written user', () => {
    const event = line(3);
    expect(event.event).toMatchObject({ action: 'user_write', category: ['iam'], type: ['user', 'change'] });
    expect(event.user?.target).toEqual({ name: 'akadmin', email: 'root@localhost' });
    expect(event.authentik).toMatchObject({ context: { created: false, name: 'authentik Default Admin' } });
  });

  it('line 5: authorize_application keeps the ASN, skips the documented "placeholder" geo', () => {
    const event = line(4);
    expect(event.event).toMatchObject({ action: 'authorize_application', category: ['authentication'] });
    expect(event.source?.as).toEqual({ number: 6805, organization: { name: 'Telefonica Germany' } });
    expect(event.source?.geo).toBeUndefined();
    expect(event.url?.query).toBeUndefined();
    expect(event.message).toBe('akadmin authorized application Alertmanager');
    expect(event.authentik).toMatchObject({
      expires: '2023-04-26T10:02:48.612809Z',
      context: {
        geo: { city: 'placeholder', lat: 42 },
        asn: { network: '5.4.0.0/14' },
        scopes: 'ak_proxy profile openid email',
      },
    });
  });

  it('line 6: the generic webhook default body', () => {
    const event = line(5);
    expect(event['@timestamp']).toBe(RECEIVED_AT);
    expect(event.event).toMatchObject({ action: 'notification', category: [], type: ['info'], outcome: 'unknown' });
    expect(event.event.id).toBeUndefined();
    expect(event.message).toBe('body of the notification message');
    expect(event.user).toEqual({ name: "event user's username", email: "event user's email" });
    expect(event.tags).toEqual(['authentik_notification_without_action']);
    expect(event.authentik).toMatchObject({
      shape: 'webhook',
      user_username: "notification user's username",
      severity: 'severity level as configured in the trigger',
    });
  });

  it('line 7: a "Created Event" container log line (naive timestamp read as UTC)', () => {
    const event = line(6);
    expect(event['@timestamp']).toBe('2026-08-30T19:25:26.527Z');
    expect(event.event).toMatchObject({ action: 'login_failed', outcome: 'failure' });
    expect(event.event.id).toBeUndefined();
    expect(event.user).toEqual({ id: '4', name: 'akadmin', email: 'admin@idanreed.com' });
    expect(event.source?.ip).toBe('203.0.113.77');
    expect(event.user_agent?.original).toBe('curl/8.19.0');
    expect(event.http?.request).toEqual({ method: 'POST', id: 'dd8c847ae65f4bd8b8f9b4a22c087385' });
    expect(event.url?.query).toBeUndefined();
    expect(event.authentik).toMatchObject({
      shape: 'log',
      auth_via: 'unauthenticated',
      logger: 'authentik.events.models',
      host: '127.0.0.1:19000',
      pid: 184,
      context: { password: STARS },
    });
    expect(event.authentik).not.toHaveProperty('event');
  });

  it('line 8: log line authorize_application rebuilds the query string from the parsed args', () => {
    const event = line(7);
    expect(event['@timestamp']).toBe('2024-12-31T04:38:22.148Z');
    expect(event.message).toBe('akadmin authorized application OAuth2 Proxy');
    expect(event.user).toEqual({ id: '4', name: 'akadmin', email: 'hey@rob-ferguson.me' });
    expect(event.url?.path).toBe('/application/o/authorize/');
    const query = new URLSearchParams(event.url?.query);
    expect(query.get('client_id')).toBe('oauth2-proxy');
    expect(query.get('redirect_uri')).toBe('http://localhost:4180/oauth2/callback');
    expect(event.user_agent?.original).toMatch(/^Mozilla\/5\.0 \(Macintosh/);
    expect(event.http?.request?.id).toBe('1950b5ec98f14c29ab1a36d7af11ce65');
  });

  it('line 9: log line for another user', () => {
    const event = line(8);
    expect(event['@timestamp']).toBe('2024-08-17T04:10:11.608Z');
    expect(event.user).toEqual({ id: '9', name: 'example', email: 'admin@example.com' });
    expect(event.source?.ip).toBe('10.42.7.1');
    expect(event.message).toBe('example authorized application Hayneslab Kubernetes');
    expect(new URLSearchParams(event.url?.query).get('client_id')).toBe('kube-apiserver');
    expect(event.authentik).toMatchObject({ domain_url: 'authentik.example.com', schema_name: 'public' });
  });
});

describe('authentik seed 003 JSON examples (test/fixtures/seeds/003_dfa6a237075f751f.txt)', () => {
  const examples = seedExamples();

  it('finds the five documented events, in both copies of the page', () => {
    const actions = examples.map((text) => (JSON.parse(text) as { action: string }).action);
    expect(actions).toEqual([
      ...['login', 'login_failed', 'logout', 'user_write', 'authorize_application'],
      ...['login', 'login_failed', 'logout', 'user_write', 'authorize_application'],
    ]);
  });

  it('parses each pretty-printed example exactly like its compact fixture line', () => {
    const byId = new Map(LINES.slice(0, 5).map((raw) => [parseOne(raw).event.id, parseOne(raw)]));
    for (const text of examples) {
      const event = parseOne(text);
      expectWellFormed(event);
      const expected = byId.get(event.event.id);
      expect(expected).toBeDefined();
      expect({ ...event, event: { ...event.event, original: '' } }).toEqual({
        ...expected,
        event: { ...expected?.event, original: '' },
      });
    }
  });
});

describe('authentik malformed input', () => {
  const rejects = (raw: string, reason: RegExp) => {
    expect(() => parseAll(raw)).toThrow(ParseError);
    expect(() => parseAll(raw)).toThrow(reason);
  };

  it('rejects what is not a JSON object', () => {
    rejects('{"action": "login"', /invalid JSON/);
    rejects('[{"action":"login"}]', /expected a JSON object/);
    rejects('"login"', /expected a JSON object/);
    rejects('', /invalid JSON/);
  });

  it('rejects objects of no authentik shape, naming their keys', () => {
    rejects('{}', /not an authentik event.*keys \[\]/);
    rejects('{"foo": 1, "bar": 2}', /keys \[foo, bar\]/);
  });

  it('rejects structlog lines that are not an event creation', () => {
    const line = {
      event: 'Task finished',
      level: 'info',
      logger: 'authentik.root.celery',
      timestamp: '2024-08-17T04:10:11.608400',
    };
    rejects(JSON.stringify(line), /not an event creation: "Task finished" from logger authentik\.root\.celery/);
  });

  it('rejects events without an action', () => {
    rejects(
      '{"event": "Created Event", "logger": "authentik.events.models", "context": {}}',
      /log line without an action/,
    );
    rejects('{"pk": "x", "action": null, "context": {}}', /event object without an action/);
    rejects('{"action": "", "context": {}}', /event object without an action/);
    rejects('{"sourcetype": "authentik:event", "event": {"app": "x"}}', /Splunk HEC event without an action/);
    rejects('{"username": "authentik", "attachments": []}', /Slack body without an attachment/);
  });

  it('rejects an API page without events, or with a non-object result', () => {
    rejects('{"pagination": {"count": 0}, "results": []}', /without results/);
    rejects('{"pagination": {"count": 1}, "results": [1]}', /results\[0\] is not an object/);
  });

  it('survives odd field types without throwing anything but ParseError', () => {
    const odd = {
      action: 'login',
      user: 'akadmin',
      context: { http_request: 'GET /', geo: [1, 2], asn: { asn: 'x' }, diff: 3 },
      client_ip: 42,
      created: { when: 'now' },
    };
    const event = parseOne(odd);
    expectWellFormed(event);
    expect(event['@timestamp']).toBe(RECEIVED_AT);
    expect(event.user).toBeUndefined();
    expect(event.source).toBeUndefined();
  });
});
