import { ROWID_SHIFT } from '@vigil/schemas';
import { describe, expect, it } from 'vitest';
import { compileSqlite, type CompileOptions, type HitsPlan, type TablePlan } from './compile-sqlite.ts';
import { parseQuery, QuerySyntaxError } from './parse.ts';

const FROM = Date.UTC(2024, 0, 1);
const TO = Date.UTC(2024, 0, 2) - 1;
const LO = FROM * ROWID_SHIFT;
const HI = TO * ROWID_SHIFT + (ROWID_SHIFT - 1);

function compile(query: string, options: Partial<CompileOptions> = {}) {
  return compileSqlite(parseQuery(query), { fromMs: FROM, toMs: TO, size: 100, ...options });
}

function hits(query: string, options: Partial<CompileOptions> = {}): HitsPlan {
  const plan = compile(query, options);
  if (plan.kind !== 'hits') throw new Error(`expected a hits plan for ${query}`);
  return plan;
}

function table(query: string, options: Partial<CompileOptions> = {}): TablePlan {
  const plan = compile(query, options);
  if (plan.kind !== 'table') throw new Error(`expected a table plan for ${query}`);
  return plan;
}

function compileError(query: string, options: Partial<CompileOptions> = {}): QuerySyntaxError {
  try {
    compile(query, options);
  } catch (error) {
    if (error instanceof QuerySyntaxError) return error;
    throw error;
  }
  throw new Error(`expected '${query}' to fail`);
}

const placeholders = (sql: string) => (sql.match(/\?/g) ?? []).length;

