import type { StoredEvent } from '@vigil/schemas';
import { describe, expect, it } from 'vitest';
import {
  applyMemorySteps,
  compileElastic,
  geoGridAggregation,
  type ElasticCompileOptions,
  type ElasticHitsPlan,
  type ElasticTablePlan,
  type EsQuery,
} from './compile-elastic.ts';
import { compileElasticGeo, tileBounds } from './compile-elastic-geo.ts';
import { luceneRegex } from './compile-elastic-regex.ts';
import { parseQuery, QuerySyntaxError } from './parse.ts';

const FROM = Date.UTC(2024, 0, 1);
const TO = Date.UTC(2024, 0, 2) - 1;
const TIME = { range: { '@timestamp': { gte: FROM, lte: TO, format: 'epoch_millis' } } };
const LOC = { offset: 0, line: 1, column: 1, end: 1 };

function compile(query: string, options: Partial<ElasticCompileOptions> = {}) {
  return compileElastic(parseQuery(query), { fromMs: FROM, toMs: TO, size: 100, ...options });
}

function hits(query: string, options: Partial<ElasticCompileOptions> = {}): ElasticHitsPlan {
  const plan = compile(query, options);
  if (plan.kind !== 'hits') throw new Error(`expected a hits plan for ${query}`);
  return plan;
}

function table(query: string, options: Partial<ElasticCompileOptions> = {}): ElasticTablePlan {
  const plan = compile(query, options);
  if (plan.kind !== 'table') throw new Error(`expected a table plan for ${query}`);
  return plan;
}

/** The filter part of the query: what follows the time range. */
function filter(query: string): EsQuery {
  const bool = hits(query).query.bool as { filter: EsQuery[]; must_not?: EsQuery[] };
  expect(bool.filter[0]).toEqual(TIME);
  return { filter: bool.filter.slice(1), ...(bool.must_not ? { must_not: bool.must_not } : {}) };
}

function compileError(query: string, options: Partial<ElasticCompileOptions> = {}): QuerySyntaxError {
  try {
    compile(query, options);
  } catch (error) {
    if (error instanceof QuerySyntaxError) return error;
    throw error;
  }
  throw new Error(`expected '${query}' to fail`);
}

