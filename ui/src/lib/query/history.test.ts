import { describe, expect, it } from 'vitest';
import { HISTORY_LIMIT, readHistory, rememberQuery, type KeyValueStore } from './history.ts';

function memoryStore(initial: Record<string, string> = {}): KeyValueStore {
  const data = new Map(Object.entries(initial));
  return { getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
}

describe('query history', () => {
  it('keeps the newest first, without duplicates or blanks, up to the limit', () => {
    const store = memoryStore();
    rememberQuery(store, 'a');
    rememberQuery(store, 'b');
    rememberQuery(store, ' a ');
    rememberQuery(store, '   ');
    expect(readHistory(store)).toEqual(['a', 'b']);
    for (let i = 0; i < 30; i++) rememberQuery(store, `q${i}`);
    const history = readHistory(store);
    expect(history).toHaveLength(HISTORY_LIMIT);
    expect(history[0]).toBe('q29');
  });

  it('starts over from a corrupt entry', () => {
    expect(readHistory(memoryStore({ 'vigil.query-history': '{not json' }))).toEqual([]);
    expect(readHistory(memoryStore({ 'vigil.query-history': '[1, "a"]' }))).toEqual(['a']);
  });
});