describe('compileSqlite hits', () => {
  it('drives a conjunction with free text from FTS5, newest first', () => {
    const plan = hits('failed AND user.name:bob');
    expect(plan.sql).toMatchInlineSnapshot(
      `"SELECT e.rowid AS rowid, e.id AS id, e.doc AS doc FROM events_fts f CROSS JOIN events e ON e.rowid = f.rowid WHERE events_fts MATCH ? AND f.rowid BETWEEN ? AND ? AND e.f_user_name = ? COLLATE NOCASE ORDER BY f.rowid DESC LIMIT ?"`,
    );
    expect(plan.sql).toMatch(
      /^SELECT e\.rowid AS rowid, e\.id AS id, e\.doc AS doc FROM events_fts f CROSS JOIN events e/,
    );
    expect(plan.params).toEqual(['"failed"', LO, HI, 'bob', 100]);
    expect(plan.countSql).toMatchInlineSnapshot(
      `"SELECT count(*) AS n FROM (SELECT 1 FROM events_fts f CROSS JOIN events e ON e.rowid = f.rowid WHERE events_fts MATCH ? AND f.rowid BETWEEN ? AND ? AND e.f_user_name = ? COLLATE NOCASE LIMIT ?)"`,
    );
    expect(plan.countParams).toEqual(['"failed"', LO, HI, 'bob', 10_001]);
    expect(plan.countCap).toBe(10_000);
    expect(plan.rowidOrdered).toBe(true);
  });

  it('counts free text alone in the FTS index, without joining the events', () => {
    const plan = hits('failed');
    expect(plan.sql).toContain('FROM events_fts f CROSS JOIN events e');
    expect(plan.countSql).toBe(
      'SELECT count(*) AS n FROM (SELECT 1 FROM events_fts f WHERE events_fts MATCH ? AND f.rowid BETWEEN ? AND ? LIMIT ?)',
    );
    expect(plan.countParams).toEqual(['"failed"', LO, HI, 10_001]);
  });

  it('walks the events table by rowid when there is no free text', () => {
    const plan = hits('user.name:bob');
    expect(plan.sql).toMatchInlineSnapshot(
      `"SELECT e.rowid AS rowid, e.id AS id, e.doc AS doc FROM events e WHERE e.rowid BETWEEN ? AND ? AND e.f_user_name = ? COLLATE NOCASE ORDER BY e.rowid DESC LIMIT ?"`,
    );
    expect(hits('').sql).toBe(
      'SELECT e.rowid AS rowid, e.id AS id, e.doc AS doc FROM events e WHERE e.rowid BETWEEN ? AND ? ORDER BY e.rowid DESC LIMIT ?',
    );
  });

  it('compiles a pure free-text subtree to one MATCH expression', () => {
    const plan = hits('(login OR logon) adm* -"password reset" NOT heartbeat');
    expect(plan.sql.match(/MATCH/g)).toHaveLength(1);
    expect(plan.params[0]).toBe('((("login" OR "logon") AND "adm"*) NOT ("password reset" OR "heartbeat"))');
    expect(hits('message:"login failed" failed').params[0]).toBe('(message : "login failed" AND "failed")');
  });

  it('quotes every free-text term so FTS5 syntax typed by the user stays text', () => {
    expect(hits('NEAR(a b) "x\\"y"').params[0]).toBe('("NEAR" AND "a" AND "b" AND "x""y")');
    expect(hits('"a \\"OR\\" b"').params[0]).toBe('"a ""OR"" b"');
    expect(hits('title:x^2 a:b* c').params[0]).toBe('"c"');
  });

  it('keeps free text inside OR as a rowid subquery bounded by the time range', () => {
    const plan = hits('failed OR user.name:bob');
    expect(plan.sql).toContain(
      'WHERE e.rowid BETWEEN ? AND ? AND (e.rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ? AND rowid BETWEEN ? AND ?) OR e.f_user_name = ? COLLATE NOCASE)',
    );
    expect(plan.params).toEqual([LO, HI, '"failed"', LO, HI, 'bob', 100]);
    expect(hits('-failed').sql).toContain('e.rowid NOT IN (SELECT rowid FROM events_fts');
  });

  it('reads array columns with json_each and other fields with a JSON path parameter', () => {
    const category = hits('event.category:session');
    expect(category.sql).toContain(
      'EXISTS (SELECT 1 FROM json_each(e.f_event_category) WHERE value = ? COLLATE NOCASE)',
    );
    const vendor = hits('privx.message.user_id:42');
    expect(vendor.sql).toContain(
      'EXISTS (SELECT 1 FROM json_each(e.doc, ?) WHERE (value = ? COLLATE NOCASE OR value = ?))',
    );
    expect(vendor.params).toEqual([LO, HI, '$."privx"."message"."user_id"', '42', 42, 100]);
    expect(hits('user.email:*').sql).toContain('json_type(e.doc, ?) IS NOT NULL');
  });

  it('compiles wildcards to LIKE with escapes, CIDR and regex to the registered functions', () => {
    const wildcard = hits('user.name:adm*_%');
    expect(wildcard.sql).toContain("e.f_user_name LIKE ? ESCAPE '\\'");
    expect(wildcard.params).toContain('adm%\\_\\%');
    const cidr = hits('source.ip:10.0.0.0/8');
    expect(cidr.sql).toContain('vigil_cidr_match(e.f_source_ip, ?)');
    expect(cidr.params).toContain('10.0.0.0/8');
    const regex = hits('user.name:/adm.*/');
    expect(regex.sql).toContain('vigil_regexp(?, CAST(e.f_user_name AS TEXT))');
    expect(regex.params).toContain('adm.*');
  });

  it('compares ranges numerically, and dates as milliseconds on e.ts', () => {
    const code = hits('event.code >= 100');
    expect(code.sql).toContain("CASE WHEN typeof(e.f_event_code) IN ('integer', 'real')");
    expect(code.params).toContain(100);
    expect(hits('event.severity:[3 TO 5}').sql).toContain('e.f_event_severity >= ? AND e.f_event_severity < ?');
    const time = hits('@timestamp >= "2024-01-01T12:00:00Z"');
    expect(time.sql).toContain('e.ts >= ?');
    const noon = Date.UTC(2024, 0, 1, 12);
    expect(time.params).toEqual([noon * ROWID_SHIFT, HI, noon, 100]);
  });

  it('makes NOT safe for missing values', () => {
    expect(hits('NOT user.name:bob').sql).toContain('(e.f_user_name = ? COLLATE NOCASE) IS NOT 1');
  });

  it('pages with a rowid cursor inside the range', () => {
    const plan = hits('failed', { cursor: LO + 5000 });
    expect(plan.params).toEqual(['"failed"', LO, LO + 4999, 100]);
    expect(plan.countParams).toEqual(['"failed"', LO, HI, 10_001]);
  });

  it('sorts by field expressions then rowid, and is then no longer rowid-ordered', () => {
    const plan = hits('x', {
      sort: [
        { field: 'user.name', desc: false },
        { field: 'source.port', desc: true },
      ],
    });
    expect(plan.sql).toContain(
      'ORDER BY e.f_user_name ASC NULLS LAST, json_extract(e.doc, ?) DESC NULLS LAST, f.rowid DESC',
    );
    expect(plan.rowidOrdered).toBe(false);
    expect(hits('x | sort -@timestamp').sql).toContain('ORDER BY e.ts DESC NULLS LAST');
  });

  it('applies head to the page size and the count, and fields as a projection', () => {
    const plan = hits('x | head 5 | fields user.name, source.ip');
    expect(plan.params.at(-1)).toBe(5);
    expect(plan.countParams.at(-1)).toBe(5);
    expect(plan.projection).toEqual(['user.name', 'source.ip']);
  });

  it('never splices what the user typed into the SQL text', () => {
    const hostile = [
      `user.name:"'; DROP TABLE events; --"`,
      `"\\") OR 1=1 --"`,
      `privx.a:"x' OR '1'='1"`,
      `message:*'--*`,
      `user.name:/x'\\);--/`,
    ];
    for (const query of hostile) {
      const plan = hits(query);
      expect(plan.sql).not.toMatch(/DROP|1=1|'1'|--/);
      expect(placeholders(plan.sql)).toBe(plan.params.length);
      expect(placeholders(plan.countSql)).toBe(plan.countParams.length);
    }
  });
});

