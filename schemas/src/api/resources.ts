import { Type, type Static } from '@sinclair/typebox';
import { SOURCES } from '../event/canonical-event.ts';

export const SourceParamSchema = Type.Object({ source: Type.String({ maxLength: 64 }) });

export const IngestQuerySchema = Type.Object({
  wait: Type.Optional(Type.Boolean({ default: false, description: 'answer only once the events are searchable' })),
});

export const IngestResponseSchema = Type.Object(
  {
    accepted: Type.Integer(),
    rejected: Type.Array(Type.Object({ line: Type.Integer(), reason: Type.String() })),
  },
  { $id: 'IngestResponse' },
);
export type IngestResponse = Static<typeof IngestResponseSchema>;

export const FieldInfoSchema = Type.Object({
  name: Type.String(),
  type: Type.String(),
  count: Type.Integer({ description: 'events in the sample that have the field' }),
  indexed: Type.Boolean({ description: 'has its own index (fast filters)' }),
});
export const FieldsQuerySchema = Type.Object({
  from: Type.Optional(Type.String({ default: 'now-7d' })),
  to: Type.Optional(Type.String({ default: 'now' })),
  q: Type.Optional(Type.String({ default: '', maxLength: 4096 })),
});
export const FieldsResponseSchema = Type.Object(
  {
    fields: Type.Array(FieldInfoSchema),
    sampled: Type.Integer({ description: 'how many recent events the counts are taken from' }),
  },
  { $id: 'FieldsResponse' },
);
export type FieldsResponse = Static<typeof FieldsResponseSchema>;

export const SourcesResponseSchema = Type.Object(
  {
    sources: Type.Array(
      Type.Object({
        source: Type.Union(SOURCES.map((s) => Type.Literal(s))),
        count: Type.Integer(),
        first: Type.Union([Type.String(), Type.Null()]),
        last: Type.Union([Type.String(), Type.Null()]),
      }),
    ),
  },
  { $id: 'SourcesResponse' },
);
export type SourcesResponse = Static<typeof SourcesResponseSchema>;

export const DeadLetterSchema = Type.Object({
  seq: Type.Integer(),
  ingest_id: Type.String(),
  source: Type.String(),
  input: Type.String(),
  received_at: Type.String(),
  failed_at: Type.String(),
  reason: Type.String(),
  raw: Type.String(),
});
export const DeadLettersQuerySchema = Type.Object({
  size: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  before: Type.Optional(Type.Integer({ description: 'seq cursor: entries older than this' })),
});
export const DeadLettersResponseSchema = Type.Object(
  { total: Type.Integer(), dead_letters: Type.Array(DeadLetterSchema) },
  { $id: 'DeadLettersResponse' },
);
export type DeadLettersResponse = Static<typeof DeadLettersResponseSchema>;
export type DeadLetterEntry = Static<typeof DeadLetterSchema>;

export const HealthResponseSchema = Type.Object(
  {
    status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
    version: Type.String(),
    store: Type.Object({ kind: Type.String(), ok: Type.Boolean(), events: Type.Integer() }),
    pipeline: Type.Object({
      queued: Type.Integer(),
      records: Type.Integer(),
      events: Type.Integer(),
      written: Type.Integer(),
      dead_lettered: Type.Integer(),
    }),
  },
  { $id: 'HealthResponse' },
);
export type HealthResponse = Static<typeof HealthResponseSchema>;

export const EventParamsSchema = Type.Object({ id: Type.String({ maxLength: 200 }) });

export const GeoQuerySchema = Type.Object({
  q: Type.Optional(Type.String({ default: '', maxLength: 4096, description: 'a filter (no pipes)' })),
  from: Type.Optional(Type.String({ default: 'now-24h' })),
  to: Type.Optional(Type.String({ default: 'now' })),
  zoom: Type.Optional(Type.Integer({ minimum: 0, maximum: 12, default: 2, description: 'map zoom: grid cell size' })),
});
export const GeoResponseSchema = Type.Object(
  {
    total: Type.Integer({ description: 'matching events that have a location (the sum of the cell counts)' }),
    cells: Type.Array(
      Type.Object({
        lat: Type.Number({ description: 'mean latitude of the cell events' }),
        lon: Type.Number(),
        count: Type.Integer(),
        bbox: Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()], {
          description: '[minLon, minLat, maxLon, maxLat] of the grid cell',
        }),
      }),
    ),
    countries: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), count: Type.Integer() })),
  },
  { $id: 'GeoResponse' },
);
export type GeoResponse = Static<typeof GeoResponseSchema>;

export const TailQuerySchema = Type.Object({
  q: Type.Optional(Type.String({ default: '', maxLength: 4096, description: 'a filter (no pipes)' })),
});
