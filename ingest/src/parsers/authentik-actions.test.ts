import { describe, expect, it } from 'vitest';
import { AUTHENTIK_ACTIONS, HISTORICAL_AUTHENTIK_ACTIONS, resolveAuthentikAction } from './authentik-actions.ts';
import { apiEvent, expectWellFormed, parseOne } from './authentik-test-helpers.ts';

/** client-go version-2026.2 model_event_actions.go, as listed in shared/vendor/authentik.md §2. */
const ENUM_ACTIONS = [
  'login',
  'login_failed',
  'logout',
  'user_write',
  'suspicious_request',
  'password_set',
  'secret_view',
  'secret_rotate',
  'invitation_used',
  'authorize_application',
  'source_linked',
  'impersonation_started',
  'impersonation_ended',
  'flow_execution',
  'policy_execution',
  'policy_exception',
  'property_mapping_exception',
  'system_task_execution',
  'system_task_exception',
  'system_exception',
  'configuration_error',
  'configuration_warning',
  'model_created',
  'model_updated',
  'model_deleted',
  'email_sent',
  'update_available',
  'export_ready',
  'review_initiated',
  'review_overdue',
  'review_attested',
  'review_completed',
];
const HISTORICAL = ['token_view', 'invitation_created'];

/** The ECS values the project allows (preamble). */
const ECS_CATEGORIES = new Set([
  ...['authentication', 'iam', 'configuration', 'session', 'web', 'network', 'process', 'file', 'host'],
  ...['database', 'intrusion_detection', 'malware', 'package', 'threat', 'vulnerability', 'api'],
]);
const ECS_TYPES = new Set([
  ...['start', 'end', 'info', 'creation', 'deletion', 'change', 'access', 'admin', 'allowed', 'denied'],
  ...['error', 'user', 'group', 'installation', 'connection', 'protocol', 'indicator'],
]);

describe('authentik action table', () => {
  it('holds exactly the vendor enum, and the historical values apart', () => {
    expect(Object.keys(AUTHENTIK_ACTIONS).sort()).toEqual([...ENUM_ACTIONS].sort());
    expect(Object.keys(HISTORICAL_AUTHENTIK_ACTIONS).sort()).toEqual([...HISTORICAL].sort());
  });

  it.each([...ENUM_ACTIONS, ...HISTORICAL])('%s maps to ECS category/type/outcome and a message', (action) => {
    const { spec, tags } = resolveAuthentikAction(action);
    expect(spec.category.length).toBeGreaterThan(0);
    expect(spec.type.length).toBeGreaterThan(0);
    for (const category of spec.category) expect(ECS_CATEGORIES).toContain(category);
    for (const type of spec.type) expect(ECS_TYPES).toContain(type);
    expect(['success', 'failure', 'unknown']).toContain(spec.outcome);
    expect(tags).toEqual(HISTORICAL.includes(action) ? ['authentik_historical_action'] : []);

    const event = parseOne(apiEvent(action));
    expectWellFormed(event);
    expect(event.event.action).toBe(action);
    expect(event.event.category).toEqual(spec.category);
    expect(event.event.type).toEqual(spec.type);
    expect(event.event.outcome).toBe(spec.outcome);
    expect(event.event.severity).toBe(spec.severity);
    expect(event.message).not.toMatch(/\{\w+\}/);
  });

  it('gives failures and errors a failure outcome and at least error/warning severity', () => {
    for (const action of ['login_failed', 'policy_exception', 'system_exception', 'configuration_error']) {
      const { spec } = resolveAuthentikAction(action);
      expect(spec.outcome).toBe('failure');
      expect(spec.severity).toBeLessThanOrEqual(4);
    }
  });

  it('treats token_view as the old name of secret_view', () => {
    const event = parseOne(apiEvent('token_view', { token: { name: 'ak-outpost-token', model_name: 'token' } }));
    expect(event.event).toMatchObject({ category: ['configuration'], type: ['access'], outcome: 'success' });
    expect(event.tags).toEqual(['authentik_historical_action']);
    expect(event.message).toBe('akadmin viewed token ak-outpost-token');
  });

  it('keeps custom_ actions with a tag and no invented category', () => {
    const event = parseOne(apiEvent('custom_foo', { foo: 'bar,' }));
    expect(event.event).toMatchObject({ action: 'custom_foo', category: [], type: ['info'], outcome: 'unknown' });
    expect(event.tags).toEqual(['authentik_custom_action']);
    expect(event.message).toBe('Custom event custom_foo');
    expect(event.authentik).toMatchObject({ context: { foo: 'bar,' } });
  });

  it('keeps an unknown action as given, tagged', () => {
    const event = parseOne(apiEvent('invalid_login'));
    expectWellFormed(event);
    expect(event.event.action).toBe('invalid_login');
    expect(event.event.category).toEqual([]);
    expect(event.tags).toEqual(['authentik_unknown_action']);
    expect(event.message).toBe('Unknown authentik action invalid_login');
  });
});