describe('compileElastic filters', () => {
  it('puts the time range and the conjuncts side by side, negations in must_not', () => {
    expect(hits('failed AND user.name:bob -event.outcome:success').query).toMatchInlineSnapshot(`
      {
        "bool": {
          "filter": [
            {
              "range": {
                "@timestamp": {
                  "format": "epoch_millis",
                  "gte": 1704067200000,
                  "lte": 1704153599999,
                },
              },
            },
            {
              "multi_match": {
                "fields": [
                  "message",
                  "body",
                ],
                "query": "failed",
                "type": "phrase",
              },
            },
            {
              "term": {
                "user.name": "bob",
              },
            },
          ],
          "must_not": [
            {
              "term": {
                "event.outcome": "success",
              },
            },
          ],
        },
      }
    `);
  });

  it('searches free text as phrases over the message and the body catch-all', () => {
    expect(filter('"login failed"')).toMatchInlineSnapshot(`
      {
        "filter": [
          {
            "multi_match": {
              "fields": [
                "message",
                "body",
              ],
              "query": "login failed",
              "type": "phrase",
            },
          },
        ],
      }
    `);
    expect(filter('adm*')).toMatchInlineSnapshot(`
      {
        "filter": [
          {
            "bool": {
              "minimum_should_match": 1,
              "should": [
                {
                  "prefix": {
                    "message": {
                      "value": "adm",
                    },
                  },
                },
                {
                  "prefix": {
                    "body": {
                      "value": "adm",
                    },
                  },
                },
              ],
            },
          },
        ],
      }
    `);
    expect(filter('foo-ba*')).toMatchInlineSnapshot(`
      {
        "filter": [
          {
            "multi_match": {
              "fields": [
                "message",
                "body",
              ],
              "max_expansions": 200,
              "query": "foo-ba",
              "type": "phrase_prefix",
            },
          },
        ],
      }
    `);
    const error = compileError('x AND *dmin');
    expect(error.message).toMatch(/free-text wildcards work only at the end of a word/);
    expect(error.column).toBe(7);
  });

  it('matches the message by phrase and word prefix, other globs over its whole value', () => {
    expect(filter('message:"logged in"')).toEqual({ filter: [{ match_phrase: { message: 'logged in' } }] });
    expect(filter('message:log*')).toEqual({ filter: [{ prefix: { message: { value: 'log' } } }] });
    expect(filter('message:*fail*')).toEqual({
      filter: [{ wildcard: { 'message.keyword': { value: '*fail*', case_insensitive: true } } }],
    });
  });

  it('compiles OR, nested NOT and a bare star', () => {
    expect(filter('user.name:a OR NOT (event.action:x AND *)')).toMatchInlineSnapshot(`
      {
        "filter": [
          {
            "bool": {
              "minimum_should_match": 1,
              "should": [
                {
                  "term": {
                    "user.name": "a",
                  },
                },
                {
                  "bool": {
                    "must_not": [
                      {
                        "term": {
                          "event.action": "x",
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      }
    `);
    expect(filter('user.name:a OR *')).toEqual({ filter: [{ match_all: {} }] });
    expect(hits('*').query).toEqual({ bool: { filter: [TIME] } });
  });

  it('matches keywords by term (the normalizer folds case), vendor numbers also numerically', () => {
    expect(filter('user.name:Alice')).toEqual({ filter: [{ term: { 'user.name': 'Alice' } }] });
    expect(filter('privx.type:5')).toMatchInlineSnapshot(`
      {
        "filter": [
          {
            "bool": {
              "minimum_should_match": 1,
              "should": [
                {
                  "term": {
                    "privx.type": "5",
                  },
                },
                {
                  "term": {
                    "privx.type.num": 5,
                  },
                },
              ],
            },
          },
        ],
      }
    `);
    expect(filter('privx.session_id:"sess-42"')).toEqual({ filter: [{ term: { 'privx.session_id': 'sess-42' } }] });
    expect(filter('event.reason:timeout')).toEqual({ filter: [{ match_phrase: { 'event.reason': 'timeout' } }] });
    expect(filter('_id:abc')).toEqual({ filter: [{ ids: { values: ['abc'] } }] });
  });

  it('keeps wildcard escapes and asks for case-insensitive matching', () => {
    expect(filter('user.name:adm\\*n?')).toEqual({
      filter: [{ wildcard: { 'user.name': { value: 'adm\\*n?', case_insensitive: true } } }],
    });
    expect(compileError('@timestamp:2024*').message).toMatch(/wildcards do not apply to @timestamp/);
    expect(compileError('event.severity:4*').message).toMatch(/event.severity holds long values/);
  });

  it('reads IPs: CIDR ranges (IPv4-mapped ones as IPv4), addresses, and text that is not one', () => {
    expect(filter('source.ip:10.0.0.0/8')).toEqual({ filter: [{ term: { 'source.ip': '10.0.0.0/8' } }] });
    expect(filter('source.ip:"::ffff:10.0.0.0/104"')).toEqual({ filter: [{ term: { 'source.ip': '10.0.0.0/8' } }] });
    expect(filter('source.ip:2001\\:db8\\:\\:1')).toEqual({ filter: [{ term: { 'source.ip': '2001:db8::1' } }] });
    expect(filter('source.ip:unknown')).toEqual({ filter: [{ term: { 'source.ip.keyword': 'unknown' } }] });
    expect(compileError('source.ip:10.0.0.0/33').message).toMatch(/is not a CIDR range/);
  });

  it('compiles ranges on dates, numbers, numeric keywords, IPs and text', () => {
    expect(filter('@timestamp:2024-01-01')).toEqual({
      filter: [{ range: { '@timestamp': { gte: FROM, lte: TO, format: 'epoch_millis' } } }],
    });
    expect(filter('@timestamp >= "2024-01-01T10:00:00Z"')).toMatchInlineSnapshot(`
      {
        "filter": [
          {
            "range": {
              "@timestamp": {
                "format": "epoch_millis",
                "gte": 1704103200000,
              },
            },
          },
        ],
      }
    `);
    expect(filter('event.severity:[3 TO 5}')).toEqual({ filter: [{ range: { 'event.severity': { gte: 3, lt: 5 } } }] });
    expect(filter('event.code >= 100')).toEqual({ filter: [{ range: { 'event.code.num': { gte: 100 } } }] });
    expect(filter('privx.duration < 2.5')).toEqual({ filter: [{ range: { 'privx.duration.num': { lt: 2.5 } } }] });
    expect(filter('source.ip:[10.0.0.1 TO 10.0.0.9]')).toEqual({
      filter: [{ range: { 'source.ip': { gte: '10.0.0.1', lte: '10.0.0.9' } } }],
    });
    expect(filter('user.name >= M')).toEqual({ filter: [{ range: { 'user.name': { gte: 'm' } } }] });
    expect(filter('event.severity:[* TO *]')).toEqual({ filter: [{ exists: { field: 'event.severity' } }] });
    expect(compileError('event.severity >= high').message).toMatch(/'high' is not a number/);
  });

  it('translates regexes to Lucene syntax, case-insensitive', () => {
    expect(filter('user.name:/^Ad(?:min|m)$/')).toEqual({
      filter: [{ regexp: { 'user.name': { value: 'Ad(min|m)', flags: 'NONE', case_insensitive: true } } }],
    });
    expect(compileError('event.severity:/4/').message).toMatch(/regular expressions apply to text/);
    expect(compileError('@timestamp:/2024.*/').message).toMatch(/regular expressions do not apply to @timestamp/);
  });

  it('tests existence, with _id always present', () => {
    expect(filter('privx.session_id:*')).toEqual({ filter: [{ exists: { field: 'privx.session_id' } }] });
    expect(filter('_id:*')).toEqual({ filter: [{ match_all: {} }] });
  });

  it('never hands user text to query_string or a script', () => {
    const queries = [
      'user.name:"a OR b) AND script"',
      '"*:* OR _exists_:x"',
      'privx.x:/a|b/',
      'message:"{\\"script\\": 1}"',
      'user.name:x* AND NOT source.ip:10.0.0.0/8',
    ];
    for (const query of queries) expect(JSON.stringify(hits(query).query)).not.toMatch(/query_string|"script"/);
  });
});