describe('compileSqlite tables', () => {
  it('groups stats by columns and exploded arrays, with the user column names', () => {
    const plan = table('failed | stats count, dc(user.name) as users by event.category, user.name');
    expect(plan.sql).toMatchInlineSnapshot(
      `"SELECT g0.value AS "event.category", e.f_user_name AS "user.name", count(*) AS "count", count(DISTINCT e.f_user_name COLLATE NOCASE) AS "users" FROM events_fts f CROSS JOIN events e ON e.rowid = f.rowid JOIN json_each(e.f_event_category) AS g0 WHERE events_fts MATCH ? AND f.rowid BETWEEN ? AND ? AND g0.value IS NOT NULL AND e.f_user_name IS NOT NULL GROUP BY 1, 2 ORDER BY "event.category", "user.name" LIMIT ?"`,
    );
    expect(plan.columns).toEqual(['event.category', 'user.name', 'count', 'users']);
    expect(plan.params).toEqual(['"failed"', LO, HI, 10_000]);
  });

  it('groups vendor JSON fields through a json_each join with the path as a parameter', () => {
    const plan = table('| stats avg(privx.duration) by privx.message.user_id');
    expect(plan.sql).toContain('JOIN json_each(e.doc, ?) AS g0');
    expect(plan.params).toContain('$."privx"."message"."user_id"');
    expect(plan.params).toContain('$."privx"."duration"');
    expect(placeholders(plan.sql)).toBe(plan.params.length);
  });

  it('buckets timecharts by span and folds the smaller series into OTHER', () => {
    const plan = table('| timechart span=1h count by event.action limit=3');
    expect(plan.sql).toMatchInlineSnapshot(
      `"WITH m AS (SELECT (e.rowid >> 10) AS ts, e.f_event_action AS s FROM events e WHERE e.rowid BETWEEN ? AND ? AND e.f_event_action IS NOT NULL), top_series AS (SELECT s FROM m GROUP BY s ORDER BY count(*) DESC, s LIMIT ?) SELECT (ts - ts % ?) AS "_time", CASE WHEN s IN (SELECT s FROM top_series) THEN s ELSE 'OTHER' END AS "event.action", count(*) AS "count" FROM m GROUP BY 1, 2 ORDER BY "_time", "event.action" LIMIT ?"`,
    );
    expect(plan.params).toEqual([LO, HI, 3, 3_600_000, 10_000]);
    expect(plan.columns).toEqual(['_time', 'event.action', 'count']);
    expect(plan.timechart).toEqual({ spanMs: 3_600_000, series: 'event.action' });
  });

  it('picks a span for the time range when none is given', () => {
    expect(table('| timechart count').timechart).toEqual({ spanMs: 1_800_000 });
  });

  it('computes top and rare with percentages', () => {
    const plan = table('| top 5 user.name');
    expect(plan.sql).toContain('count(*) * 100.0 / sum(count(*)) OVER () AS "percent"');
    expect(plan.sql).toContain('ORDER BY "count" DESC, "user.name" LIMIT ?');
    expect(plan.columns).toEqual(['user.name', 'count', 'percent']);
    expect(plan.params.at(-1)).toBe(5);
    expect(table('| rare source.ip').sql).toContain('ORDER BY "count" ASC, "source.ip"');
  });

  it('applies sort, head and fields after the table command in order', () => {
    const plan = table('| stats count by user.name | head 3 | sort user.name | fields user.name');
    expect(plan.sql).toMatchInlineSnapshot(
      `"SELECT "user.name" FROM (SELECT * FROM (SELECT e.f_user_name AS "user.name", count(*) AS "count" FROM events e WHERE e.rowid BETWEEN ? AND ? AND e.f_user_name IS NOT NULL GROUP BY 1 ORDER BY "user.name" LIMIT ?) AS t ORDER BY "user.name" ASC NULLS LAST LIMIT ?) AS t ORDER BY "user.name" ASC NULLS LAST LIMIT ?"`,
    );
    expect(plan.params).toEqual([LO, HI, 3, 10_000, 10_000]);
    expect(plan.columns).toEqual(['user.name']);
  });

  it('aggregates only the first rows when head comes before stats', () => {
    const plan = table('| head 10 | stats count');
    expect(plan.sql).toBe(
      'SELECT count(*) AS "count" FROM (SELECT e.* FROM events e WHERE e.rowid BETWEEN ? AND ? ORDER BY e.rowid DESC LIMIT ?) AS e LIMIT ?',
    );
  });
});

