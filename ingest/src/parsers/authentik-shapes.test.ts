import { describe, expect, it } from 'vitest';
import { apiEvent, expectWellFormed, parseAll, parseOne } from './authentik-test-helpers.ts';

const STARS = '********************';
const ADMIN = { pk: 1, email: 'root@localhost', username: 'akadmin' };
const JDOE = { pk: 7, email: 'jdoe@example.com', username: 'jdoe' };

describe('authentik context enrichment', () => {
  it('maps real geo and ASN (vendor fixtures: city_dict("2.125.160.216"), asn_dict("1.0.0.1"))', () => {
    const event = parseOne(
      apiEvent('login', {
        geo: { city: 'Boxford', continent: 'EU', country: 'GB', lat: 51.75, long: -1.25 },
        asn: { asn: 15169, as_org: 'Google Inc.', network: '1.0.0.0/24' },
      }),
    );
    expectWellFormed(event);
    expect(event.source).toEqual({
      ip: '198.51.100.7',
      geo: { location: { lat: 51.75, lon: -1.25 }, country_iso_code: 'GB', city_name: 'Boxford', continent_code: 'EU' },
      as: { number: 15169, organization: { name: 'Google Inc.' } },
    });
    expect(event.authentik).toMatchObject({ context: { asn: { network: '1.0.0.0/24' } } });
  });

  it('reads the session-binding logout (stages/user_login docs, referenced by seed 003)', () => {
    const context = {
      asn: { asn: 6805, as_org: 'Telefonica Germany', network: '5.4.0.0/14' },
      geo: { lat: 51.2993, city: '', long: 9.491, country: 'DE', continent: 'EU' },
      binding: {
        reason: 'network.missing',
        new_value: { asn: 6805, as_org: 'Telefonica Germany', network: '5.4.0.0/14' },
        previous_value: {},
      },
      ip: { previous: '1.2.3.4', new: '5.6.7.8' },
      http_request: {
        args: {},
        path: '/if/admin/',
        method: 'GET',
        user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Chrome/120.0.0.0 Safari/537.36',
      },
      logout_reason: 'Session binding broken',
    };
    const event = parseOne(apiEvent('logout', context));
    expectWellFormed(event);
    expect(event.event.reason).toBe('Session binding broken');
    expect(event.message).toBe('akadmin logged out: Session binding broken');
    expect(event.source?.geo).toEqual({
      location: { lat: 51.2993, lon: 9.491 },
      country_iso_code: 'DE',
      continent_code: 'EU',
    });
    expect(event.url).toEqual({ path: '/if/admin/' });
    expect(event.user_agent?.original).toMatch(/^Mozilla/);
    expect(event.authentik).toMatchObject({
      context: { binding: { reason: 'network.missing' }, ip: { new: '5.6.7.8' } },
    });
  });

  it('keeps cleansed query args starred (test_event.py: token=SafeExceptionReporterFilter substitute)', () => {
    const event = parseOne(apiEvent('login', { http_request: { args: { token: STARS, next: '/' }, method: 'get' } }));
    expect(event.http?.request?.method).toBe('GET');
    expect(event.url?.query).toBe('token=********************&next=%2F');
  });

  it('leaves out a missing or fallback client IP but keeps what authentik sent', () => {
    const none = parseOne(apiEvent('password_set', {}, { client_ip: null }));
    expectWellFormed(none);
    expect(none.source).toBeUndefined();
    expect(none.authentik).not.toHaveProperty('client_ip');
    const fallback = parseOne(apiEvent('login', {}, { client_ip: '255.255.255.255' }));
    expect(fallback.source).toBeUndefined();
    expect(fallback.authentik).toMatchObject({ client_ip: '255.255.255.255' });
  });
});

describe('authentik users', () => {
  it('maps on_behalf_of to user.effective, and to user.target for impersonation', () => {
    const user = { ...ADMIN, on_behalf_of: JDOE };
    const started = parseOne(apiEvent('impersonation_started', { reason: 'ticket 42' }, { user }));
    expectWellFormed(started);
    expect(started.user).toEqual({
      id: '1',
      name: 'akadmin',
      email: 'root@localhost',
      effective: { id: '7', name: 'jdoe', email: 'jdoe@example.com' },
      target: { id: '7', name: 'jdoe', email: 'jdoe@example.com' },
    });
    expect(started.event.type).toEqual(['admin', 'start']);
    expect(started.message).toBe('akadmin started impersonating jdoe');
    expect(started.tags).toEqual(['authentik_impersonation']);
    expect(started.related?.user).toEqual(['akadmin', 'jdoe']);
    expect(started.authentik).toMatchObject({ context: { reason: 'ticket 42' }, user: { on_behalf_of: JDOE } });

    const during = parseOne(apiEvent('secret_view', { secret: { name: 'api-token', model_name: 'token' } }, { user }));
    expect(during.user?.effective?.name).toBe('jdoe');
    expect(during.user?.target).toBeUndefined();
    expect(during.message).toBe('akadmin viewed secret api-token');
  });

  it('uses the pending flow user and keeps authenticated_as (test_event.py)', () => {
    const authenticatedAs = { pk: 2, is_anonymous: true, username: 'AnonymousUser', email: '' };
    const event = parseOne(
      apiEvent('login_failed', { username: 'jdoe' }, { user: { ...JDOE, authenticated_as: authenticatedAs } }),
    );
    expect(event.user).toEqual({ id: '7', name: 'jdoe', email: 'jdoe@example.com' });
    expect(event.authentik).toMatchObject({ user: { authenticated_as: authenticatedAs } });
  });

  it('login_failed with a pending user other than the attempted name keeps only the attempted name', () => {
    const event = parseOne(apiEvent('login_failed', { username: 'mallory' }, { user: JDOE }));
    expect(event.user).toEqual({ name: 'mallory' });
    expect(event.related?.user).toEqual(['mallory']);
  });

  it('an anonymous actor is not a related user', () => {
    const anonymous = { pk: 2, email: '', username: 'AnonymousUser' };
    const event = parseOne(apiEvent('suspicious_request', {}, { user: anonymous }));
    expect(event.user).toEqual({ id: '2', name: 'AnonymousUser' });
    expect(event.related).toEqual({ ip: ['198.51.100.7'] });
  });
});

