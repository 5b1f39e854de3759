import { describe, expect, it } from 'vitest';
import type { FilterNode } from './ast.ts';
import { parseQuery, QuerySyntaxError } from './parse.ts';

/** The AST without source positions, for compact expectations. */
function shape(query: string): { filter: unknown; pipes: unknown } {
  const json = JSON.stringify(parseQuery(query), (key, value: unknown) =>
    key === 'loc' || key === 'valueLoc' ? undefined : value,
  );
  return JSON.parse(json) as { filter: unknown; pipes: unknown };
}

function filter(query: string): unknown {
  return shape(query).filter;
}

function failure(query: string): QuerySyntaxError {
  try {
    parseQuery(query);
  } catch (error) {
    if (error instanceof QuerySyntaxError) return error;
    throw error;
  }
  throw new Error(`expected '${query}' to fail`);
}

const word = (text: string) => ({ type: 'text', value: { kind: 'exact', text, quoted: false } });
const match = (field: string, text: string) => ({
  type: 'match',
  field,
  value: { kind: 'exact', text, quoted: false },
});

describe('parseQuery filters', () => {
  it('reads an empty query, and whitespace, as no filter and no pipes', () => {
    expect(shape('')).toEqual({ filter: null, pipes: [] });
    expect(shape('   ')).toEqual({ filter: null, pipes: [] });
  });

  it('reads free text, phrases with escaped quotes, and the bare *', () => {
    expect(filter('failed')).toEqual(word('failed'));
    expect(filter('"login failed"')).toEqual({
      type: 'text',
      value: { kind: 'exact', text: 'login failed', quoted: true },
    });
    expect(filter('"say \\"hi\\""')).toEqual({
      type: 'text',
      value: { kind: 'exact', text: 'say "hi"', quoted: true },
    });
    expect(filter('*')).toEqual({ type: 'all' });
  });

  it('reads field:value, quoted values, and field names with dots, @ and dashes', () => {
    expect(filter('user.name:bob')).toEqual(match('user.name', 'bob'));
    expect(filter('message:"login failed"')).toEqual({
      type: 'match',
      field: 'message',
      value: { kind: 'exact', text: 'login failed', quoted: true },
    });
    expect(filter('privx.message.remoteAddress:1.2.3.4')).toEqual(match('privx.message.remoteAddress', '1.2.3.4'));
    expect(filter('@timestamp:2024-01-01')).toEqual(match('@timestamp', '2024-01-01'));
    expect(filter('labels.my-key:x')).toEqual(match('labels.my-key', 'x'));
  });

  it('keeps wildcards as globs, and escaped wildcards as literal text', () => {
    expect(filter('user.name:adm*')).toEqual({
      type: 'match',
      field: 'user.name',
      value: { kind: 'wildcard', pattern: 'adm*' },
    });
    expect(filter('adm*')).toEqual({ type: 'text', value: { kind: 'wildcard', pattern: 'adm*' } });
    expect(filter('user.name:?ob')).toEqual({
      type: 'match',
      field: 'user.name',
      value: { kind: 'wildcard', pattern: '?ob' },
    });
    expect(filter('user.name:a\\*b')).toEqual(match('user.name', 'a*b'));
    expect(filter('user.name:a\\*b*')).toEqual({
      type: 'match',
      field: 'user.name',
      value: { kind: 'wildcard', pattern: 'a\\*b*' },
    });
  });

  it('reads CIDR ranges and IPv6 addresses as plain field values', () => {
    expect(filter('source.ip:10.0.0.0/8')).toEqual(match('source.ip', '10.0.0.0/8'));
    expect(filter('source.ip:2001:db8::/32')).toEqual(match('source.ip', '2001:db8::/32'));
    expect(filter('url.path:/api/v1/users')).toEqual(match('url.path', '/api/v1/users'));
  });

  it('reads exists and regexes', () => {
    expect(filter('user.name:*')).toEqual({ type: 'exists', field: 'user.name' });
    expect(filter('user.name:/adm.*/')).toEqual({ type: 'regex', field: 'user.name', pattern: 'adm.*' });
    expect(filter('url.path:/a\\/b/')).toEqual({ type: 'regex', field: 'url.path', pattern: 'a\\/b' });
  });

  it('reads comparison operators and bracket ranges, open and exclusive', () => {
    expect(filter('event.code >= 100')).toEqual({
      type: 'range',
      field: 'event.code',
      lower: { value: '100', inclusive: true },
    });
    expect(filter('event.code>100')).toEqual({
      type: 'range',
      field: 'event.code',
      lower: { value: '100', inclusive: false },
    });
    expect(filter('event.code < 5')).toEqual({
      type: 'range',
      field: 'event.code',
      upper: { value: '5', inclusive: false },
    });
    expect(filter('event.code <= 5')).toEqual({
      type: 'range',
      field: 'event.code',
      upper: { value: '5', inclusive: true },
    });
    expect(filter('event.code:>=7')).toEqual({
      type: 'range',
      field: 'event.code',
      lower: { value: '7', inclusive: true },
    });
    expect(filter('event.code:[100 TO 199]')).toEqual({
      type: 'range',
      field: 'event.code',
      lower: { value: '100', inclusive: true },
      upper: { value: '199', inclusive: true },
    });
    expect(filter('event.code:{100 TO *]')).toEqual({
      type: 'range',
      field: 'event.code',
      lower: { value: '100', inclusive: false },
    });
    expect(filter('@timestamp >= "2024-01-01"')).toEqual({
      type: 'range',
      field: '@timestamp',
      lower: { value: '2024-01-01', inclusive: true },
    });
  });

  it('gives NOT precedence over AND, and AND over OR; adjacent terms are ANDed', () => {
    expect(filter('a b OR c -d')).toEqual({
      type: 'or',
      children: [
        { type: 'and', children: [word('a'), word('b')] },
        { type: 'and', children: [word('c'), { type: 'not', child: word('d') }] },
      ],
    });
    expect(filter('NOT a AND b')).toEqual({ type: 'and', children: [{ type: 'not', child: word('a') }, word('b')] });
    expect(filter('a AND (b OR c)')).toEqual({
      type: 'and',
      children: [word('a'), { type: 'or', children: [word('b'), word('c')] }],
    });
    expect(filter('NOT(a)')).toEqual({ type: 'not', child: word('a') });
  });

  it('treats lowercase and/or/not, and keywords inside words, as search terms', () => {
    expect(filter('bob and alice')).toEqual({ type: 'and', children: [word('bob'), word('and'), word('alice')] });
    expect(filter('ANDROID ORACLE')).toEqual({ type: 'and', children: [word('ANDROID'), word('ORACLE')] });
  });

  it('records where each node starts', () => {
    const ast = parseQuery('failed AND user.name:bob');
    const [, second] = (ast.filter as Extract<FilterNode, { type: 'and' }>).children;
    expect(second?.loc).toEqual({ offset: 11, line: 1, column: 12, end: 24 });
  });
});

