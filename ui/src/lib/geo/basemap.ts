import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { NAME_TO_ALPHA2, NUMERIC_TO_ALPHA2 } from './country-codes.ts';

/**
 * The offline basemap: Natural Earth country shapes from the world-atlas package (TopoJSON),
 * turned into GeoJSON in the browser. Each country carries its alpha-2 code so the choropleth can
 * join the API's per-country counts, and a `count` the map page fills in.
 */
export interface CountryProperties {
  name: string;
  /** ISO 3166-1 alpha-2, '' when the shape has no code. */
  code: string;
  count: number;
}

export type CountryFeatures = FeatureCollection<Polygon | MultiPolygon, CountryProperties>;

/** Antarctica: no events come from it, and its ring along the ±180° edge only distorts the map. */
const LEFT_OUT = new Set(['010']);

export function countriesFromTopology(topology: Topology): CountryFeatures {
  const object = topology.objects.countries as GeometryCollection<{ name: string }>;
  const collection = feature(topology, object) as FeatureCollection<Polygon | MultiPolygon, { name: string }>;
  const features = collection.features
    .filter((shape) => !LEFT_OUT.has(String(shape.id ?? '')))
    .map((shape): Feature<Polygon | MultiPolygon, CountryProperties> => {
      const name = shape.properties?.name ?? '';
      const code = NUMERIC_TO_ALPHA2[String(shape.id ?? '')] ?? NAME_TO_ALPHA2[name] ?? '';
      return { type: 'Feature', geometry: unwrapGeometry(shape.geometry), properties: { name, code, count: 0 } };
    });
  return { type: 'FeatureCollection', features };
}

/**
 * Rings that cross the antimeridian (Russia, Fiji) jump from +180 to -180 between two points,
 * which a flat map draws as a band across the world; continuing past ±180 draws them whole.
 */
export function unwrapRing(ring: readonly Position[]): Position[] {
  let previous: number | undefined;
  return ring.map(([lon = 0, lat = 0]) => {
    let x = lon;
    if (previous !== undefined) {
      while (x - previous > 180) x -= 360;
      while (x - previous < -180) x += 360;
    }
    previous = x;
    return [x, lat];
  });
}

function unwrapGeometry(geometry: Polygon | MultiPolygon): Polygon | MultiPolygon {
  if (geometry.type === 'Polygon') return { type: 'Polygon', coordinates: geometry.coordinates.map(unwrapRing) };
  return {
    type: 'MultiPolygon',
    coordinates: geometry.coordinates.map((polygon) => polygon.map(unwrapRing)),
  };
}

/** Fetches the shapes shipped with the UI (a static asset of the build: no tile server, no network). */
export async function loadCountries(fetcher: typeof fetch = fetch): Promise<CountryFeatures> {
  const { default: url } = await import('world-atlas/countries-110m.json?url');
  const response = await fetcher(url);
  if (!response.ok) throw new Error(`basemap: ${response.status} for ${url}`);
  return countriesFromTopology((await response.json()) as Topology);
}

/** The same shapes with each country's event count (0 for countries without events). */
export function withCounts(
  countries: CountryFeatures,
  counts: readonly { code: string; count: number }[],
): CountryFeatures {
  const byCode = new Map(counts.map((entry) => [entry.code.toUpperCase(), entry.count]));
  return {
    type: 'FeatureCollection',
    features: countries.features.map((shape) => ({
      ...shape,
      properties: { ...shape.properties, count: byCode.get(shape.properties.code) ?? 0 },
    })),
  };
}
