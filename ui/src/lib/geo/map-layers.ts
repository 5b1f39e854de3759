import type { AddLayerObject, ExpressionSpecification } from 'maplibre-gl';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import type { Bbox } from '../state/url-state.ts';
import { choroplethBreaks } from './cells.ts';
import type { MapPalette } from './map-style.ts';

/**
 * The layers the map page adds over the basemap: the choropleth (countries coloured by their event
 * count), the heat map (cells weighted by count) and the outline of the area filter. Clusters are
 * HTML markers, not a layer, so their counts need no font.
 */
export type MapMode = 'clusters' | 'heat' | 'choropleth';

export function choroplethColor(maxCount: number, palette: MapPalette): ExpressionSpecification {
  const breaks = choroplethBreaks(maxCount);
  const steps = breaks.flatMap((limit, index) => [limit, palette.choropleth[index] ?? palette.land]);
  return ['step', ['get', 'count'], palette.land, ...steps] as ExpressionSpecification;
}

export function choroplethLayer(maxCount: number, palette: MapPalette): AddLayerObject {
  return {
    id: 'choropleth',
    type: 'fill',
    source: 'countries',
    layout: { visibility: 'none' },
    paint: { 'fill-color': choroplethColor(maxCount, palette), 'fill-opacity': 0.85 },
  };
}

export function heatWeight(maxCount: number): ExpressionSpecification {
  return ['interpolate', ['linear'], ['get', 'count'], 0, 0, Math.max(1, maxCount), 1];
}

export function heatLayer(maxCount: number): AddLayerObject {
  return {
    id: 'heat',
    type: 'heatmap',
    source: 'cells',
    layout: { visibility: 'none' },
    paint: {
      'heatmap-weight': heatWeight(maxCount),
      'heatmap-intensity': 2,
      'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 0, 28, 8, 48],
      'heatmap-opacity': 0.85,
    },
  };
}

export const AREA_LAYER: AddLayerObject = {
  id: 'area',
  type: 'line',
  source: 'area',
  paint: { 'line-color': '#ffd166', 'line-width': 2, 'line-dasharray': [2, 1] },
};

export function areaGeoJson(bbox: Bbox | undefined): FeatureCollection<Polygon> {
  if (!bbox) return { type: 'FeatureCollection', features: [] };
  const [minLon, minLat, maxLon, maxLat] = bbox;
  const ring = [
    [minLon, minLat],
    [maxLon, minLat],
    [maxLon, maxLat],
    [minLon, maxLat],
    [minLon, minLat],
  ];
  const feature: Feature<Polygon> = {
    type: 'Feature',
    properties: {},
    geometry: { type: 'Polygon', coordinates: [ring] },
  };
  return { type: 'FeatureCollection', features: [feature] };
}

/** Which layers are visible in each mode. */
export function visibility(mode: MapMode): Record<'choropleth' | 'heat', 'visible' | 'none'> {
  return { choropleth: mode === 'choropleth' ? 'visible' : 'none', heat: mode === 'heat' ? 'visible' : 'none' };
}
