import type { Bbox, ViewState } from '../state/url-state.ts';
import { andTerms, filterTerm } from '../query/add-filter.ts';
import { joinQuery, splitPipes } from '../query/split-pipes.ts';

/**
 * The map's cross-filters as query text: a box is two ranges on the location's coordinates, a
 * country is an exact match on its ISO code. They are added to the user's query for the chart and
 * the result list beside the map, never written into the query bar.
 */
export function areaTerm(bbox: Bbox): string {
  const [minLon, minLat, maxLon, maxLat] = bbox.map(fixed);
  return `source.geo.location.lat:[${minLat} TO ${maxLat}] AND source.geo.location.lon:[${minLon} TO ${maxLon}]`;
}

export function countryTerm(code: string): string {
  return filterTerm('source.geo.country_iso_code', code.toUpperCase());
}

/** The user's query narrowed by the map's area and country filters (pipes kept at the end). */
export function withMapFilters(state: Pick<ViewState, 'q' | 'area' | 'country'>): string {
  const { filter, pipes } = splitPipes(state.q);
  let narrowed = filter;
  if (state.area) narrowed = andTerms(narrowed, areaTerm(state.area));
  if (state.country) narrowed = andTerms(narrowed, countryTerm(state.country));
  return joinQuery(narrowed, pipes);
}

/** A box drawn by dragging, in either direction, clamped to the world. */
export function normalizeBox(a: { lng: number; lat: number }, b: { lng: number; lat: number }): Bbox {
  const clampLon = (value: number) => Math.max(-180, Math.min(180, value));
  const clampLat = (value: number) => Math.max(-90, Math.min(90, value));
  return [
    clampLon(Math.min(a.lng, b.lng)),
    clampLat(Math.min(a.lat, b.lat)),
    clampLon(Math.max(a.lng, b.lng)),
    clampLat(Math.max(a.lat, b.lat)),
  ];
}

export function describeBox(bbox: Bbox): string {
  const [minLon, minLat, maxLon, maxLat] = bbox.map((n) => n.toFixed(2));
  return `lat ${minLat}…${maxLat}, lon ${minLon}…${maxLon}`;
}

function fixed(value: number): string {
  return String(Math.round(value * 10_000) / 10_000);
}
