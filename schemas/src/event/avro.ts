import avro from 'avsc';
import { Kind, OptionalKind, type TSchema, type TObject } from '@sinclair/typebox';
import { annotationOf } from './field-kinds.ts';
import { CanonicalEventSchema, type CanonicalEvent } from './canonical-event.ts';
import { EnvelopeSchema, type Envelope } from './envelope.ts';

/** Avro names cannot start with `@`; `@timestamp` travels as `at_timestamp`. */
export function avroFieldName(name: string): string {
  return name.replace(/^@/, 'at_');
}

type AvroSchema = string | Record<string, unknown> | AvroSchema[];

function typeOf(schema: TSchema, name: string): AvroSchema {
  const annotation = annotationOf(schema);
  if (annotation?.kind === 'json') return { type: 'string', logicalType: 'vigil-json' };
  if (annotation?.kind === 'labels') return { type: 'map', values: 'string' };
  switch (schema[Kind]) {
    case 'String':
      return 'string';
    case 'Integer':
      return 'long';
    case 'Number':
      return 'double';
    case 'Boolean':
      return 'boolean';
    case 'Array':
      return { type: 'array', items: typeOf(schema.items as TSchema, name) };
    case 'Union':
      return { type: 'enum', name, symbols: (schema.anyOf as TSchema[]).map((s) => String(s.const)) };
    case 'Object':
      return recordOf(schema as TObject, name);
    default:
      throw new Error(`no avro type for ${name} (${String(schema[Kind])})`);
  }
}

function recordOf(schema: TObject, name: string): Record<string, unknown> {
  const fields = Object.entries(schema.properties).map(([key, child]) => {
    const type = typeOf(child, `${name}_${avroFieldName(key)}`);
    const optional = child[OptionalKind] === 'Optional';
    return optional
      ? { name: avroFieldName(key), type: ['null', type], default: null }
      : { name: avroFieldName(key), type };
  });
  return { type: 'record', name, fields };
}

/** Vendor JSON rides as a JSON string so any Avro consumer can read it without our schema's help. */
class JsonStringType extends avro.types.LogicalType {
  override _fromValue(value: unknown): unknown {
    return JSON.parse(value as string);
  }
  override _toValue(value: unknown): unknown {
    // Only objects belong here; anything else must not claim this union branch (null is absent).
    return value !== null && typeof value === 'object' ? JSON.stringify(value) : undefined;
  }
}

export const CANONICAL_EVENT_AVSC = { namespace: 'io.vigil', ...recordOf(CanonicalEventSchema, 'CanonicalEvent') };
export const ENVELOPE_AVSC = { namespace: 'io.vigil', ...recordOf(EnvelopeSchema, 'Envelope') };

const logicalTypes = { 'vigil-json': JsonStringType };
const eventType = avro.Type.forSchema(CANONICAL_EVENT_AVSC as avro.Schema, { logicalTypes });
const envelopeType = avro.Type.forSchema(ENVELOPE_AVSC as avro.Schema, { logicalTypes });

/** Renames keys for Avro on the way in, and drops the nulls Avro uses for absent optionals on the way out. */
function toAvro(value: unknown, schema: TSchema): unknown {
  if (schema[Kind] !== 'Object' || annotationOf(schema) || value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries((schema as TObject).properties)) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[avroFieldName(key)] = toAvro(v, child);
  }
  return out;
}

function fromAvro(value: unknown, schema: TSchema): unknown {
  if (schema[Kind] !== 'Object' || annotationOf(schema) || value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries((schema as TObject).properties)) {
    const v = (value as Record<string, unknown>)[avroFieldName(key)];
    if (v !== null && v !== undefined) out[key] = fromAvro(v, child);
  }
  return out;
}

export function encodeEvent(event: CanonicalEvent): Buffer {
  return eventType.toBuffer(toAvro(event, CanonicalEventSchema));
}

export function decodeEvent(buffer: Buffer): CanonicalEvent {
  return fromAvro(eventType.fromBuffer(buffer), CanonicalEventSchema) as CanonicalEvent;
}

export function encodeEnvelope(envelope: Envelope): Buffer {
  return envelopeType.toBuffer(toAvro(envelope, EnvelopeSchema));
}

export function decodeEnvelope(buffer: Buffer): Envelope {
  return fromAvro(envelopeType.fromBuffer(buffer), EnvelopeSchema) as Envelope;
}

/** The schema fingerprint carried in a Kafka header, so a consumer knows which schema wrote a record. */
export const CANONICAL_EVENT_FINGERPRINT = eventType.fingerprint('sha256').toString('hex');

/** The envelope schema's fingerprint, carried in a header on the raw Kafka topic. */
export const ENVELOPE_FINGERPRINT = envelopeType.fingerprint('sha256').toString('hex');