describe('luceneRegex', () => {
  it('rewrites JavaScript forms Lucene reads differently', () => {
    expect(luceneRegex('^a.*$', LOC)).toBe('a.*');
    expect(luceneRegex('(?<year>\\d{4})-x|^y$', LOC)).toBe('(\\d{4})-x|y');
    expect(luceneRegex('a"b#c@d&e~f<g>', LOC)).toBe('a\\"b\\#c\\@d\\&e\\~f\\<g\\>');
    expect(luceneRegex('tab\\there\\x41\\u00e9', LOC)).toBe('tab\there' + 'A' + 'é');
    expect(luceneRegex('[^"a$]\\.', LOC)).toBe('[^\\"a$]\\.');
    expect(() => luceneRegex('\\bword', LOC)).toThrow(/word boundaries/);
  });
});

describe('compileElastic hits', () => {
  it('sorts newest first by default and pages by the engine', () => {
    const plan = hits('user.name:bob');
    expect(plan.sort).toEqual([{ '@timestamp': { order: 'desc' } }]);
    expect(plan).toMatchObject({ size: 100, memory: [], trackTotalHits: 10_000 });
    expect(plan.limit).toBeUndefined();
  });

  it('sorts by fields (text through its keyword), newest first among equals, and heads', () => {
    const plan = hits('* | sort user.name, -message | head 5');
    expect(plan.sort).toMatchInlineSnapshot(`
      [
        {
          "user.name": {
            "missing": "_last",
            "order": "asc",
            "unmapped_type": "keyword",
          },
        },
        {
          "message.keyword": {
            "missing": "_last",
            "order": "desc",
            "unmapped_type": "keyword",
          },
        },
        {
          "@timestamp": {
            "order": "desc",
          },
        },
      ]
    `);
    expect(plan).toMatchObject({ size: 5, limit: 5, memory: [] });
    expect(hits('| sort -@timestamp').sort).toEqual([{ '@timestamp': { order: 'desc' } }]);
    expect(hits('', { sort: [{ field: 'event.severity', desc: false }] }).sort[0]).toEqual({
      'event.severity': { order: 'asc', missing: '_last', unmapped_type: 'keyword' },
    });
    expect(() => hits('| sort source.geo.location')).toThrow(/not a single value/);
  });

  it('sorts after a head in memory, over the head events', () => {
    const plan = hits('| head 3 | sort user.name | head 2', { size: 10 });
    expect(plan).toMatchObject({
      size: 3,
      limit: 3,
      memory: [{ sort: [{ field: 'user.name', desc: false }] }, { head: 2 }],
    });
    const event = (name: string) => ({ id: name, user: { name } }) as unknown as StoredEvent;
    const sorted = applyMemorySteps([event('carol'), event('Alice'), event('bob')], plan.memory);
    expect(sorted.map((e) => e.user?.name)).toEqual(['Alice', 'bob']);
    expect(compileError('| head 20000 | sort user.name').message).toMatch(/at most 10000 events/);
  });

  it('keeps the fields of a fields pipe as the projection', () => {
    expect(hits('| fields user.name, source.ip').projection).toEqual(['user.name', 'source.ip']);
  });
});

