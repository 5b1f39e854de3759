import { describe, expect, it } from 'vitest';
import { filterOf, isTimechart, rareQuery, resultsRequest, topQuery, valueCounts } from './requests.ts';
import { DEFAULT_STATE } from '../state/url-state.ts';
import { cellText, formatCount, formatTimestamp, tableCell } from '../results/format.ts';

describe('search page requests', () => {
  it('asks the store for exact statistics with pipes', () => {
    expect(topQuery('user.name:a*', 'source.ip')).toBe('user.name:a* | top 10 source.ip');
    expect(rareQuery('', 'event.action')).toBe('| rare 5 event.action');
    expect(filterOf('a AND b | stats count')).toBe('a AND b');
    expect(resultsRequest({ ...DEFAULT_STATE, q: 'x' })).toEqual({
      q: 'x',
      from: 'now-24h',
      to: 'now',
      size: 100,
    });
    expect(resultsRequest({ ...DEFAULT_STATE, sort: 'user.name' }).sort).toBe('user.name');
  });

  it('reads top/rare tables as values with counts', () => {
    const table = {
      columns: ['user.name', 'count', 'percent'],
      rows: [
        ['alice', 12, 44.4],
        [null, 3, 11.1],
        [42, 1, 3.7],
      ],
    };
    expect(valueCounts(table)).toEqual([
      { value: 'alice', count: 12, percent: 44.4 },
      { value: '42', count: 1, percent: 3.7 },
    ]);
    expect(valueCounts(undefined)).toEqual([]);
    expect(isTimechart({ timechart: { span_ms: 1 } })).toBe(true);
    expect(isTimechart(undefined)).toBe(false);
  });

  it('formats cells', () => {
    expect(formatTimestamp('2026-01-02T03:04:05.678Z')).toBe('2026-01-02 03:04:05.678');
    expect(cellText({ user: { name: 'a' }, tags: ['x', 'y'] }, 'tags')).toBe('x, y');
    expect(tableCell('_time', Date.parse('2026-01-02T00:00:00Z'))).toBe('2026-01-02 00:00:00.000');
    expect(tableCell('percent', 33.3333)).toBe('33.33 %');
    expect(tableCell('avg(x)', 1.23456)).toBe('1.235');
    expect(tableCell('count', null)).toBe('');
    expect(formatCount(12345)).toBe('12,345');
    expect(formatCount(10000, 'gte')).toBe('≥ 10,000');
  });
});
