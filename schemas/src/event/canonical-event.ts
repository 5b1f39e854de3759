import { Type, type Static } from '@sinclair/typebox';
import { F } from './field-kinds.ts';

/**
 * The canonical event: Elastic Common Schema names, the vendor's own fields under the vendor's name.
 * This is the one definition; Avro, SQLite DDL and the engine mapping are derived from it.
 */
export const SOURCES = ['authentik', 'privx', 'keeper', 'akeyless', 'czertainly', 'generic'] as const;
export type SourceName = (typeof SOURCES)[number];

const Opt = Type.Optional;

export const GeoSchema = Type.Object({
  location: Opt(F.geoPoint({ column: 'unindexed' })),
  country_iso_code: Opt(F.keyword({ column: true })),
  country_name: Opt(F.keyword()),
  city_name: Opt(F.keyword()),
  continent_name: Opt(F.keyword()),
  continent_code: Opt(F.keyword()),
  region_name: Opt(F.keyword()),
});

export const CanonicalEventSchema = Type.Object(
  {
    '@timestamp': F.date({ description: 'when the event happened, ISO 8601 UTC' }),
    event: Type.Object({
      id: Opt(F.keyword({ description: 'the vendor id of the event, when it has one' })),
      action: F.keyword({ column: true }),
      code: Opt(F.keyword({ column: true })),
      kind: F.keyword(),
      category: F.keywords({ column: 'unindexed' }),
      type: F.keywords(),
      outcome: Opt(F.keyword({ column: 'unindexed' })),
      severity: Opt(F.long({ column: 'unindexed' })),
      reason: Opt(F.text()),
      provider: Opt(F.keyword()),
      module: F.keyword({ column: true, description: 'the Vigil source: authentik, privx, ...' }),
      dataset: F.keyword(),
      created: Opt(F.date()),
      ingested: F.date(),
      original: Opt(F.text({ description: 'the raw input, scrubbed of secrets' })),
    }),
    message: Opt(F.text({ fulltext: true })),
    log: Opt(Type.Object({ level: Opt(F.keyword()) })),
    user: Opt(
      Type.Object({
        id: Opt(F.keyword()),
        name: Opt(F.keyword({ column: true })),
        email: Opt(F.keyword()),
        domain: Opt(F.keyword()),
        target: Opt(Type.Object({ id: Opt(F.keyword()), name: Opt(F.keyword()), email: Opt(F.keyword()) })),
        effective: Opt(Type.Object({ id: Opt(F.keyword()), name: Opt(F.keyword()), email: Opt(F.keyword()) })),
      }),
    ),
    source: Opt(
      Type.Object({
        ip: Opt(F.ip({ column: true })),
        port: Opt(F.long()),
        address: Opt(F.keyword()),
        domain: Opt(F.keyword()),
        geo: Opt(GeoSchema),
        as: Opt(
          Type.Object({
            number: Opt(F.long()),
            organization: Opt(Type.Object({ name: Opt(F.keyword()) })),
          }),
        ),
      }),
    ),
    destination: Opt(Type.Object({ ip: Opt(F.ip()), port: Opt(F.long()), address: Opt(F.keyword()) })),
    host: Opt(Type.Object({ name: Opt(F.keyword()), hostname: Opt(F.keyword()) })),
    http: Opt(
      Type.Object({
        request: Opt(Type.Object({ method: Opt(F.keyword()), id: Opt(F.keyword()) })),
        response: Opt(Type.Object({ status_code: Opt(F.long()) })),
      }),
    ),
    url: Opt(Type.Object({ path: Opt(F.keyword()), query: Opt(F.keyword()), original: Opt(F.keyword()) })),
    user_agent: Opt(Type.Object({ original: Opt(F.keyword()) })),
    service: Opt(Type.Object({ name: Opt(F.keyword()) })),
    observer: Opt(Type.Object({ vendor: Opt(F.keyword()), product: Opt(F.keyword()), hostname: Opt(F.keyword()) })),
    related: Opt(Type.Object({ ip: Opt(F.keywords()), user: Opt(F.keywords()), hosts: Opt(F.keywords()) })),
    labels: Opt(F.labels()),
    tags: Opt(F.keywords()),
    authentik: Opt(F.json()),
    privx: Opt(F.json()),
    keeper: Opt(F.json()),
    akeyless: Opt(F.json()),
    czertainly: Opt(F.json()),
    generic: Opt(F.json()),
  },
  { $id: 'CanonicalEvent', additionalProperties: false },
);

export type CanonicalEvent = Static<typeof CanonicalEventSchema>;

/** An event as the store returns it: the canonical event plus its deterministic document id. */
export const StoredEventSchema = Type.Composite([Type.Object({ id: Type.String() }), CanonicalEventSchema], {
  $id: 'StoredEvent',
});
export type StoredEvent = Static<typeof StoredEventSchema>;
