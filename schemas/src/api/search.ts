import { Type, type Static } from '@sinclair/typebox';
import { StoredEventSchema } from '../event/canonical-event.ts';

export const SearchQuerySchema = Type.Object({
  q: Type.Optional(Type.String({ default: '', maxLength: 4096, description: 'query language text, pipes allowed' })),
  from: Type.Optional(Type.String({ default: 'now-24h', description: 'ISO 8601 time or relative (now-15m, now-7d)' })),
  to: Type.Optional(Type.String({ default: 'now' })),
  size: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000, default: 100 })),
  cursor: Type.Optional(
    Type.String({
      maxLength: 16384,
      description: 'the cursor of the previous page (opaque; engine cursors carry a point in time)',
    }),
  ),
  sort: Type.Optional(
    Type.String({ maxLength: 200, description: 'comma-separated fields, `-` prefix for descending' }),
  ),
});
export type SearchQuery = Static<typeof SearchQuerySchema>;

export const TableSchema = Type.Object({
  columns: Type.Array(Type.String()),
  rows: Type.Array(Type.Array(Type.Union([Type.String(), Type.Number(), Type.Null()]))),
  timechart: Type.Optional(Type.Object({ span_ms: Type.Integer(), series_field: Type.Optional(Type.String()) })),
});
export type Table = Static<typeof TableSchema>;

export const SearchResponseSchema = Type.Object(
  {
    total: Type.Integer({ description: 'matching events (or table rows), exact up to total_relation' }),
    total_relation: Type.Union([Type.Literal('eq'), Type.Literal('gte')]),
    took_ms: Type.Number(),
    hits: Type.Array(StoredEventSchema),
    cursor: Type.Union([Type.String(), Type.Null()], { description: 'pass back for the next page; null at the end' }),
    table: Type.Optional(TableSchema),
    from: Type.String(),
    to: Type.String(),
  },
  { $id: 'SearchResponse' },
);
export type SearchResponse = Static<typeof SearchResponseSchema>;
