import { describe, expect, it } from 'vitest';
import { brushRange, seriesColor, timechartQuery, volumeFromTable } from './volume-data.ts';

const HOUR = 3_600_000;
const FROM = Date.parse('2026-01-01T00:00:00Z');
const range = { fromMs: FROM, toMs: FROM + 4 * HOUR - 1 };

describe('volume chart data', () => {
  it('fills every bucket of the range, orders series by size and stacks them', () => {
    const data = volumeFromTable(
      {
        columns: ['_time', 'event.module', 'count'],
        rows: [
          [FROM, 'privx', 2],
          [FROM, 'authentik', 5],
          [FROM + 2 * HOUR, 'privx', 1],
          [FROM + 3 * HOUR, 'OTHER', 9],
          [FROM + 3 * HOUR, 'authentik', 1],
        ],
        timechart: { span_ms: HOUR, series_field: 'event.module' },
      },
      range,
    );
    expect(data.x).toEqual([0, 1, 2, 3].map((i) => (FROM + i * HOUR) / 1000));
    expect(data.series.map((series) => series.name)).toEqual(['authentik', 'privx', 'OTHER']);
    expect(data.series[0]?.values).toEqual([5, 0, 0, 1]);
    expect(data.series[1]?.stacked).toEqual([7, 0, 1, 1]);
    expect(data.series[2]?.stacked).toEqual([7, 0, 1, 10]);
    expect(data.total).toBe(18);
  });

  it('reads a timechart without a by field as one series', () => {
    const data = volumeFromTable(
      { columns: ['_time', 'count'], rows: [[FROM + HOUR, 4]], timechart: { span_ms: HOUR } },
      range,
    );
    expect(data.series).toEqual([{ name: 'events', values: [0, 4, 0, 0], stacked: [0, 4, 0, 0], total: 4 }]);
  });

  it('widens a brushed selection to whole buckets', () => {
    const left = (FROM + 0.5 * HOUR) / 1000;
    const right = (FROM + 1.2 * HOUR) / 1000;
    expect(brushRange(right, left, HOUR)).toEqual({ from: '2026-01-01T00:00:00.000Z', to: '2026-01-01T01:59:59.999Z' });
  });

  it('builds the chart query and colours', () => {
    expect(timechartQuery('user.name:alice', 'event.outcome')).toBe(
      'user.name:alice | timechart count by event.outcome',
    );
    expect(timechartQuery('', undefined)).toBe('| timechart count');
    expect(seriesColor(0, 'a')).not.toBe(seriesColor(1, 'b'));
    expect(seriesColor(3, 'OTHER')).toBe('#6c7a89');
  });
});
