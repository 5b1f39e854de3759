import { afterAll, describe, expect, it } from 'vitest';
import { compileSqlite, type CompileOptions } from './compile-sqlite.ts';
import { compileSqliteGeo } from './compile-sqlite-geo.ts';
import { BASE_MS, createTestDatabase, rowidOf } from './compile-sqlite.fixture.ts';
import { parseQuery } from './parse.ts';

/** Compiled queries run against a real in-memory store holding the 30 fixture events (e01 oldest). */

const db = createTestDatabase();
afterAll(() => db.close());

const RANGE = { fromMs: BASE_MS, toMs: BASE_MS + 6 * 3_600_000, size: 100 };

function plan(query: string, options: Partial<CompileOptions> = {}) {
  return compileSqlite(parseQuery(query), { ...RANGE, ...options });
}

/** The ids a query returns, in the order the store returns them. */
function ids(query: string, options: Partial<CompileOptions> = {}): string[] {
  const compiled = plan(query, options);
  if (compiled.kind !== 'hits') throw new Error(`expected hits for ${query}`);
  return (db.prepare(compiled.sql).all(...compiled.params) as { id: string }[]).map((row) => row.id);
}

/** The ids as a sorted set, for queries whose order is not the point. */
function matches(query: string): string[] {
  return ids(query).sort();
}

function count(query: string): number {
  const compiled = plan(query);
  if (compiled.kind !== 'hits') throw new Error(`expected hits for ${query}`);
  return (db.prepare(compiled.countSql).get(...compiled.countParams) as { n: number }).n;
}

function rows(query: string): { columns: string[]; rows: unknown[][] } {
  const compiled = plan(query);
  if (compiled.kind !== 'table') throw new Error(`expected a table for ${query}`);
  return {
    columns: compiled.columns,
    rows: db
      .prepare(compiled.sql)
      .raw()
      .all(...compiled.params) as unknown[][],
  };
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `e${String(from + i).padStart(2, '0')}`);
const BOB = ['e01', 'e02', 'e07', 'e15', 'e20', 'e21', 'e23', 'e26', 'e29'];

describe('free text', () => {
  it('finds words, phrases and prefixes through FTS5', () => {
    expect(matches('failed')).toEqual(['e02', 'e03', 'e04', 'e08', 'e12']);
    expect(matches('FAILED')).toEqual(['e02', 'e03', 'e04', 'e08', 'e12']);
    expect(matches('"login failed"')).toEqual(['e02', 'e03', 'e04', 'e12']);
    expect(matches('adm*')).toEqual(['e04', 'e05', 'e09']);
    expect(matches('"said \\"hello\\""')).toEqual(['e18']);
  });

  it('combines free text with AND, OR, NOT and fields', () => {
    expect(matches('failed AND user.name:bob')).toEqual(['e02']);
    expect(matches('failed -login')).toEqual(['e08']);
    expect(matches('failed NOT "login failed"')).toEqual(['e08']);
    expect(matches('failed OR heartbeat')).toEqual(['e02', 'e03', 'e04', 'e08', 'e10', 'e12']);
    expect(matches('failed OR user.name:dave')).toEqual(['e02', 'e03', 'e04', 'e08', 'e10', 'e12', 'e27']);
    expect(matches('-failed user.name:bob')).toEqual(['e01', 'e07', 'e15', 'e20', 'e21', 'e23', 'e26', 'e29']);
  });

  it('matches phrases and prefixes on the message field only', () => {
    expect(matches('message:"login failed"')).toEqual(['e02', 'e03', 'e04', 'e12']);
    expect(matches('message:disk*')).toEqual(['e16']);
    expect(matches('message:authentik')).toEqual([]);
    expect(matches('authentik')).toHaveLength(16);
  });

  it('treats lowercase or as a word, and * or nothing as everything', () => {
    expect(matches('bob or alice')).toEqual([]);
    expect(matches('bob OR alice')).toHaveLength(14);
    expect(matches('*')).toEqual(range(1, 30));
    expect(matches('')).toEqual(range(1, 30));
  });
});