const bucket = (key: unknown, docCount: number, extra: Record<string, unknown> = {}) => ({
  key,
  doc_count: docCount,
  ...extra,
});

describe('compileElastic tables', () => {
  it('groups stats by fields with a composite aggregation, in key order', () => {
    const plan = table('| stats count, dc(user.name) as users, avg(event.severity) by event.module, message');
    expect(plan.aggs).toMatchInlineSnapshot(`
      {
        "groups": {
          "aggs": {
            "m1": {
              "cardinality": {
                "field": "user.name",
                "precision_threshold": 40000,
              },
            },
            "m2": {
              "stats": {
                "field": "event.severity",
              },
            },
          },
          "composite": {
            "size": 2000,
            "sources": [
              {
                "g0": {
                  "terms": {
                    "field": "event.module",
                  },
                },
              },
              {
                "g1": {
                  "terms": {
                    "field": "message.keyword",
                  },
                },
              },
            ],
          },
        },
      }
    `);
    expect(plan.columns).toEqual(['event.module', 'message', 'count', 'users', 'avg(event.severity)']);
    expect(plan.composite).toEqual({ name: 'groups', maxBuckets: 10_000 });
    const rows = plan.rows(
      {
        groups: {
          buckets: [
            bucket({ g0: 'privx', g1: 'hello' }, 4, { m1: { value: 3 }, m2: { count: 2, sum: 9, min: 4, max: 5 } }),
            bucket({ g0: 'keeper', g1: 'bye' }, 1, {
              m1: { value: 1 },
              m2: { count: 0, sum: 0, min: null, max: null },
            }),
          ],
        },
      },
      0,
    );
    expect(rows).toEqual([
      ['privx', 'hello', 4, 3, 4.5],
      ['keeper', 'bye', 1, 1, null],
    ]);
  });

  it('answers one row for stats without by, even over no events', () => {
    const plan = table('| stats count, sum(event.severity), min(@timestamp), max(event.code), count(source.ip)');
    expect(plan.trackTotalHits).toBe(true);
    expect(plan.aggs).toMatchInlineSnapshot(`
      {
        "m1": {
          "stats": {
            "field": "event.severity",
          },
        },
        "m2": {
          "stats": {
            "field": "@timestamp",
          },
        },
        "m3": {
          "stats": {
            "field": "event.code.num",
          },
        },
        "m3_text": {
          "terms": {
            "field": "event.code",
            "order": {
              "_key": "desc",
            },
            "size": 1,
          },
        },
        "m4": {
          "filter": {
            "exists": {
              "field": "source.ip",
            },
          },
        },
      }
    `);
    const empty = { count: 0, sum: 0, min: null, max: null };
    expect(
      plan.rows(
        { m1: empty, m2: empty, m3: { ...empty, buckets: [] }, m3_text: { buckets: [] }, m4: { doc_count: 0 } },
        0,
      ),
    ).toEqual([[0, null, null, null, 0]]);
    const full = plan.rows(
      {
        m1: { count: 2, sum: 7, min: 3, max: 4 },
        m2: { count: 2, sum: 0, min: FROM, max: TO },
        m3: { count: 0, sum: 0, min: null, max: null },
        m3_text: { buckets: [{ key: 'login', doc_count: 1 }] },
        m4: { doc_count: 1 },
      },
      2,
    );
    expect(full).toEqual([[2, 7, '2024-01-01T00:00:00.000Z', 'login', 1]]);
  });

  it('computes top and rare with percent of all values', () => {
    const top = table('| top 2 user.name');
    expect(top.aggs).toEqual({
      values: { terms: { field: 'user.name', size: 2, order: [{ _count: 'desc' }, { _key: 'asc' }] } },
    });
    expect(
      top.rows({ values: { sum_other_doc_count: 5, buckets: [bucket('alice', 10), bucket('bob', 5)] } }, 0),
    ).toEqual([
      ['alice', 10, 50],
      ['bob', 5, 25],
    ]);
    expect(table('| rare user.name').aggs).toEqual({
      values: { terms: { field: 'user.name', size: 10, order: [{ _count: 'asc' }, { _key: 'asc' }] } },
    });
  });

  it('charts time with a date histogram, empty buckets absent', () => {
    const plan = table('| timechart span=1h count, max(event.severity) as worst');
    expect(plan.aggs).toMatchInlineSnapshot(`
      {
        "time": {
          "aggs": {
            "m1": {
              "stats": {
                "field": "event.severity",
              },
            },
          },
          "date_histogram": {
            "field": "@timestamp",
            "fixed_interval": "3600000ms",
            "min_doc_count": 1,
          },
        },
      }
    `);
    expect(plan.timechart).toEqual({ spanMs: 3_600_000 });
    const rows = plan.rows({ time: { buckets: [bucket(FROM, 3, { m1: { count: 3, sum: 9, min: 2, max: 5 } })] } }, 0);
    expect(rows).toEqual([[FROM, 3, 5]]);
  });

  it('charts series by time and folds those outside the top N into OTHER', () => {
    const plan = table('| timechart span=1h count, avg(event.severity) by event.module limit=1');
    expect(plan.aggs).toMatchInlineSnapshot(`
      {
        "grid": {
          "aggs": {
            "m1": {
              "stats": {
                "field": "event.severity",
              },
            },
          },
          "composite": {
            "size": 2000,
            "sources": [
              {
                "t": {
                  "date_histogram": {
                    "field": "@timestamp",
                    "fixed_interval": "3600000ms",
                  },
                },
              },
              {
                "s": {
                  "terms": {
                    "field": "event.module",
                  },
                },
              },
            ],
          },
        },
        "series": {
          "terms": {
            "field": "event.module",
            "order": [
              {
                "_count": "desc",
              },
              {
                "_key": "asc",
              },
            ],
            "size": 1,
          },
        },
      }
    `);
    expect(plan.timechart).toEqual({ spanMs: 3_600_000, series: 'event.module' });
    const stats = (count: number, sum: number) => ({ m1: { count, sum, min: null, max: null } });
    const rows = plan.rows(
      {
        series: { buckets: [bucket('privx', 5)] },
        grid: {
          buckets: [
            bucket({ t: FROM, s: 'keeper' }, 1, stats(1, 2)),
            bucket({ t: FROM, s: 'privx' }, 5, stats(5, 30)),
            bucket({ t: FROM, s: 'akeyless' }, 2, stats(2, 10)),
          ],
        },
      },
      0,
    );
    expect(rows).toEqual([
      [FROM, 'OTHER', 3, 4],
      [FROM, 'privx', 5, 6],
    ]);
    expect(compileError('| timechart span=1s count', { fromMs: 0, toMs: 86_400_000 }).message).toMatch(
      /span is too small/,
    );
  });

  it('runs sort, head and fields after the table over its rows, checking the columns first', () => {
    const plan = table('| stats count by user.name | sort -count | head 2 | fields user.name');
    expect(plan.columns).toEqual(['user.name']);
    const rows = plan.rows(
      { groups: { buckets: [bucket({ g0: 'a' }, 1), bucket({ g0: 'b' }, 3), bucket({ g0: 'c' }, 2)] } },
      0,
    );
    expect(rows).toEqual([['b'], ['c']]);
    expect(compileError('| stats count by user.name | sort -total').message).toMatch(/unknown column 'total'/);
  });

  it('refuses what an engine cannot aggregate', () => {
    expect(compileError('| head 5 | stats count').message).toMatch(/not supported by this store/);
    expect(compileError('| fields user.name | stats count').message).toMatch(/has no effect/);
    expect(compileError('| stats count by source.geo.location').message).toMatch(/not a single value/);
    expect(compileError('| stats count by user.name | top user.name').message).toMatch(/cannot follow/);
  });
});

