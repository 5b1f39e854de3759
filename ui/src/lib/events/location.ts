import { valueAt } from './field-path.ts';

/** Where the event came from, when it has coordinates: for the pin and its caption. */
export interface EventLocation {
  lat: number;
  lon: number;
  label: string;
}

export function eventLocation(event: unknown): EventLocation | undefined {
  const point = valueAt(event, 'source.geo.location');
  if (point === null || typeof point !== 'object') return undefined;
  const { lat, lon } = point as { lat?: unknown; lon?: unknown };
  if (typeof lat !== 'number' || typeof lon !== 'number') return undefined;
  const names = ['source.geo.city_name', 'source.geo.country_name', 'source.geo.country_iso_code']
    .map((path) => valueAt(event, path))
    .filter((value): value is string => typeof value === 'string' && value !== '');
  return { lat, lon, label: names.slice(0, 2).join(', ') || 'Unknown place' };
}
