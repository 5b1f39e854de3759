import type { StyleSpecification } from 'maplibre-gl';
import type { CountryFeatures } from './basemap.ts';

/**
 * The map's style: a background and the country shapes from a GeoJSON source; nothing remote. It
 * has no `glyphs` and no `sprite`, so there can be no symbol (text/icon) layers: cluster counts are
 * HTML markers instead.
 */
export interface MapPalette {
  water: string;
  land: string;
  border: string;
  choropleth: readonly string[];
}

export const PALETTES: Readonly<Record<'dark' | 'light', MapPalette>> = {
  dark: {
    water: '#0b1220',
    land: '#1d2633',
    border: '#3a4656',
    choropleth: ['#243b55', '#2f5d8a', '#3a7fc0', '#f0a33a', '#e5566b'],
  },
  light: {
    water: '#dde8f3',
    land: '#f7f7f4',
    border: '#a8b3bf',
    choropleth: ['#d4e4f7', '#9cc3ec', '#5b9bd8', '#f0a33a', '#d9354e'],
  },
};

export function basemapStyle(countries: CountryFeatures, palette: MapPalette): StyleSpecification {
  return {
    version: 8,
    sources: { countries: { type: 'geojson', data: countries } },
    layers: [
      { id: 'water', type: 'background', paint: { 'background-color': palette.water } },
      { id: 'land', type: 'fill', source: 'countries', paint: { 'fill-color': palette.land } },
      { id: 'borders', type: 'line', source: 'countries', paint: { 'line-color': palette.border, 'line-width': 0.6 } },
    ],
  };
}