describe('parseQuery pipes', () => {
  it('reads stats with aliases, every function and several by-fields, with an empty filter', () => {
    expect(
      shape(
        '| stats count as n, dc(user.name), avg(event.severity), sum(x), min(x), max(x), count(y) by event.module, user.name',
      ),
    ).toEqual({
      filter: null,
      pipes: [
        {
          type: 'stats',
          aggs: [
            { fn: 'count', name: 'n' },
            { fn: 'dc', field: 'user.name', name: 'dc(user.name)' },
            { fn: 'avg', field: 'event.severity', name: 'avg(event.severity)' },
            { fn: 'sum', field: 'x', name: 'sum(x)' },
            { fn: 'min', field: 'x', name: 'min(x)' },
            { fn: 'max', field: 'x', name: 'max(x)' },
            { fn: 'count', field: 'y', name: 'count(y)' },
          ],
          by: ['event.module', 'user.name'],
        },
      ],
    });
  });

  it('reads timechart spans, limits and a series field', () => {
    expect(shape('failed | timechart span=30m count by event.action limit=5').pipes).toEqual([
      { type: 'timechart', spanMs: 1_800_000, limit: 5, aggs: [{ fn: 'count', name: 'count' }], by: 'event.action' },
    ]);
    expect(shape('| timechart span=1d limit=0 count').pipes).toEqual([
      { type: 'timechart', spanMs: 86_400_000, limit: 0, aggs: [{ fn: 'count', name: 'count' }] },
    ]);
    expect(shape('| timechart count').pipes).toEqual([
      { type: 'timechart', limit: 10, aggs: [{ fn: 'count', name: 'count' }] },
    ]);
  });

  it('reads top, rare, sort, head and fields, chained in order', () => {
    expect(shape('| top user.name | rare 3 source.ip').pipes).toEqual([
      { type: 'top', limit: 10, field: 'user.name' },
      { type: 'rare', limit: 3, field: 'source.ip' },
    ]);
    expect(
      shape('x | stats count by user.name | sort -count, +user.name, dc(x) | head 5 | fields user.name, count').pipes,
    ).toEqual([
      { type: 'stats', aggs: [{ fn: 'count', name: 'count' }], by: ['user.name'] },
      {
        type: 'sort',
        keys: [
          { field: 'count', desc: true },
          { field: 'user.name', desc: false },
          { field: 'dc(x)', desc: false },
        ],
      },
      { type: 'head', count: 5 },
      { type: 'fields', fields: ['user.name', 'count'] },
    ]);
  });

  it('accepts commands in any case and without spaces around |', () => {
    expect(shape('bob|STATS COUNT|head 1').pipes).toEqual([
      { type: 'stats', aggs: [{ fn: 'count', name: 'count' }], by: [] },
      { type: 'head', count: 1 },
    ]);
  });
});

