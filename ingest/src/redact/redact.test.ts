import { readFileSync } from 'node:fs';
import type { CanonicalEvent } from '@vigil/schemas';
import { describe, expect, it } from 'vitest';
import { createRedactor, normalizeKey, REDACTED } from './redact.ts';

function event(extra: Partial<CanonicalEvent> = {}, original?: string): CanonicalEvent {
  return {
    '@timestamp': '2026-01-01T12:00:00.000Z',
    event: {
      action: 'test',
      kind: 'event',
      category: [],
      type: [],
      module: 'generic',
      dataset: 'generic.audit',
      ingested: '2026-01-01T12:00:01.000Z',
      ...(original !== undefined && { original }),
    },
    ...extra,
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function fixture(name: string): string[] {
  const text = readFileSync(new URL(`../../../test/fixtures/vendor/${name}`, import.meta.url), 'utf8');
  return text.split('\n').filter((line) => line.trim() !== '');
}

const PEM = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
  'VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK',
  '-----END RSA PRIVATE KEY-----',
].join('\n');

describe('normalizeKey', () => {
  it.each([
    ['clientSecret', 'client_secret'],
    ['Client-Secret', 'client_secret'],
    ['CLIENT_SECRET', 'client_secret'],
    ['X-Api-Key', 'x_api_key'],
    ['APIKey', 'api_key'],
    ['client.secret', 'client_secret'],
  ])('%s -> %s', (key, expected) => {
    expect(normalizeKey(key)).toBe(expected);
  });
});

describe('keys', () => {
  const redactor = createRedactor();

  it('keeps a Keeper secret_uid, which is a record id', () => {
    const keeperRecord = {
      audit_event: 'app_record_shared',
      username: 'alice@example.com',
      secret_uid: 'Xk3bP0qZ9cN1eA7wQm2TgY',
      app_uid: 'Bv8rT5yU2iO9pL4kJ6hG3f',
    };
    const input = event(
      {
        message:
          'User alice@example.com shared record UID Xk3bP0qZ9cN1eA7wQm2TgY with KSM application Bv8rT5yU2iO9pL4kJ6hG3f',
        keeper: keeperRecord,
      },
      JSON.stringify(keeperRecord),
    );
    const out = redactor.redact(input);
    expect(out).toBe(input);
    expect(out.keeper?.secret_uid).toBe('Xk3bP0qZ9cN1eA7wQm2TgY');
  });

  it('keeps authentik starred passwords starred and the original byte for byte', () => {
    const line = fixture('authentik.ndjson')[1] ?? '';
    const record = JSON.parse(line) as Record<string, unknown>;
    const out = redactor.redact(event({ authentik: record }, line));
    expect((out.authentik?.context as Record<string, unknown>).password).toBe('********************');
    expect(out.event.original).toBe(line);
  });

  it('replaces a nested client_secret in the event and in event.original', () => {
    const record = {
      provider: {
        name: 'grafana',
        oauth: { client_id: 'grafana-ui', client_secret: 'hX8s-2kd9Lq0', token_type: 'Bearer' },
      },
      model_updated: { clientSecret: { old_value: 'a1b2c3d4', new_value: 'e5f6g7h8' } },
    };
    const out = redactor.redact(event({ generic: record }, JSON.stringify(record, null, 2)));
    const expected = {
      provider: { name: 'grafana', oauth: { client_id: 'grafana-ui', client_secret: REDACTED, token_type: 'Bearer' } },
      model_updated: { clientSecret: { old_value: REDACTED, new_value: REDACTED } },
    };
    expect(out.generic).toEqual(expected);
    expect(JSON.parse(out.event.original ?? '')).toEqual(expected);
    expect(out.event.original).not.toContain('hX8s-2kd9Lq0');
  });

  it('matches keys case-insensitively on word boundaries, and leaves ids and kinds alone', () => {
    const out = redactor.redact(
      event({
        generic: {
          headers: { Authorization: 'Basic dXNlcjpwYXNz', 'Set-Cookie': 'sid=abc123', 'X-Api-Key': 'k-123456' },
          API_KEY: 12345678,
          newPassword: 'hunter2',
          credentials: { username: 'svc', password: 'p' },
          token_id: 'tok-42',
          token_type: 'Bearer',
          auth_method: 'password',
          public_key: 'ssh-ed25519 AAAAC3Nza',
          has_password: true,
          password_changed_at: '2026-01-01',
          api_key_name: 'ci',
          empty_secret: '',
          null_token: null,
        },
      }),
    );
    expect(out.generic).toEqual({
      headers: { Authorization: REDACTED, 'Set-Cookie': REDACTED, 'X-Api-Key': REDACTED },
      API_KEY: REDACTED,
      newPassword: REDACTED,
      credentials: { username: REDACTED, password: REDACTED },
      token_id: 'tok-42',
      token_type: 'Bearer',
      auth_method: 'password',
      public_key: 'ssh-ed25519 AAAAC3Nza',
      has_password: true,
      password_changed_at: '2026-01-01',
      api_key_name: 'ci',
      empty_secret: '',
      null_token: null,
    });
  });

  it('takes a configured key list instead of the default', () => {
    const custom = createRedactor({ keys: ['pin'] });
    const out = custom.redact(event({ generic: { pin: '1234', password: 'kept', card_pin: 9876 } }));
    expect(out.generic).toEqual({ pin: REDACTED, password: 'kept', card_pin: REDACTED });
    const extra = createRedactor({ extraKeys: ['recoveryCode'] });
    const both = extra.redact(event({ generic: { recovery_code: 'r-1', password: 'p', code: '200' } }));
    expect(both.generic).toEqual({ recovery_code: REDACTED, password: REDACTED, code: '200' });
  });
});

describe('free text', () => {
  const redactor = createRedactor();

  it('replaces a Bearer token in a message and keeps the words around it', () => {
    const out = redactor.redact(
      event({ message: 'GET /api/v3/users failed: Authorization: Bearer 9f8e7d6c5b4a39281706 rejected' }),
    );
    expect(out.message).toBe(`GET /api/v3/users failed: Authorization: Bearer ${REDACTED} rejected`);
    const prose = 'Bearer token expired for user bob; Basic authentication is disabled';
    expect(redactor.redact(event({ message: prose })).message).toBe(prose);
    const lower = redactor.redact(event({ message: 'authorization: basic dXNlcjpwYXNzd29yZA==' }));
    expect(lower.message).toBe(`authorization: basic ${REDACTED}`);
  });

  it('replaces a PEM private key block, also in a non-JSON original', () => {
    const message = `certificate imported with key ${PEM} by admin`;
    const out = redactor.redact(event({ message }, `<14>1 2026-01-01T00:00:00Z host app - - - ${message}`));
    expect(out.message).toBe(
      `certificate imported with key -----BEGIN RSA PRIVATE KEY-----${REDACTED}-----END RSA PRIVATE KEY----- by admin`,
    );
    expect(out.event.original).toContain(`-----BEGIN RSA PRIVATE KEY-----${REDACTED}-----END RSA PRIVATE KEY-----`);
    expect(out.event.original).not.toContain('MIIEowIBAAKCAQEAu1SU1');
    const cut = redactor.redact(event({ message: '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEF' }));
    expect(cut.message).toBe(`-----BEGIN PRIVATE KEY-----${REDACTED}`);
    const certificate = '-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIE\n-----END CERTIFICATE-----';
    expect(redactor.redact(event({ message: certificate })).message).toBe(certificate);
  });

  it('replaces password=... in query strings and key=value text', () => {
    const out = redactor.redact(
      event({
        url: { query: 'next=%2F&password=hunter2&user=bob', original: '/login?user=bob&api_key=abc123&x=1' },
        message: 'login user=bob passwd="my secret" token: t0k3n-value outcome=failure',
      }),
    );
    expect(out.url).toEqual({
      query: `next=%2F&password=${REDACTED}&user=bob`,
      original: `/login?user=bob&api_key=${REDACTED}&x=1`,
    });
    expect(out.message).toBe(`login user=bob passwd="${REDACTED}" token: ${REDACTED} outcome=failure`);
  });

  it('replaces JWTs and AWS access key ids', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2lnbmF0dXJlLXZhbHVl';
    const out = redactor.redact(
      event({ generic: { note: `session ${jwt} issued`, cmd: 'aws s3 ls --key AKIAIOSFODNN7EXAMPLE' } }),
    );
    expect(out.generic).toEqual({ note: `session ${REDACTED} issued`, cmd: `aws s3 ls --key ${REDACTED}` });
  });

  it('scrubs "key":"value" pairs in a syslog line that carries JSON', () => {
    const line = '<165>1 2022-10-13T21:05:51.996Z host keeper - - - {"username":"bob","client_secret":"zz9-top","n":1}';
    const out = redactor.redact(event({}, line));
    expect(out.event.original).toBe(
      `<165>1 2022-10-13T21:05:51.996Z host keeper - - - {"username":"bob","client_secret":"${REDACTED}","n":1}`,
    );
  });

  it('scrubs JSON held in a string inside the JSON original', () => {
    const record = { message: { modifications: '{"password":{"old_value":"x1","new_value":"y2"}}' } };
    const out = redactor.redact(event({ privx: record }, JSON.stringify(record)));
    const expected = `{"password":{"old_value":"${REDACTED}","new_value":"${REDACTED}"}}`;
    expect(out.privx).toEqual({ message: { modifications: expected } });
    expect(JSON.parse(out.event.original ?? '')).toEqual({ message: { modifications: expected } });
  });

  it('applies configured value patterns, replacing only the named secret group', () => {
    const custom = createRedactor({ valuePatterns: [/otp code (?<secret>\d{6})/, /ssn-\d{3}-\d{2}-\d{4}/g] });
    const out = custom.redact(event({ message: 'otp code 123456 sent; otp code 654321 resent; id ssn-123-45-6789' }));
    expect(out.message).toBe(`otp code ${REDACTED} sent; otp code ${REDACTED} resent; id ${REDACTED}`);
  });
});

