/**
 * Recent queries, newest first, kept in localStorage (or any Storage-like object, for tests).
 */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const KEY = 'vigil.query-history';
export const HISTORY_LIMIT = 20;

export function readHistory(store: KeyValueStore): string[] {
  try {
    const parsed: unknown = JSON.parse(store.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    // A corrupt entry (edited by hand, another version) is not worth an error: start over.
    return [];
  }
}

export function rememberQuery(store: KeyValueStore, query: string): string[] {
  const text = query.trim();
  const current = readHistory(store);
  if (text === '') return current;
  const next = [text, ...current.filter((item) => item !== text)].slice(0, HISTORY_LIMIT);
  store.setItem(KEY, JSON.stringify(next));
  return next;
}
