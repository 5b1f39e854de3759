import { columnName } from '@vigil/schemas';
import type { QueryAst } from './ast.ts';
import { filterSource, narrowByTimestamp, rowRange, whereClause, withTimeIndex } from './compile-sqlite-source.ts';
import { raw, sql } from './sql-fragment.ts';
import { QuerySyntaxError } from './syntax-error.ts';

const LAT = columnName('source.geo.location.lat');
const LON = columnName('source.geo.location.lon');
const COUNTRY = columnName('source.geo.country_iso_code');

/** Grid cell size in degrees for a map zoom level: about four cells across a tile. */
export function cellDegrees(zoom: number): number {
  return 360 / 2 ** (Math.max(0, Math.min(12, zoom)) + 2);
}

export interface GeoPlan {
  cellsSql: string;
  cellsParams: unknown[];
  countriesSql: string;
  countriesParams: unknown[];
}

/**
 * The map's server-side aggregation: events with a location grouped into a lat/lon grid (cluster
 * position = the mean of its events, so a cluster sits where its events are), and per country.
 */
export function compileSqliteGeo(ast: QueryAst, options: { fromMs: number; toMs: number; zoom: number }): GeoPlan {
  const pipe = ast.pipes[0];
  if (pipe) throw QuerySyntaxError.at(pipe.loc, 'the map takes a filter only, without pipes');
  const range = narrowByTimestamp(ast.filter, rowRange(options.fromMs, options.toMs));
  // Unfiltered, the whole map comes from the time index (it holds the location and the country).
  const source = withTimeIndex(filterSource(ast.filter, range), range);
  const cell = cellDegrees(options.zoom);
  const located = [...source.conditions, raw(`e.${LAT} IS NOT NULL`), raw(`e.${LON} IS NOT NULL`)];
  const cells = sql`SELECT CAST(floor(e.${raw(LAT)} / ${cell}) AS INTEGER) AS gy, CAST(floor(e.${raw(LON)} / ${cell}) AS INTEGER) AS gx, count(*) AS count, avg(e.${raw(LAT)}) AS lat, avg(e.${raw(LON)}) AS lon FROM ${source.from}${whereClause(located)} GROUP BY gy, gx`;
  const withCountry = [...source.conditions, raw(`e.${COUNTRY} IS NOT NULL`)];
  const countries = sql`SELECT upper(e.${raw(COUNTRY)}) AS code, count(*) AS count FROM ${source.from}${whereClause(withCountry)} GROUP BY code ORDER BY count DESC`;
  return {
    cellsSql: cells.text,
    cellsParams: [...cells.params],
    countriesSql: countries.text,
    countriesParams: [...countries.params],
  };
}
