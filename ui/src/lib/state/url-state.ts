import { DEFAULT_FROM, DEFAULT_TO } from '../time/range.ts';

/**
 * The whole view lives in the URL so a link reproduces it: query, time range, chosen columns, sort,
 * the chart's stacking field, and on the map the area or country filter. Defaults are left out so
 * links stay short; unknown parameters are ignored.
 */
export interface ViewState {
  q: string;
  from: string;
  to: string;
  /** Result columns after the time column; empty means the default (source, action, message). */
  columns: string[];
  /** `-@timestamp` (newest first) unless the user sorted by a column. */
  sort: string;
  /** The field the volume chart stacks by. */
  stack: string;
  /** Map cross-filter: `minLon,minLat,maxLon,maxLat`. */
  area: Bbox | undefined;
  /** Map cross-filter: ISO 3166-1 alpha-2 country code. */
  country: string | undefined;
}

export type Bbox = [number, number, number, number];

export const DEFAULT_SORT = '-@timestamp';
export const DEFAULT_STACK = 'event.module';
export const DEFAULT_COLUMNS: readonly string[] = ['event.module', 'event.action', 'user.name', 'source.ip', 'message'];

export const DEFAULT_STATE: Readonly<ViewState> = {
  q: '',
  from: DEFAULT_FROM,
  to: DEFAULT_TO,
  columns: [],
  sort: DEFAULT_SORT,
  stack: DEFAULT_STACK,
  area: undefined,
  country: undefined,
};

const FIELD = /^[A-Za-z_@][A-Za-z0-9_.@-]*$/;
const SORT = /^-?[A-Za-z_@][A-Za-z0-9_.@-]*$/;

export function readState(params: URLSearchParams): ViewState {
  const columns = (params.get('cols') ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => FIELD.test(name));
  const sort = params.get('sort') ?? '';
  const stack = params.get('stack') ?? '';
  const country = (params.get('country') ?? '').toUpperCase();
  return {
    q: params.get('q') ?? '',
    from: params.get('from') || DEFAULT_FROM,
    to: params.get('to') || DEFAULT_TO,
    columns: [...new Set(columns)],
    sort: SORT.test(sort) ? sort : DEFAULT_SORT,
    stack: FIELD.test(stack) ? stack : DEFAULT_STACK,
    area: readBbox(params.get('area')),
    country: /^[A-Z]{2}$/.test(country) ? country : undefined,
  };
}

export function writeState(state: ViewState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q !== '') params.set('q', state.q);
  if (state.from !== DEFAULT_FROM) params.set('from', state.from);
  if (state.to !== DEFAULT_TO) params.set('to', state.to);
  if (state.columns.length > 0) params.set('cols', state.columns.join(','));
  if (state.sort !== DEFAULT_SORT) params.set('sort', state.sort);
  if (state.stack !== DEFAULT_STACK) params.set('stack', state.stack);
  if (state.area) params.set('area', state.area.map(roundCoordinate).join(','));
  if (state.country) params.set('country', state.country);
  return params;
}

/** `/path?query` for a state; `?` is omitted when everything is default. */
export function stateHref(path: string, state: ViewState): string {
  const query = writeState(state).toString();
  return query === '' ? path : `${path}?${query}`;
}

/** The state shared between search and map: query and time, not the page-specific parts. */
export function sharedState(state: ViewState): ViewState {
  return { ...DEFAULT_STATE, q: state.q, from: state.from, to: state.to };
}

export function visibleColumns(state: ViewState): readonly string[] {
  return state.columns.length > 0 ? state.columns : DEFAULT_COLUMNS;
}

/** Toggles a column on or off, starting from the defaults the first time. */
export function toggleColumn(state: ViewState, field: string): string[] {
  const current = [...visibleColumns(state)];
  return current.includes(field) ? current.filter((name) => name !== field) : [...current, field];
}

/** Clicking a column header: newest/largest first, then oldest/smallest first. */
export function nextSort(current: string, field: string): string {
  return current === `-${field}` ? field : `-${field}`;
}

function readBbox(text: string | null): Bbox | undefined {
  if (!text) return undefined;
  const parts = text.split(',').map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) return undefined;
  const [minLon, minLat, maxLon, maxLat] = parts as Bbox;
  if (minLon > maxLon || minLat > maxLat) return undefined;
  if (minLat < -90 || maxLat > 90 || minLon < -180 || maxLon > 180) return undefined;
  return [minLon, minLat, maxLon, maxLat];
}

function roundCoordinate(value: number): string {
  return String(Math.round(value * 10_000) / 10_000);
}
