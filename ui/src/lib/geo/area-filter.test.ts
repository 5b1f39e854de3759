import { describe, expect, it } from 'vitest';
import { areaTerm, countryTerm, describeBox, normalizeBox, withMapFilters } from './area-filter.ts';

describe('map filters as query text', () => {
  it('writes a box as coordinate ranges and a country as its code', () => {
    expect(areaTerm([-10.123456, -35, 20, 60.5])).toBe(
      'source.geo.location.lat:[-35 TO 60.5] AND source.geo.location.lon:[-10.1235 TO 20]',
    );
    expect(countryTerm('de')).toBe('source.geo.country_iso_code:DE');
  });

  it('narrows the query, keeping its pipes last', () => {
    expect(withMapFilters({ q: '', area: undefined, country: 'JP' })).toBe('source.geo.country_iso_code:JP');
    expect(withMapFilters({ q: 'a OR b | head 5', area: [0, 0, 1, 1], country: undefined })).toBe(
      '(a OR b) AND source.geo.location.lat:[0 TO 1] AND source.geo.location.lon:[0 TO 1] | head 5',
    );
    expect(withMapFilters({ q: 'x', area: undefined, country: undefined })).toBe('x');
  });

  it('normalizes a box dragged in any direction and clamps it to the world', () => {
    expect(normalizeBox({ lng: 20, lat: -10 }, { lng: -200, lat: 95 })).toEqual([-180, -10, 20, 90]);
    expect(describeBox([1, 2, 3, 4])).toBe('lat 2.00…4.00, lon 1.00…3.00');
  });
});
