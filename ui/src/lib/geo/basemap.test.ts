import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Topology } from 'topojson-specification';
import { countriesFromTopology, unwrapRing, withCounts } from './basemap.ts';
import { NUMERIC_TO_ALPHA2 } from './country-codes.ts';
import { project, shapePath } from './svg-world.ts';

const require = createRequire(import.meta.url);
const topology = JSON.parse(readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8')) as Topology;
const countries = countriesFromTopology(topology);

describe('the offline basemap', () => {
  it('has every shipped country with its alpha-2 code, Antarctica left out', () => {
    const codes = countries.features.map((feature) => feature.properties.code);
    expect(countries.features).toHaveLength(176);
    for (const code of ['DE', 'US', 'JP', 'AU', 'BR', 'RU', 'XK']) expect(codes).toContain(code);
    expect(codes).not.toContain('AQ');
    expect(codes.filter((code) => code === '')).toHaveLength(2); // N. Cyprus, Somaliland
    expect(new Set(codes.filter((code) => code !== '')).size).toBe(174);
    const names = Object.fromEntries(
      countries.features.map((feature) => [feature.properties.code, feature.properties.name]),
    );
    expect(names).toMatchObject({ DE: 'Germany', JP: 'Japan', CI: "Côte d'Ivoire", GB: 'United Kingdom' });
  });

  it('maps numeric codes only to two-letter codes', () => {
    for (const [numeric, alpha2] of Object.entries(NUMERIC_TO_ALPHA2)) {
      expect(numeric).toMatch(/^\d{3}$/);
      expect(alpha2).toMatch(/^[A-Z]{2}$/);
    }
  });

  it('draws rings across the antimeridian without a jump', () => {
    expect(
      unwrapRing([
        [179, 60],
        [-179, 61],
        [-178, 62],
      ]),
    ).toEqual([
      [179, 60],
      [181, 61],
      [182, 62],
    ]);
    const russia = countries.features.find((feature) => feature.properties.code === 'RU');
    const rings = russia?.geometry.type === 'MultiPolygon' ? russia.geometry.coordinates.flat() : [];
    for (const ring of rings) {
      for (let i = 1; i < ring.length; i++)
        expect(Math.abs((ring[i]?.[0] ?? 0) - (ring[i - 1]?.[0] ?? 0))).toBeLessThan(180);
    }
  });

  it('joins per-country counts', () => {
    const counted = withCounts(countries, [{ code: 'de', count: 12 }]);
    expect(counted.features.find((feature) => feature.properties.code === 'DE')?.properties.count).toBe(12);
    expect(counted.features.find((feature) => feature.properties.code === 'FR')?.properties.count).toBe(0);
  });

  it('projects the world flat for the mini map', () => {
    expect(project([-180, 84])).toEqual([0, 0]);
    expect(project([180, -60])).toEqual([360, 160]);
    expect(
      shapePath({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [10, 0],
            [10, 10],
            [0, 0],
          ],
        ],
      }),
    ).toBe('M180,93.3L190,93.3L190,82.2L180,93.3Z');
  });
});
