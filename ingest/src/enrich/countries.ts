import { continents, countries } from 'countries-list';

export interface CountryNames {
  country_iso_code: string;
  country_name: string;
  continent_code: string;
  continent_name: string;
}

const COUNTRY_TABLE: ReadonlyMap<string, CountryNames> = new Map(
  Object.entries(countries).map(([code, country]) => [
    code,
    {
      country_iso_code: code,
      country_name: country.name,
      continent_code: country.continent,
      continent_name: continents[country.continent],
    },
  ]),
);

const CONTINENT_TABLE: ReadonlyMap<string, string> = new Map(Object.entries(continents));

/**
 * English country and continent names for an ISO 3166-1 alpha-2 code (any case), or undefined for
 * a code that is not one (vendors send placeholders, "--", "XX").
 */
export function countryNames(isoCode: string | undefined): CountryNames | undefined {
  return isoCode === undefined ? undefined : COUNTRY_TABLE.get(isoCode.toUpperCase());
}

/** English name of a continent code (AF, AN, AS, EU, NA, OC, SA). */
export function continentName(code: string | undefined): string | undefined {
  return code === undefined ? undefined : CONTINENT_TABLE.get(code.toUpperCase());
}
