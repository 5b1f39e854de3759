import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  KEEPER_EVENT_TYPES,
  KSM_MESSAGE_TEMPLATES,
  KSM_SEED_EVENT_TITLES,
  classifyKeeperEvent,
  keeperDisplayName,
  renderKeeperTemplate,
  renderKsmMessage,
} from './keeper.ts';

const fixtures = new URL('../../../test/fixtures/', import.meta.url);
const vendorCsv = readFileSync(new URL('vendor/keeper.event_types.csv', fixtures), 'utf8');
const runtimeCsv = readFileSync(new URL('./keeper-event-types.csv', import.meta.url), 'utf8');

/** The vendor CSV read without the module's loader: `type,display name` per line after the header. */
const csvRows = vendorCsv
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((line) => {
    const comma = line.indexOf(',');
    return [line.slice(0, comma), line.slice(comma + 1)] as const;
  });

/** Seed 001's table rows: `event | template | cause |`, the template being the one with `${`. */
function seedKsmRows(): Array<{ name: string; template: string }> {
  const seedsDir = new URL('seeds/', fixtures);
  const file = readdirSync(seedsDir).find((name) => name.startsWith('001_'));
  if (!file) throw new Error('seed 001 missing');
  const rows: Array<{ name: string; template: string }> = [];
  for (const line of readFileSync(new URL(file, seedsDir), 'utf8').split(/\r?\n/)) {
    const match = /^(.+?) \| (.*\$\{.*?) \| .+ \|\s*$/.exec(line);
    if (match?.[1] && match[2]) rows.push({ name: match[1].trim(), template: match[2].trim() });
  }
  return rows;
}

const ECS_CATEGORIES = new Set([
  'authentication',
  'iam',
  'configuration',
  'session',
  'web',
  'network',
  'process',
  'file',
  'host',
  'database',
  'intrusion_detection',
  'malware',
  'package',
  'threat',
  'vulnerability',
  'api',
]);
const ECS_TYPES = new Set([
  'start',
  'end',
  'info',
  'creation',
  'deletion',
  'change',
  'access',
  'admin',
  'allowed',
  'denied',
  'error',
  'user',
  'group',
  'installation',
  'connection',
  'protocol',
  'indicator',
]);

describe('keeper event types', () => {
  it('the runtime CSV is an exact copy of the vendor fixture', () => {
    expect(runtimeCsv).toBe(vendorCsv);
  });

  it('gives every one of the 316 CSV types its display name', () => {
    expect(csvRows).toHaveLength(316);
    expect(KEEPER_EVENT_TYPES.size).toBe(316);
    for (const [type, name] of csvRows) {
      expect(KEEPER_EVENT_TYPES.get(type), type).toBe(name);
      expect(keeperDisplayName(type)).toBe(name);
    }
    expect(keeperDisplayName('app_record_shared')).toBe('Record Shared with Secrets Manager App');
  });

  it('classifies every CSV type into ECS values with a known outcome', () => {
    for (const [type] of csvRows) {
      const ecs = classifyKeeperEvent(type, true);
      expect(ecs.category).toHaveLength(1);
      expect(ECS_CATEGORIES.has(ecs.category[0] ?? ''), `${type} category ${ecs.category[0]}`).toBe(true);
      expect(ecs.type.length).toBeGreaterThan(0);
      for (const t of ecs.type) expect(ECS_TYPES.has(t), `${type} type ${t}`).toBe(true);
      expect(['success', 'failure']).toContain(ecs.outcome);
      expect([2, 4, 5, 6]).toContain(ecs.severity);
    }
  });

  it.each([
    ['login', ['authentication'], ['start'], 'success', 6],
    ['login_failure', ['authentication'], ['start'], 'failure', 4],
    ['login_failed_ip_whitelist', ['authentication'], ['start', 'denied'], 'failure', 4],
    ['two_factor_code_invalid', ['authentication'], ['start'], 'failure', 4],
    ['app_client_access', ['iam'], ['access'], 'success', 6],
    ['app_client_access_denied', ['iam'], ['access', 'denied'], 'failure', 4],
    ['app_record_shared', ['iam'], ['change'], 'success', 6],
    ['app_client_added', ['iam'], ['creation'], 'success', 6],
    ['added_shared_folder', ['iam'], ['creation'], 'success', 6],
    ['create_user', ['iam'], ['creation', 'user'], 'success', 6],
    ['role_deleted', ['iam'], ['deletion', 'group'], 'success', 6],
    ['record_add', ['configuration'], ['creation'], 'success', 6],
    ['record_rotation_scheduled_fail', ['configuration'], ['change', 'error'], 'failure', 4],
    ['pam_tunnel_started', ['session'], ['start'], 'success', 6],
    ['device_user_loggedout', ['session'], ['end', 'user'], 'success', 6],
    ['keeper_ai_critical_risk_level_detected', ['intrusion_detection'], ['indicator'], 'success', 2],
    ['sb_ensure_two_factor_authentication_admin_users', ['configuration'], ['user', 'admin'], 'success', 6],
  ])('classifies %s', (type, category, types, outcome, severity) => {
    expect(classifyKeeperEvent(type, true)).toEqual({ category, type: types, outcome, severity });
  });

  it('classifies types it does not know by keyword, outcome unknown unless the name says it failed', () => {
    expect(classifyKeeperEvent('ksm_widget_created', false)).toEqual({
      category: ['configuration'],
      type: ['creation'],
      outcome: 'unknown',
      severity: 6,
    });
    expect(classifyKeeperEvent('widget_login_failed', false).outcome).toBe('failure');
  });
});

describe('KSM message templates (seed 001)', () => {
  const rows = seedKsmRows();

  it('holds exactly the events seed 001 lists, with its templates verbatim', () => {
    expect(rows).toHaveLength(12);
    const types = rows.map((row) => KSM_SEED_EVENT_TITLES.get(row.name) ?? row.name);
    expect(new Set(types)).toEqual(new Set(KSM_MESSAGE_TEMPLATES.keys()));
    for (const [index, row] of rows.entries()) {
      const type = types[index] ?? '';
      expect(KEEPER_EVENT_TYPES.has(type), `${type} is a Keeper event type`).toBe(true);
      expect(KSM_MESSAGE_TEMPLATES.get(type)).toBe(row.template);
    }
  });

  it.each(rows)('renders $name with every variable substituted', ({ name, template }) => {
    const type = KSM_SEED_EVENT_TITLES.get(name) ?? name;
    const values = {
      username: 'alice@example.com',
      secret_uid: 'SECRET-1',
      app_uid: 'APP-1',
      device_name: 'build-agent',
      device_ip: '203.0.113.9',
    };
    const message = renderKsmMessage(type, values);
    const expected = template.replace(/\$\{(\w+)\}/g, (_m, key: string) => values[key as keyof typeof values]);
    expect(message).toBe(expected);
    expect(message).not.toContain('${');
    for (const [key, value] of Object.entries(values)) {
      if (template.includes(`\${${key}}`)) expect(message).toContain(value);
    }
  });

  it('renders absent variables as Commander does', () => {
    expect(renderKeeperTemplate('KSM device ${device_name} on ${app_uid}', { app_uid: 'A' })).toBe(
      'KSM device <missing> on A',
    );
    expect(renderKsmMessage('login', {})).toBeUndefined();
    expect(renderKsmMessage('constructor', {})).toBeUndefined();
  });
});
