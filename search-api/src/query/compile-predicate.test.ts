import { afterAll, describe, expect, it } from 'vitest';
import { compilePredicate } from './compile-predicate.ts';
import { compileSqlite } from './compile-sqlite.ts';
import { BASE_MS, createTestDatabase, EVENTS } from './compile-sqlite.fixture.ts';
import { parseQuery } from './parse.ts';

/**
 * The live-stream predicate must agree with the store: the same queries, run through the SQL
 * compiler over the fixture store and through the predicate over the same events, match the same ids.
 */
const db = createTestDatabase();
afterAll(() => db.close());

function sqlIds(query: string): string[] {
  const plan = compileSqlite(parseQuery(query), { fromMs: BASE_MS, toMs: BASE_MS + 6 * 3_600_000, size: 100 });
  if (plan.kind !== 'hits') throw new Error('expected hits');
  return (db.prepare(plan.sql).all(...plan.params) as { id: string }[]).map((r) => r.id).sort();
}

function predicateIds(query: string): string[] {
  const predicate = compilePredicate(parseQuery(query));
  return Object.entries(EVENTS)
    .filter(([, event]) => predicate(event))
    .map(([id]) => id)
    .sort();
}

const QUERIES = [
  '',
  'failed',
  'FAILED',
  '"login failed"',
  'adm*',
  'failed AND user.name:bob',
  'failed -login',
  'failed OR heartbeat',
  '-failed user.name:bob',
  'user.name:BOB',
  'user.name:b*',
  'user.name:/b.b/',
  'user.name:*',
  'NOT user.name:*',
  'source.ip:10.0.0.0/8',
  'event.category:authentication',
  'event.severity >= 4',
  'event.severity:[2 TO 4]',
  `@timestamp >= "${new Date(BASE_MS + 60 * 60_000).toISOString()}"`,
  'message:"login failed"',
  '(user.name:bob OR user.name:alice) AND NOT event.action:logout',
];

describe('compilePredicate agrees with the SQL compiler', () => {
  it.each(QUERIES)('%s', (query) => {
    const expected = sqlIds(query);
    expect(predicateIds(query)).toEqual(expected);
  });

  it('refuses pipes', () => {
    expect(() => compilePredicate(parseQuery('| stats count'))).toThrow(/without pipes/);
  });
});
