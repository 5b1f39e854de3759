import type { QueryAst } from './ast.ts';
import { eventsQuery } from './compile-elastic-filter.ts';
import type { EsQuery } from './compile-elastic-leaf.ts';
import { QuerySyntaxError } from './syntax-error.ts';

/**
 * The map's aggregation in the engines: events with a location in map tiles (`geotile_grid`, the
 * engines' own grid of Web-Mercator tiles), each cell placed at the centroid of its events, and a
 * count per country.
 */

export const GEO_FIELD = 'source.geo.location';
const COUNTRY_FIELD = 'source.geo.country_iso_code';
const MAX_CELLS = 10_000;
const MAX_COUNTRIES = 300;

/** Tiles of `precision` (0-29): 2^precision tiles across, each with the centroid of its events. */
export function geoGridAggregation(precision: number): EsQuery {
  return {
    geotile_grid: { field: GEO_FIELD, precision, size: MAX_CELLS },
    aggs: { centroid: { geo_centroid: { field: GEO_FIELD } } },
  };
}

/** About four cells across a map tile, as the SQLite grid (360 / 2^(zoom + 2) degrees). */
export function precisionForZoom(zoom: number): number {
  return Math.max(0, Math.min(12, Math.floor(zoom))) + 2;
}

export function compileElasticGeo(
  ast: QueryAst,
  options: { fromMs: number; toMs: number; zoom: number },
): { query: EsQuery; aggs: Record<string, EsQuery>; precision: number } {
  const pipe = ast.pipes[0];
  if (pipe) throw QuerySyntaxError.at(pipe.loc, 'the map takes a filter only, without pipes');
  const precision = precisionForZoom(options.zoom);
  return {
    query: eventsQuery(ast.filter, options),
    aggs: {
      cells: geoGridAggregation(precision),
      countries: { terms: { field: COUNTRY_FIELD, size: MAX_COUNTRIES } },
    },
    precision,
  };
}

/** The [minLon, minLat, maxLon, maxLat] of a `z/x/y` tile key. */
export function tileBounds(key: string): [number, number, number, number] {
  const [z = 0, x = 0, y = 0] = key.split('/').map(Number);
  const tiles = 2 ** z;
  const lon = (column: number) => (column / tiles) * 360 - 180;
  const lat = (row: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * row) / tiles))) * 180) / Math.PI;
  return [lon(x), lat(y + 1), lon(x + 1), lat(y)];
}
