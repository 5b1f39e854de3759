import { describe, expect, it } from 'vitest';
import {
  DEFAULT_COLUMNS,
  DEFAULT_STATE,
  nextSort,
  readState,
  sharedState,
  stateHref,
  toggleColumn,
  visibleColumns,
  writeState,
} from './url-state.ts';

describe('view state in the URL', () => {
  it('reads defaults from an empty URL and writes nothing for them', () => {
    expect(readState(new URLSearchParams())).toEqual(DEFAULT_STATE);
    expect(writeState(DEFAULT_STATE).toString()).toBe('');
    expect(stateHref('/', DEFAULT_STATE)).toBe('/');
  });

  it('round-trips every part of the view', () => {
    const state = {
      q: 'user.name:"a b" | stats count by source.ip',
      from: 'now-7d',
      to: '2026-01-02T00:00:00Z',
      columns: ['user.name', 'source.ip'],
      sort: 'user.name',
      stack: 'event.outcome',
      area: [-10.5, 35, 30.25, 60] as [number, number, number, number],
      country: 'DE',
    };
    const href = stateHref('/map', state);
    expect(href.startsWith('/map?')).toBe(true);
    expect(readState(new URL(href, 'http://x').searchParams)).toEqual(state);
  });

  it('ignores what does not parse', () => {
    const state = readState(
      new URLSearchParams('cols=a,,b c,@timestamp&sort=drop table&stack=;&area=1,2,3&country=Germany'),
    );
    expect(state.columns).toEqual(['a', '@timestamp']);
    expect(state.sort).toBe('-@timestamp');
    expect(state.stack).toBe('event.module');
    expect(state.area).toBeUndefined();
    expect(state.country).toBeUndefined();
    expect(readState(new URLSearchParams('area=10,0,5,1')).area).toBeUndefined();
    expect(readState(new URLSearchParams('area=0,-95,1,1')).area).toBeUndefined();
    expect(readState(new URLSearchParams('country=jp')).country).toBe('JP');
  });

  it('shares only query and time between pages', () => {
    const state = { ...DEFAULT_STATE, q: 'x', from: 'now-1h', columns: ['a'], country: 'DE' };
    expect(sharedState(state)).toEqual({ ...DEFAULT_STATE, q: 'x', from: 'now-1h' });
  });

  it('toggles columns starting from the defaults and flips the sort', () => {
    expect(visibleColumns(DEFAULT_STATE)).toBe(DEFAULT_COLUMNS);
    expect(toggleColumn(DEFAULT_STATE, 'host.name')).toEqual([...DEFAULT_COLUMNS, 'host.name']);
    expect(toggleColumn(DEFAULT_STATE, 'message')).not.toContain('message');
    expect(nextSort('-@timestamp', '@timestamp')).toBe('@timestamp');
    expect(nextSort('@timestamp', '@timestamp')).toBe('-@timestamp');
    expect(nextSort('-@timestamp', 'user.name')).toBe('-user.name');
  });
});