describe('vendor fixtures', () => {
  it('changes only the records that carry a secret', () => {
    const redactor = createRedactor();
    const names = [
      'authentik.ndjson',
      'keeper.ndjson',
      'keeper.syslog.log',
      'privx.ndjson',
      'akeyless.ndjson',
      'czertainly.ndjson',
    ];
    const changed = names.flatMap((name) =>
      fixture(name)
        .map((line, index) => ({ name, index, line, out: redactor.redact(event({}, line)).event.original }))
        .filter(({ line, out }) => out !== line),
    );
    expect(changed.map(({ name, index }) => `${name}:${index}`)).toEqual(['czertainly.ndjson:2']);
    expect(JSON.parse(changed[0]?.out ?? '')).toMatchObject({ notificationData: { credential: REDACTED } });
  });
});

describe('immutability and counters', () => {
  it('never mutates its input and counts what it replaced', () => {
    const redactor = createRedactor();
    const input = deepFreeze(
      event(
        { generic: { password: 'p', nested: [{ token: 't' }, 'plain'] }, message: 'password=abc' },
        '{"password":"p"}',
      ),
    );
    const copy = structuredClone(input);
    const out = redactor.redact(input);
    expect(input).toEqual(copy);
    expect(out.generic).toEqual({ password: REDACTED, nested: [{ token: REDACTED }, 'plain'] });
    expect(out.event.original).toBe(`{"password":"${REDACTED}"}`);
    expect(redactor.counters).toEqual({ events: 1, keys: 3, patterns: 1 });
    expect(redactor.apply(out)).toBe(out);
  });
});

describe('throughput (printed, not asserted)', () => {
  it('measures events/s over fixture-shaped events', () => {
    const redactor = createRedactor();
    const lines = fixture('authentik.ndjson').concat(fixture('keeper.ndjson'), fixture('czertainly.ndjson'));
    const events = Array.from({ length: 50_000 }, (_, i) => {
      const line = lines[i % lines.length] ?? '{}';
      return event({ generic: JSON.parse(line) as Record<string, unknown>, message: `event ${i}` }, line);
    });
    const started = performance.now();
    for (const e of events) redactor.redact(e);
    const perSecond = events.length / ((performance.now() - started) / 1000);
    console.log(`redactor: ${Math.round(perSecond).toLocaleString('en')} events/s (${redactor.counters.keys} keys)`);
    expect(redactor.counters.events).toBe(events.length);
  }, 60_000);
});