describe('parseQuery errors', () => {
  const cases: [query: string, column: number, message: RegExp][] = [
    ['user.name:', 11, /^expected field value after ':'$/],
    ['user.name:   ', 14, /^expected field value after ':'$/],
    ['(a OR b', 8, /^expected '\)' to close the '\(' at column 1$/],
    ['a OR b)', 7, /^unexpected '\)' without a matching '\('$/],
    ['()', 2, /^expected a search term after '\('$/],
    ['a AND', 6, /^expected a search term but the query ended$/],
    ['a OR b AND', 11, /search term/],
    ['x:"abc', 3, /missing closing quote/],
    ['x:[1 TO 5', 10, /^expected '\]' or '\}' but the query ended$/],
    ['x:[1 5]', 6, /^expected 'TO' but found '5'$/],
    ['x >= ', 6, /^expected a value but the query ended$/],
    ['a :b', 3, /^expected a search term, '\|' or end of query but found ':'$/],
    ['user.name:(a OR b)', 11, /field groups are not supported/],
    ['| stats', 8, /^expected an aggregation \(count, dc\(field\)/],
    ['| stats foo', 9, /^unknown aggregation 'foo'/],
    ['| stats dc()', 9, /^dc\(\) needs a field/],
    ['| stats avg', 9, /^avg\(\) needs a field/],
    ['| stats count as 9x', 18, /after 'as'/],
    ['| stats count by', 17, /^expected a field name after 'by'$/],
    ['| bogus', 3, /^unknown pipe command 'bogus'$/],
    ['a |', 4, /^expected a command after '\|'/],
    ['| timechart span=abc count', 13, /^invalid span 'abc'/],
    ['| timechart span=0h count', 13, /^invalid span '0h'/],
    ['| timechart limit=x count', 13, /^invalid limit 'x'/],
    ['| head', 7, /^expected a number after 'head'/],
    ['| head 0', 8, /at least 1/],
    ['| top 10', 9, /^expected a field name/],
    ['| sort', 7, /^expected a field to sort by/],
    ['| fields', 9, /^expected field names/],
    ['user.name:/(/', 11, /^invalid regular expression/],
    ['user.name:/(a+)+/', 11, /repeated group/],
    ['user.name:/(a)\\1/', 11, /back-references/],
  ];

  it.each(cases)('%s fails at column %i', (query, column, message) => {
    const error = failure(query);
    expect(error).toBeInstanceOf(QuerySyntaxError);
    expect(error.message).toMatch(message);
    expect(error.column).toBe(column);
    expect(error.offset).toBe(column - 1);
  });

  it('reports the line and column of an error on a later line', () => {
    const error = failure('failed\nAND user.name:');
    expect([error.line, error.column, error.offset]).toEqual([2, 15, 21]);
  });

  it('refuses very long and very deeply nested queries', () => {
    expect(failure('a '.repeat(6000)).message).toMatch(/longer than/);
    expect(failure('('.repeat(100) + 'a' + ')'.repeat(100)).message).toMatch(/nested more than 64/);
  });

  it('parses SQL-like input as plain search terms', () => {
    expect(filter("'; DROP TABLE events; --")).toEqual({
      type: 'and',
      children: [word("';"), word('DROP'), word('TABLE'), word('events;'), { type: 'not', child: word('-') }],
    });
    expect(failure('") OR 1=1').column).toBe(1);
  });
});