describe('compileSqlite errors', () => {
  const cases: [query: string, column: number, message: RegExp][] = [
    ['source.ip:10.0.0.0/33', 11, /is not a CIDR range/],
    ['source.ip:bogus/8', 11, /is not a CIDR range/],
    ['event.severity:high', 16, /'high' is not a number, and event.severity is numeric/],
    ['event.severity >= x', 19, /'x' is not a number/],
    ['@timestamp >= "yesterday"', 15, /cannot read 'yesterday' as a date/],
    ['@timestamp:2024*', 12, /wildcards do not apply to @timestamp/],
    ['a*b', 1, /free-text wildcards work only at the end of a word/],
    ['x ?ob', 3, /free-text wildcards/],
    ['user.name:' + '*a'.repeat(17), 11, /at most 16 wildcards/],
    ['| stats count by user.name | sort -nope', 35, /unknown column 'nope'; the table has user.name, count/],
    ['| stats count | fields x', 17, /unknown column 'x'/],
    ['| stats count, count', 3, /column 'count' appears twice/],
    ['| stats count | top x', 17, /cannot follow another stats/],
    ['| fields a | stats count', 3, /'fields' before stats/],
    ['| timechart span=1s count', 3, /span is too small for the time range: 86400 buckets/],
  ];

  it.each(cases)('%s fails at column %i', (query, column, message) => {
    const error = compileError(query);
    expect(error.message).toMatch(message);
    expect(error.column).toBe(column);
  });
});
