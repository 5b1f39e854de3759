import type { KeyValueStore } from './query/history.ts';

/** Dark by default; the choice is remembered and applied before paint by app.html. */
export type Theme = 'dark' | 'light';

const KEY = 'vigil.theme';

export function readTheme(store: KeyValueStore): Theme {
  return store.getItem(KEY) === 'light' ? 'light' : 'dark';
}

export function saveTheme(store: KeyValueStore, theme: Theme): void {
  store.setItem(KEY, theme);
}

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}