describe('geo aggregation', () => {
  it('grids locations in map tiles with their centroid', () => {
    expect(geoGridAggregation(5)).toEqual({
      geotile_grid: { field: 'source.geo.location', precision: 5, size: 10_000 },
      aggs: { centroid: { geo_centroid: { field: 'source.geo.location' } } },
    });
    const plan = compileElasticGeo(parseQuery('event.outcome:failure'), { fromMs: FROM, toMs: TO, zoom: 3 });
    expect(plan.precision).toBe(5);
    expect(plan.aggs.countries).toEqual({ terms: { field: 'source.geo.country_iso_code', size: 300 } });
    expect(() => compileElasticGeo(parseQuery('| stats count'), { fromMs: FROM, toMs: TO, zoom: 3 })).toThrow(
      /without pipes/,
    );
  });

  it('gives a tile key its bounds', () => {
    const [minLon, minLat, maxLon, maxLat] = tileBounds('0/0/0');
    expect([minLon, maxLon]).toEqual([-180, 180]);
    expect(maxLat).toBeCloseTo(85.0511, 3);
    expect(minLat).toBeCloseTo(-85.0511, 3);
    expect(tileBounds('1/1/0')).toEqual([0, 0, 180, expect.closeTo(85.0511, 3)]);
  });
});
