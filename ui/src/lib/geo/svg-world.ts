import type { MultiPolygon, Polygon, Position } from 'geojson';

/**
 * A flat (equirectangular) world drawn as SVG paths, for the event page's small location pin: no
 * WebGL, no map library, just the shipped country shapes.
 */
export interface Projection {
  width: number;
  height: number;
  /** Latitudes shown, north to south (the poles are cut to save space). */
  north: number;
  south: number;
}

export const WORLD: Projection = { width: 360, height: 160, north: 84, south: -60 };

export function project([lon, lat]: readonly number[], view: Projection = WORLD): [number, number] {
  const x = (((lon ?? 0) + 180) / 360) * view.width;
  const y = ((view.north - (lat ?? 0)) / (view.north - view.south)) * view.height;
  return [round(x), round(y)];
}

function ring(points: Position[], view: Projection): string {
  return points.map((point, index) => `${index === 0 ? 'M' : 'L'}${project(point, view).join(',')}`).join('') + 'Z';
}

export function shapePath(geometry: Polygon | MultiPolygon, view: Projection = WORLD): string {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.map((polygon) => polygon.map((points) => ring(points, view)).join('')).join('');
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