describe('fields', () => {
  it('matches column values case-insensitively, with wildcards and regexes', () => {
    expect(matches('user.name:BOB')).toEqual(BOB);
    expect(matches('user.name:adm*')).toEqual(['e04', 'e05']);
    expect(matches('user.name:?ob')).toEqual(BOB);
    expect(matches('user.name:/adm.*/')).toEqual(['e04', 'e05']);
    expect(matches('user.name:/b.b/')).toEqual(BOB);
    expect(matches('user.name:/ob/')).toEqual([]);
    expect(matches("user.name:o'brien")).toEqual(['e18']);
  });

  it('escapes % and _ in wildcard patterns', () => {
    expect(matches('message:*discount_code*')).toEqual(['e17']);
    expect(matches('message:*50%*')).toEqual(['e17']);
  });

  it('matches IPv4 and IPv6 CIDR ranges on IP fields', () => {
    expect(matches('source.ip:10.0.0.0/8')).toEqual(['e01', 'e02', 'e08']);
    expect(matches('source.ip:10.0.0.4/31')).toEqual(['e01']);
    expect(matches('source.ip:2001:db8::/32')).toEqual(['e06', 'e07']);
    expect(matches('source.ip:2001:db8::/64')).toEqual(['e06']);
    expect(matches('source.ip:203.0.113.*')).toEqual(['e04', 'e05']);
    expect(matches('source.ip:"203.0.113.7"')).toEqual(['e04']);
    expect(matches('user.name:10.0.0.0/8')).toEqual([]);
  });

  it('matches array columns per element', () => {
    expect(matches('event.category:SESSION')).toEqual(['e06', 'e07']);
    expect(matches('event.category:sess*')).toEqual(['e06', 'e07']);
    expect(matches('event.category:iam OR event.category:host')).toEqual(['e09', 'e16']);
    expect(matches('tags:other')).toEqual(['e19']);
  });

  it('matches vendor JSON by path: numbers, strings, arrays and booleans', () => {
    expect(matches('privx.message.user_id:42')).toEqual(['e06']);
    expect(matches('privx.message.user_id:U-7')).toEqual(['e07']);
    expect(matches('privx.message.roles:auditor')).toEqual(['e09']);
    expect(matches('privx.message.enabled:true')).toEqual(['e09']);
    expect(matches('privx.message.remoteAddress:10.1.2.3')).toEqual(['e08']);
    expect(matches('akeyless.item_name:/prod/db/password')).toEqual(['e13']);
    expect(matches('akeyless.item_name:*db*')).toEqual(['e13']);
    expect(matches('akeyless.expiry_days:5')).toEqual(['e14']);
    expect(matches('event.reason:password')).toEqual(['e03']);
    expect(matches('_id:e05')).toEqual(['e05']);
  });

  it('finds fields that exist, and NOT includes events without the field', () => {
    expect(matches('user.email:*')).toEqual(['e11']);
    expect(matches('event.code:*')).toEqual(['e06', 'e07', 'e08', 'e09', 'e10']);
    expect(matches('privx.message.remoteAddress:*')).toEqual(['e06', 'e08']);
    expect(matches('NOT user.name:*')).toEqual(['e14', 'e16', 'e17', 'e19']);
    expect(matches('-user.name:bob')).toHaveLength(21);
    expect(matches('-user.name:bob')).toContain('e14');
  });

  it('respects precedence and parentheses', () => {
    expect(matches('user.name:bob AND (event.action:login OR event.action:logout)')).toEqual([
      'e01',
      'e20',
      'e21',
      'e23',
      'e26',
      'e29',
    ]);
    expect(matches('user.name:carol OR user.name:dave event.action:heartbeat')).toEqual(['e08', 'e09', 'e10', 'e25']);
    expect(matches('NOT (user.name:bob OR user.name:alice) event.module:authentik')).toEqual([
      'e04',
      'e05',
      'e25',
      'e27',
      'e28',
    ]);
  });
});