describe('authentik model changes', () => {
  const model = { app: 'authentik_core', model_name: 'user', pk: 7, name: 'jdoe' };

  it('turns context.diff into authentik.changes and keeps the diff in the context', () => {
    const diff = {
      email: { previous_value: 'old@example.com', new_value: 'jdoe@example.com' },
      password: { previous_value: STARS, new_value: STARS },
      last_login: { previous_value: null, new_value: '2025-03-01T10:00:00Z' },
      path: { previous_value: 'users', new_value: null },
      ak_groups: { add: [3, 4] },
      roles: { remove: ['a1b2'] },
      sources: { clear: true },
      oddity: 'not a diff entry',
    };
    const event = parseOne(apiEvent('model_updated', { model, diff }));
    expectWellFormed(event);
    expect(event.event.category).toEqual(['configuration', 'iam']);
    expect(event.event.type).toEqual(['change', 'user']);
    expect(event.user?.target).toEqual({ id: '7', name: 'jdoe' });
    expect(event.message).toBe('akadmin updated user jdoe');
    expect(event.authentik?.changes).toEqual([
      { field: 'email', old: 'old@example.com', new: 'jdoe@example.com' },
      { field: 'password', old: STARS, new: STARS },
      { field: 'last_login', new: '2025-03-01T10:00:00Z' },
      { field: 'path', old: 'users' },
      { field: 'ak_groups', added: ['3', '4'] },
      { field: 'roles', removed: ['a1b2'] },
      { field: 'sources', cleared: true },
    ]);
    expect(event.authentik).toMatchObject({ context: { model, diff: { email: { new_value: 'jdoe@example.com' } } } });
  });

  it('creation and deletion of other models stay configuration events', () => {
    const app = {
      app: 'authentik_core',
      model_name: 'application',
      pk: 'bed6a2495fdc4b2e8c3f93cb2ed7e021',
      name: 'Grafana',
    };
    const created = parseOne(
      apiEvent('model_created', { model: app, diff: { name: { previous_value: null, new_value: 'Grafana' } } }),
    );
    expect(created.event).toMatchObject({ category: ['configuration'], type: ['creation'] });
    expect(created.authentik?.changes).toEqual([{ field: 'name', new: 'Grafana' }]);
    expect(created.message).toBe('akadmin created application Grafana');
    const group = { app: 'authentik_core', model_name: 'group', pk: 'c0ffee', name: 'admins' };
    const deleted = parseOne(apiEvent('model_deleted', { model: group, model_state: { name: 'admins' } }));
    expect(deleted.event).toMatchObject({ category: ['configuration', 'iam'], type: ['deletion', 'group'] });
    expect(deleted.authentik?.changes).toBeUndefined();
  });
});

