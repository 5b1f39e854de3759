import type { CanonicalEvent, SourceName } from '@vigil/schemas';
import { openSqliteDatabase, rowidFor, SqliteEventSink, type SqliteDatabase } from '@vigil/ingest';
import { registerQueryFunctions } from '../store/sqlite-search.ts';

/**
 * An in-memory embedded store with 30 hand-written events, written by the ingest writer
 * itself (time-ordered rowid, one column per SQLITE_COLUMNS entry, FTS5 message + body), for running
 * compiled queries for real. Events are 10 minutes apart from BASE_MS, e01 the oldest.
 */

export const BASE_MS = Date.UTC(2024, 2, 1);
export const STEP_MS = 10 * 60_000;

type EventExtras = Omit<Partial<CanonicalEvent>, 'event'> & { event?: Partial<CanonicalEvent['event']> };

function make(n: number, module: SourceName, action: string, extras: EventExtras = {}): CanonicalEvent {
  const { event: meta, ...rest } = extras;
  return {
    '@timestamp': new Date(BASE_MS + (n - 1) * STEP_MS).toISOString(),
    event: {
      action,
      kind: 'event',
      category: ['authentication'],
      type: ['info'],
      module,
      dataset: `${module}.audit`,
      ingested: '2024-03-02T00:00:00.000Z',
      ...meta,
    },
    ...rest,
  };
}

const login = (n: number, user: string, action = 'login') =>
  make(n, 'authentik', action, {
    user: { name: user },
    message: `${user} ${action === 'login' ? 'logged in' : 'logged out'}`,
  });

export const EVENTS: Record<string, CanonicalEvent> = {
  e01: make(1, 'authentik', 'login', {
    event: { outcome: 'success', severity: 6 },
    message: 'bob logged in successfully',
    user: { name: 'bob' },
    source: { ip: '10.0.0.5', geo: { country_iso_code: 'FI' } },
  }),
  e02: make(2, 'authentik', 'login_failure', {
    event: { outcome: 'failure', severity: 4 },
    message: 'login failed for bob',
    user: { name: 'bob' },
    source: { ip: '10.0.0.6', geo: { country_iso_code: 'FI' } },
  }),
  e03: make(3, 'authentik', 'login_failure', {
    event: { outcome: 'failure', severity: 4, reason: 'invalid password' },
    message: 'login failed for alice',
    user: { name: 'alice' },
    source: { ip: '192.168.1.10' },
  }),
  e04: make(4, 'authentik', 'login_failure', {
    event: { outcome: 'failure', severity: 3 },
    message: 'login failed for Admin',
    user: { name: 'Admin' },
    source: { ip: '203.0.113.7', geo: { country_iso_code: 'US' } },
  }),
  e05: make(5, 'authentik', 'login', {
    event: { outcome: 'success', severity: 6 },
    message: 'administrator logged in',
    user: { name: 'administrator' },
    source: { ip: '203.0.113.8', geo: { country_iso_code: 'US' } },
  }),
  e06: make(6, 'privx', 'connection_start', {
    event: { code: '100', category: ['session', 'network'], severity: 6 },
    message: 'connection started',
    user: { name: 'alice' },
    source: { ip: '2001:db8::1' },
    privx: { message: { remoteAddress: '198.51.100.1', user_id: 42 } },
  }),
  e07: make(7, 'privx', 'connection_end', {
    event: { code: '150', category: ['session'], severity: 6 },
    message: 'connection ended',
    user: { name: 'bob' },
    source: { ip: '2001:db8:0:1::5' },
    privx: { message: { user_id: 'u-7' } },
  }),
  e08: make(8, 'privx', 'recording_error', {
    event: { code: '199', severity: 3 },
    message: 'session recording failed',
    user: { name: 'carol' },
    source: { ip: '10.1.2.3' },
    privx: { message: { remoteAddress: '10.1.2.3' } },
  }),
  e09: make(9, 'privx', 'role_granted', {
    event: { code: '200', category: ['iam'], severity: 5 },
    message: 'role granted to carol',
    user: { name: 'carol' },
    privx: { message: { roles: ['admin', 'auditor'], enabled: true } },
  }),
  e10: make(10, 'privx', 'heartbeat', {
    event: { code: '99', severity: 7 },
    message: 'heartbeat',
    user: { name: 'dave' },
  }),
  e11: make(11, 'keeper', 'record_shared', {
    message: 'record shared with team',
    user: { name: 'erin', email: 'erin@example.com' },
  }),
  e12: make(12, 'keeper', 'login_failure', {
    event: { outcome: 'failure', severity: 4 },
    message: 'login failed: two-factor code rejected',
    user: { name: 'frank' },
    source: { ip: '172.16.0.9' },
  }),
  e13: make(13, 'akeyless', 'get_secret', {
    message: 'secret read',
    user: { name: 'svc-deploy' },
    akeyless: { item_name: '/prod/db/password' },
  }),
  e14: make(14, 'akeyless', 'certificate_expiry', {
    message: 'certificate expires soon',
    akeyless: { expiry_days: 5, expires_at: '2024-03-06T00:00:00Z' },
  }),
  e15: make(15, 'czertainly', 'certificate_issued', {
    message: 'certificate issued for www.example.com',
    user: { name: 'bob' },
    czertainly: { resource: 'certificate' },
  }),
  e16: make(16, 'generic', 'disk_full', {
    event: { category: ['host'], severity: 2 },
    message: 'Disk full on host db-1',
    host: { name: 'db-1' },
  }),
  e17: make(17, 'generic', 'promo', { message: '50% off with discount_code', tags: ['promo'] }),
  e18: make(18, 'generic', 'chat', { message: 'user said "hello" twice', user: { name: "o'brien" } }),
  e19: make(19, 'generic', 'promo', { message: 'discountXcode used', tags: ['promo', 'other'] }),
  e20: login(20, 'bob'),
  e21: login(21, 'bob', 'logout'),
  e22: login(22, 'alice'),
  e23: login(23, 'bob'),
  e24: login(24, 'alice', 'logout'),
  e25: login(25, 'carol'),
  e26: login(26, 'bob'),
  e27: login(27, 'dave', 'logout'),
  e28: login(28, 'erin'),
  e29: login(29, 'bob', 'logout'),
  e30: login(30, 'alice'),
};

export function rowidOf(id: string): number {
  const event = EVENTS[id];
  if (!event) throw new Error(`no fixture event ${id}`);
  return rowidFor(Date.parse(event['@timestamp']), id);
}

/** The fixture events in a real embedded store, written by the store's own writer. */
export function createTestDatabase(): SqliteDatabase {
  const db = openSqliteDatabase(':memory:');
  registerQueryFunctions(db);
  const events = Object.entries(EVENTS).map(([id, event]) => ({ id, event }));
  db.transaction(() => new SqliteEventSink(db).writeInCurrentTransaction({ events, deadLetters: [] }))();
  return db;
}