describe('ranges', () => {
  it('compares string codes numerically', () => {
    expect(matches('event.code >= 100')).toEqual(['e06', 'e07', 'e08', 'e09']);
    expect(matches('event.code < 100')).toEqual(['e10']);
    expect(matches('event.code:[100 TO 199]')).toEqual(['e06', 'e07', 'e08']);
    expect(matches('event.code:{100 TO 199}')).toEqual(['e07']);
    expect(matches('event.code:[100 TO 199}')).toEqual(['e06', 'e07']);
  });

  it('compares numeric columns and JSON numbers', () => {
    expect(matches('event.severity < 4')).toEqual(['e04', 'e08', 'e16']);
    expect(matches('event.severity:[4 TO 5]')).toEqual(['e02', 'e03', 'e09', 'e12']);
    expect(matches('event.severity:6')).toEqual(['e01', 'e05', 'e06', 'e07']);
    expect(matches('akeyless.expiry_days < 10')).toEqual(['e14']);
  });

  it('compares dates as instants, zoneless times as UTC, whole days inclusively', () => {
    expect(matches('@timestamp >= "2024-03-01T04:00:00Z"')).toEqual(range(25, 30));
    expect(matches('@timestamp < "2024-03-01T00:30:00"')).toEqual(['e01', 'e02', 'e03']);
    expect(matches('@timestamp:[2024-03-01T01:00:00Z TO 2024-03-01T01:20:00Z]')).toEqual(['e07', 'e08', 'e09']);
    expect(matches('@timestamp <= "2024-03-01"')).toEqual(range(1, 30));
    expect(matches('@timestamp > "2024-03-01"')).toEqual([]);
    expect(matches('event.ingested < "2024-03-02"')).toEqual([]);
    expect(matches('event.ingested <= "2024-03-02"')).toEqual(range(1, 30));
  });
});

describe('paging, sorting and counting', () => {
  it('returns newest first and pages with a rowid cursor', () => {
    expect(ids('user.name:bob')).toEqual([...BOB].reverse());
    expect(ids('user.name:bob', { size: 2 })).toEqual(['e29', 'e26']);
    expect(ids('user.name:bob', { cursor: rowidOf('e21') })).toEqual(['e20', 'e15', 'e07', 'e02', 'e01']);
    expect(ids('failed', { cursor: rowidOf('e08') })).toEqual(['e04', 'e03', 'e02']);
  });

  it('honours the time range', () => {
    expect(ids('user.name:bob', { toMs: BASE_MS + 60 * 60_000 })).toEqual(['e07', 'e02', 'e01']);
    expect(ids('failed', { fromMs: BASE_MS + 25 * 60_000 })).toEqual(['e12', 'e08', 'e04']);
  });

  it('sorts by fields with missing values last, then newest first', () => {
    expect(ids('| sort user.name | head 3')).toEqual(['e04', 'e05', 'e30']);
    expect(ids('', { sort: [{ field: 'event.severity', desc: true }], size: 3 })).toEqual(['e10', 'e07', 'e06']);
    expect(ids('event.module:generic', { sort: [{ field: 'user.name', desc: false }] })).toEqual([
      'e18',
      'e19',
      'e17',
      'e16',
    ]);
  });

  it('counts all matches, not only the page', () => {
    expect(count('user.name:bob')).toBe(9);
    expect(count('failed')).toBe(5);
    expect(count('| head 4')).toBe(4);
  });
});

