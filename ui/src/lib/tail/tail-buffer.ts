/**
 * Live tail's list: newest first, bounded, de-duplicated by id (a reconnect may replay an event).
 * While paused, arrivals wait in `pending` and the list stays still under the analyst's eyes.
 */
export interface TailState<T extends { id: string }> {
  shown: T[];
  pending: T[];
  paused: boolean;
  received: number;
}

export const TAIL_LIMIT = 500;

export function emptyTail<T extends { id: string }>(): TailState<T> {
  return { shown: [], pending: [], paused: false, received: 0 };
}

export function receive<T extends { id: string }>(state: TailState<T>, item: T, limit = TAIL_LIMIT): TailState<T> {
  const seen = state.shown.some((entry) => entry.id === item.id) || state.pending.some((entry) => entry.id === item.id);
  if (seen) return state;
  const received = state.received + 1;
  if (state.paused) return { ...state, pending: [item, ...state.pending].slice(0, limit), received };
  return { ...state, shown: [item, ...state.shown].slice(0, limit), received };
}

export function setPaused<T extends { id: string }>(
  state: TailState<T>,
  paused: boolean,
  limit = TAIL_LIMIT,
): TailState<T> {
  if (paused) return { ...state, paused: true };
  return { ...state, paused: false, shown: [...state.pending, ...state.shown].slice(0, limit), pending: [] };
}
