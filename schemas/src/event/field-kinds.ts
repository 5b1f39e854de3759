import { Type, type TSchema, type SchemaOptions } from '@sinclair/typebox';

/**
 * How a leaf field is stored and queried. The Avro schema, the SQLite DDL and the engine mapping
 * are all derived from these annotations, so a field's kind is declared exactly once.
 */
export type FieldKind =
  | 'keyword'
  | 'text'
  | 'long'
  | 'double'
  | 'date'
  | 'ip'
  | 'boolean'
  | 'geo_point'
  /** free-form vendor JSON: stored as is, every leaf searchable as text */
  | 'json'
  /** string -> string map (ECS `labels`) */
  | 'labels';

/**
 * `column: true` gives the field its own indexed SQLite column (the common, selective filters);
 * `'unindexed'` a column without an index (cheap to filter and group on, but every index slows
 * ingest, and low-cardinality ones such as the outcome rarely help a query).
 */
export interface FieldAnnotation {
  kind: FieldKind;
  column?: boolean | 'unindexed';
  /** Included in the full-text index (the message and other prose). */
  fulltext?: boolean;
}

export const VIGIL_KEY = 'x-vigil';

function annotate<T extends TSchema>(schema: T, annotation: FieldAnnotation): T {
  return { ...schema, [VIGIL_KEY]: annotation };
}

type Opts = SchemaOptions & { column?: boolean | 'unindexed'; fulltext?: boolean };

function split(opts: Opts | undefined): [SchemaOptions, Omit<FieldAnnotation, 'kind'>] {
  const { column, fulltext, ...rest } = opts ?? {};
  return [rest, { column, fulltext }];
}

export const F = {
  keyword(opts?: Opts) {
    const [o, a] = split(opts);
    return annotate(Type.String(o), { kind: 'keyword', ...a });
  },
  text(opts?: Opts) {
    const [o, a] = split(opts);
    return annotate(Type.String(o), { kind: 'text', ...a });
  },
  date(opts?: Opts) {
    const [o, a] = split(opts);
    return annotate(Type.String({ format: 'date-time', ...o }), { kind: 'date', ...a });
  },
  ip(opts?: Opts) {
    const [o, a] = split(opts);
    return annotate(Type.String(o), { kind: 'ip', ...a });
  },
  long(opts?: Opts) {
    const [o, a] = split(opts);
    return annotate(Type.Integer(o), { kind: 'long', ...a });
  },
  double(opts?: Opts) {
    const [o, a] = split(opts);
    return annotate(Type.Number(o), { kind: 'double', ...a });
  },
  boolean(opts?: Opts) {
    const [o, a] = split(opts);
    return annotate(Type.Boolean(o), { kind: 'boolean', ...a });
  },
  keywords(opts?: Opts) {
    const [o, a] = split(opts);
    return annotate(Type.Array(Type.String(), o), { kind: 'keyword', ...a });
  },
  json(opts?: SchemaOptions) {
    return annotate(Type.Record(Type.String(), Type.Unknown(), opts), { kind: 'json' });
  },
  labels(opts?: SchemaOptions) {
    return annotate(Type.Record(Type.String(), Type.String(), opts), { kind: 'labels' });
  },
  geoPoint(opts?: Opts) {
    const [o, a] = split(opts);
    return annotate(Type.Object({ lat: Type.Number(), lon: Type.Number() }, o), { kind: 'geo_point', ...a });
  },
};

export function annotationOf(schema: TSchema): FieldAnnotation | undefined {
  return (schema as Record<string, unknown>)[VIGIL_KEY] as FieldAnnotation | undefined;
}