describe('tables', () => {
  it('counts by a column, ordered by its values', () => {
    expect(rows('| stats count by event.module')).toEqual({
      columns: ['event.module', 'count'],
      rows: [
        ['akeyless', 2],
        ['authentik', 16],
        ['czertainly', 1],
        ['generic', 4],
        ['keeper', 2],
        ['privx', 5],
      ],
    });
  });

  it('counts each element of an array field', () => {
    expect(rows('| stats count by event.category').rows).toEqual([
      ['authentication', 26],
      ['host', 1],
      ['iam', 1],
      ['network', 1],
      ['session', 2],
    ]);
    expect(rows('| stats count by privx.message.roles').rows).toEqual([
      ['admin', 1],
      ['auditor', 1],
    ]);
  });

  it('computes every aggregation, numeric from text codes and ISO for @timestamp', () => {
    const result = rows(
      '| stats count, count(event.severity), avg(event.severity), min(event.severity), max(event.severity), sum(event.severity), min(@timestamp), max(@timestamp), avg(event.code), min(user.name)',
    );
    expect(result.rows).toEqual([
      [30, 12, 56 / 12, 2, 7, 56, '2024-03-01T00:00:00.000Z', '2024-03-01T04:50:00.000Z', 149.6, 'Admin'],
    ]);
    expect(rows('user.name:bob | stats count, dc(event.action) as actions').rows).toEqual([[9, 5]]);
  });

  it('sorts, heads and projects table rows', () => {
    expect(rows('| stats count by user.name | sort -count, user.name | head 3 | fields user.name').rows).toEqual([
      ['bob'],
      ['alice'],
      ['carol'],
    ]);
    expect(rows('event.module:authentik | stats count by user.name | sort -count | head 1').rows).toEqual([['bob', 7]]);
  });

  it('computes top and rare with percentages of the events that have the field', () => {
    const top = rows('| top 3 user.name');
    expect(top.columns).toEqual(['user.name', 'count', 'percent']);
    expect(top.rows.map(([name, n]) => [name, n])).toEqual([
      ['bob', 9],
      ['alice', 5],
      ['carol', 3],
    ]);
    expect(top.rows[0]?.[2]).toBeCloseTo((9 / 26) * 100, 6);
    expect(rows('| rare 2 user.name').rows.map(([name, n]) => [name, n])).toEqual([
      ['Admin', 1],
      ['administrator', 1],
    ]);
  });

  it('charts counts per hour, and series beyond the limit as OTHER', () => {
    const hour = (n: number) => BASE_MS + n * 3_600_000;
    expect(rows('| timechart span=1h count').rows).toEqual([0, 1, 2, 3, 4].map((n) => [hour(n), 6]));
    const byModule = rows('| timechart span=1h count by event.module limit=1');
    expect(byModule.columns).toEqual(['_time', 'event.module', 'count']);
    expect(byModule.rows).toEqual([
      [hour(0), 'OTHER', 1],
      [hour(0), 'authentik', 5],
      [hour(1), 'OTHER', 6],
      [hour(2), 'OTHER', 6],
      [hour(3), 'OTHER', 1],
      [hour(3), 'authentik', 5],
      [hour(4), 'authentik', 6],
    ]);
    expect(rows('| timechart span=2h count by event.module limit=0').rows).toContainEqual([hour(0), 'privx', 5]);
  });

  it('aggregates only the rows a head kept', () => {
    expect(rows('| head 3 | stats count by user.name').rows).toEqual([
      ['alice', 1],
      ['bob', 1],
      ['erin', 1],
    ]);
  });
});

describe('hostile input', () => {
  const hostile = [
    `user.name:"'; DROP TABLE events; --"`,
    `'; DROP TABLE events; --`,
    `"\\") OR 1=1 --"`,
    `user.name:"bob' OR '1'='1"`,
    `privx.message.user_id:"42) OR (1=1"`,
    `message:*'--*`,
    `NEAR(bob alice)`,
    `bob^2`,
    `user.name:/bob'\\)--/`,
  ];

  it.each(hostile)('%s returns nothing and leaves the table intact', (query) => {
    expect(ids(query)).toEqual([]);
    expect((db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n).toBe(30);
  });
});

describe('aggregations read narrow indexes, not the rows', () => {
  const queryPlan = (query: string) => {
    const compiled = plan(query);
    if (compiled.kind !== 'table') throw new Error(`expected a table for ${query}`);
    return (db.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...compiled.params) as { detail: string }[])
      .map((row) => row.detail)
      .join(' | ');
  };

  it('charts all events of a range from the (ts, rowid) index', () => {
    expect(queryPlan('| timechart span=1h count')).toMatch(/COVERING INDEX events_time/);
  });

  it('charts a field filter from that field index alone, with buckets from the rowid', () => {
    expect(queryPlan('user.name:bob | timechart span=1h count')).toMatch(/COVERING INDEX events_f_user_name/);
  });
});

describe('the map of all events in a range', () => {
  it('reads the time index alone', () => {
    const geo = compileSqliteGeo(parseQuery(''), { ...RANGE, zoom: 2 });
    for (const [text, params] of [
      [geo.cellsSql, geo.cellsParams],
      [geo.countriesSql, geo.countriesParams],
    ] as const) {
      const detail = (db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...params) as { detail: string }[])
        .map((row) => row.detail)
        .join(' | ');
      expect(detail).toMatch(/COVERING INDEX events_time/);
    }
  });
});