describe('authentik context refinements and messages', () => {
  it('user_write that created the user is a creation', () => {
    const event = parseOne(apiEvent('user_write', { created: true, username: 'newbie' }));
    expect(event.event.type).toEqual(['user', 'creation']);
    expect(event.message).toBe('User newbie was written by a flow for akadmin');
  });

  it('policy_execution takes its outcome from the result', () => {
    const binding = { app: 'authentik_policies', model_name: 'policybinding', pk: 'ab', name: 'Binding deny-all' };
    const denied = parseOne(apiEvent('policy_execution', { binding, result: { passing: false, messages: [] } }));
    expect(denied.event).toMatchObject({ type: ['info', 'denied'], outcome: 'failure' });
    expect(denied.message).toBe('Policy binding Binding deny-all executed for akadmin');
  });

  it('exceptions carry authentik message as reason', () => {
    const context = { message: 'Task send_mail encountered an error', actor: 'send_mail', exception: [] };
    const event = parseOne(apiEvent('system_task_exception', context, { user: {} }));
    expect(event.event).toMatchObject({
      outcome: 'failure',
      severity: 3,
      reason: 'Task send_mail encountered an error',
    });
    expect(event.log?.level).toBe('error');
    expect(event.user).toBeUndefined();
    expect(event.message).toBe('System task failed: Task send_mail encountered an error');
  });

  it('email_sent and update_available read their context', () => {
    const mail = parseOne(
      apiEvent('email_sent', { message: 'Email to a@example.com sent', subject: 'Hi', to_email: ['a@example.com'] }),
    );
    expect(mail.message).toBe('Email to a@example.com sent');
    const noMessage = parseOne(apiEvent('email_sent', { to_email: ['a@example.com', 'b@example.com'] }));
    expect(noMessage.message).toBe('Email sent to a@example.com, b@example.com');
    const update = parseOne(apiEvent('update_available', { new_version: '2026.2.1', message: 'Changelog: x' }));
    expect(update.message).toBe('authentik 2026.2.1 is available: Changelog: x');
  });

  it('dashes a hex pk, and keeps an older tenant instead of brand', () => {
    const tenant = { pk: 'aa', app: 'authentik_tenants', name: 'Default tenant', model_name: 'tenant' };
    const event = parseOne({ ...apiEvent('login'), pk: 'F00F54E72B38421FBC78E61F950048D6', brand: undefined, tenant });
    expect(event.event.id).toBe('f00f54e7-2b38-421f-bc78-e61f950048d6');
    expect(event.authentik).toMatchObject({ tenant });
    expect(event.authentik).not.toHaveProperty('brand');
  });
});

describe('authentik notification and API shapes', () => {
  it('reads the Splunk HEC body mapping (splunk-forwarding.mdx)', () => {
    const body = {
      time: 1740823200.5,
      host: 'authentik.company',
      sourcetype: 'authentik:event',
      event: {
        action: 'login_failed',
        app: 'authentik.events.signals',
        body: "login_failed: {'username': 'jdoe'}",
        severity: 'alert',
        client_ip: '203.0.113.9',
        user: { pk: 2, email: '', username: 'AnonymousUser' },
        context: { username: 'jdoe', password: STARS },
      },
    };
    const event = parseOne(body);
    expectWellFormed(event);
    expect(event['@timestamp']).toBe('2025-03-01T10:00:00.500Z');
    expect(event.event).toMatchObject({ action: 'login_failed', outcome: 'failure', severity: 4 });
    expect(event.user).toEqual({ name: 'jdoe' });
    expect(event.observer?.hostname).toBe('authentik.company');
    expect(event.authentik).toMatchObject({ shape: 'splunk_hec', sourcetype: 'authentik:event', severity: 'alert' });
    expect(event.authentik).not.toHaveProperty('time');
  });

  it('finds the action in a webhook body summary, and maps the rule severity when there is none', () => {
    const withAction = parseOne({
      body: "model_deleted: {'model': {'name': 'x'}}",
      severity: 'alert',
      user_email: 'soc@example.com',
      user_username: 'soc',
      event_user_email: 'root@localhost',
      event_user_username: 'akadmin',
    });
    expect(withAction.event).toMatchObject({ action: 'model_deleted', category: ['configuration'], severity: 5 });
    expect(withAction.user).toEqual({ name: 'akadmin', email: 'root@localhost' });
    const plain = parseOne({
      body: 'Users export generated successfully',
      severity: 'alert',
      event_user_username: 'akadmin',
    });
    expect(plain.event).toMatchObject({ action: 'notification', severity: 1 });
    expect(plain.log?.level).toBe('alert');
    expect(plain.message).toBe('Users export generated successfully');
  });

  it('reads the Slack/Discord body (test_transports.py)', () => {
    const body = {
      username: 'authentik',
      icon_url: 'https://goauthentik.io/img/icon.png',
      attachments: [
        {
          author_name: 'authentik',
          title: 'custom_foo',
          color: '#fd4b2d',
          fields: [
            { title: 'Severity', value: 'alert', short: true },
            { title: 'Dispatched for user', value: 'akadmin', short: true },
            { short: true, title: 'Event user', value: 'akadmin' },
            { title: 'foo', value: 'bar,' },
          ],
          footer: 'authentik 2025.2.0',
        },
      ],
    };
    const event = parseOne(body);
    expectWellFormed(event);
    expect(event.event.action).toBe('custom_foo');
    expect(event.user).toEqual({ name: 'akadmin' });
    expect(event.authentik).toMatchObject({ shape: 'slack', context: { foo: 'bar,' } });
  });

  it('reads every event of an events API page, each with its own original', () => {
    const first = apiEvent('login');
    const second = { ...apiEvent('logout'), pk: '474ffb6b-77e3-401c-b681-7d618962440f' };
    const events = parseAll({ pagination: { count: 2 }, results: [first, second] });
    expect(events.map((event) => event.event.action)).toEqual(['login', 'logout']);
    expect(events[1]?.event.id).toBe('474ffb6b-77e3-401c-b681-7d618962440f');
    expect(JSON.parse(events[0]?.event.original ?? '')).toEqual(first);
  });
});
