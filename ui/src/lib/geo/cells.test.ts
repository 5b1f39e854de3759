import { describe, expect, it } from 'vitest';
import {
  cellRadius,
  cellsToGeoJson,
  cellTotal,
  choroplethBreaks,
  gridZoom,
  MAX_RADIUS,
  MIN_RADIUS,
  shortCount,
} from './cells.ts';

const CELLS = [
  { lat: 52.5, lon: 13.4, count: 100, bbox: [0, 45, 22.5, 56.25] },
  { lat: -23.7, lon: 133.9, count: 1, bbox: [112.5, -33.75, 135, -22.5] },
];

describe('map cells', () => {
  it('become points sized on a square-root scale', () => {
    const geojson = cellsToGeoJson(CELLS);
    expect(geojson.features[0]?.geometry.coordinates).toEqual([13.4, 52.5]);
    expect(geojson.features.map((feature) => feature.properties.radius)).toEqual([MAX_RADIUS, MIN_RADIUS]);
    expect(cellRadius(25, 100)).toBeLessThan((MIN_RADIUS + MAX_RADIUS) / 2 + 1);
    expect(cellTotal(CELLS)).toBe(101);
  });

  it('labels counts briefly and maps zoom to the grid', () => {
    expect(shortCount(999)).toBe('999');
    expect(shortCount(1234)).toBe('1.2k');
    expect(shortCount(250_000)).toBe('250k');
    expect(shortCount(1_500_000)).toBe('1.5M');
    expect(gridZoom(-1)).toBe(0);
    expect(gridZoom(3.6)).toBe(4);
    expect(gridZoom(19)).toBe(12);
  });

  it('makes increasing choropleth breaks', () => {
    expect(choroplethBreaks(1000)).toEqual([50, 150, 300, 600, 1000]);
    expect(choroplethBreaks(2)).toEqual([1, 2, 3, 4, 5]);
    expect(choroplethBreaks(0)).toEqual([1, 2, 3, 4, 5]);
  });
});
