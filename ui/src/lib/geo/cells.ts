import type { FeatureCollection, Point } from 'geojson';

/**
 * The server's grid cells (`GET /geo`) as map data: one point per cell at the cell's centroid of
 * events, sized by count on a square-root scale so a 10x busier cell is ~3x wider, not 10x.
 */
export interface GeoCell {
  lat: number;
  lon: number;
  count: number;
  bbox: number[];
}

export interface CellProperties {
  count: number;
  radius: number;
  index: number;
}

export const MIN_RADIUS = 9;
export const MAX_RADIUS = 34;

export function cellRadius(count: number, maxCount: number): number {
  if (maxCount <= 1) return MIN_RADIUS;
  const share = Math.sqrt(Math.max(0, count - 1) / (maxCount - 1));
  return Math.round(MIN_RADIUS + share * (MAX_RADIUS - MIN_RADIUS));
}

export function cellsToGeoJson(cells: readonly GeoCell[]): FeatureCollection<Point, CellProperties> {
  const max = cells.reduce((most, cell) => Math.max(most, cell.count), 0);
  return {
    type: 'FeatureCollection',
    features: cells.map((cell, index) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [cell.lon, cell.lat] },
      properties: { count: cell.count, radius: cellRadius(cell.count, max), index },
    })),
  };
}

export function cellTotal(cells: readonly GeoCell[]): number {
  return cells.reduce((sum, cell) => sum + cell.count, 0);
}

/** 1234 -> "1.2k": cluster labels stay short. */
export function shortCount(count: number): string {
  if (count < 1000) return String(count);
  if (count < 1_000_000) return `${trim(count / 1000)}k`;
  return `${trim(count / 1_000_000)}M`;
}

function trim(value: number): string {
  return value >= 100 ? String(Math.round(value)) : String(Math.round(value * 10) / 10);
}

/** The API's grid zoom for the map's zoom (the grid is defined for 0..12). */
export function gridZoom(mapZoom: number): number {
  return Math.max(0, Math.min(12, Math.round(mapZoom)));
}

/** Steps of the choropleth: five colour classes up to the busiest country. */
export function choroplethBreaks(maxCount: number): number[] {
  if (maxCount <= 0) return [1, 2, 3, 4, 5];
  // maplibre's `step` needs strictly increasing stops, also when the busiest country has few events.
  const breaks: number[] = [];
  for (const share of [0.05, 0.15, 0.3, 0.6, 1]) {
    breaks.push(Math.max(Math.ceil(maxCount * share), (breaks.at(-1) ?? 0) + 1));
  }
  return breaks;
}
