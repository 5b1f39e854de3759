import { around } from '../time/range.ts';
import { filterTerm } from '../query/add-filter.ts';
import { valueAt, isScalar } from './field-path.ts';
import { DEFAULT_STATE, stateHref } from '../state/url-state.ts';

/**
 * "Same user / same IP / same session, around that time" links from the event page. Session ids
 * are vendor fields: of the sources, only PrivX records one (its session id, else its connection id).
 */
export interface RelatedLink {
  label: string;
  field: string;
  value: string;
  href: string;
}

const WINDOW_MS = 60 * 60 * 1000;

const SESSION_FIELDS = ['privx.sessionID', 'privx.connectionID'];

const CANDIDATES: readonly { label: string; fields: readonly string[] }[] = [
  { label: 'Same user', fields: ['user.name', 'user.id', 'user.email'] },
  { label: 'Same IP', fields: ['source.ip'] },
  { label: 'Same session', fields: SESSION_FIELDS },
];

export function searchHref(query: string, range: { from: string; to: string }): string {
  return stateHref('/', { ...DEFAULT_STATE, q: query, ...range });
}

export function relatedLinks(event: Record<string, unknown>): RelatedLink[] {
  const at = Date.parse(String(event['@timestamp'] ?? ''));
  if (!Number.isFinite(at)) return [];
  const range = around(at, WINDOW_MS);
  return CANDIDATES.flatMap(({ label, fields }) => {
    for (const field of fields) {
      const value = valueAt(event, field);
      if (isScalar(value) && String(value) !== '') {
        const text = String(value);
        return [{ label, field, value: text, href: searchHref(filterTerm(field, text), range) }];
      }
    }
    return [];
  });
}

/** "Search for this value": the value's field over the 30 days around the event. */
export function valueSearchHref(field: string, value: unknown, eventMs: number, negate = false): string {
  const text = isScalar(value) ? value : JSON.stringify(value);
  const range = Number.isFinite(eventMs) ? around(eventMs, 15 * 24 * WINDOW_MS) : { from: 'now-30d', to: 'now' };
  return searchHref(filterTerm(field, text, negate), range);
}
