import { describe, expect, it } from 'vitest';
import { emptyTail, receive, setPaused } from './tail-buffer.ts';

const item = (id: string) => ({ id });

describe('live tail buffer', () => {
  it('shows arrivals newest first, once each, within the limit', () => {
    let state = emptyTail<{ id: string }>();
    for (const id of ['a', 'b', 'a', 'c', 'd']) state = receive(state, item(id), 3);
    expect(state.shown.map((entry) => entry.id)).toEqual(['d', 'c', 'b']);
    expect(state.received).toBe(4);
  });

  it('holds arrivals while paused and shows them on resume', () => {
    let state = receive(emptyTail<{ id: string }>(), item('a'));
    state = setPaused(state, true);
    state = receive(state, item('b'));
    state = receive(state, item('c'));
    expect(state.shown.map((entry) => entry.id)).toEqual(['a']);
    expect(state.pending.map((entry) => entry.id)).toEqual(['c', 'b']);
    state = setPaused(state, false);
    expect(state.shown.map((entry) => entry.id)).toEqual(['c', 'b', 'a']);
    expect(state.pending).toEqual([]);
  });
});
