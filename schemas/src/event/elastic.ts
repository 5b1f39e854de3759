import { EVENT_FIELDS, fieldAt, type CatalogField } from './catalog.ts';
import type { FieldKind } from './field-kinds.ts';

/**
 * The Elasticsearch / OpenSearch index mapping, derived from the field catalog like the SQLite DDL
 * and the Avro schema. Both engines get the SAME mapping, so one query compiler serves both.
 *
 * - keyword fields use a lowercase normalizer: `user.name:Alice` finds `alice`, as NOCASE does in
 *   SQLite; aggregation keys of keyword fields therefore come back lowercased.
 * - text fields (message, event.reason, event.original) are analyzed, with a `.keyword` subfield for
 *   wildcards and regexes over the whole value.
 * - `body` is the free-text catch-all: every string and number leaf is copied into it (`copy_to`),
 *   except the message (searched on its own) and event.original (it repeats the parsed fields).
 * - vendor JSON (`privx`, `authentik`, ...) and `labels` are dynamic objects whose leaves are mapped
 *   by dynamic templates: every leaf becomes a normalized keyword, copied into `body`; leaves that
 *   arrive as JSON numbers also get a `.num` double subfield for numeric ranges and averages.
 *   `flattened` (ES) / `flat_object` (OpenSearch) were not chosen: neither takes a normalizer, they
 *   differ between the engines in which queries they support, and neither has numeric sub-values.
 *   The cost of dynamic leaves is mapping growth, bounded by `index.mapping.total_fields.limit`; a
 *   document beyond it is rejected alone and becomes a dead letter.
 * - malformed numbers, dates, IPs and points are kept in `_source` but not indexed
 *   (`ignore_malformed`) instead of rejecting the whole event.
 *
 * Only components every build has are used (the `standard` tokenizer and the `lowercase` filter):
 * the Elasticsearch integ-test build ships without the analysis-common module.
 */

export type EngineKind = 'elasticsearch' | 'opensearch';
export type EngineJson = Record<string, unknown>;

export const ENGINE_BODY_FIELD = 'body';
export const ENGINE_NUMERIC_SUBFIELD = 'num';
export const ENGINE_KEYWORD_SUBFIELD = 'keyword';
export const ENGINE_NORMALIZER = 'vigil_lowercase';
export const ENGINE_TEXT_ANALYZER = 'vigil_text';
/** Longer keyword values are kept but not indexed: Lucene refuses terms over 32766 bytes. */
export const ENGINE_KEYWORD_LIMIT = 8191;
export const ENGINE_TOTAL_FIELDS_LIMIT = 5000;

/** Declared keyword fields that usually hold numbers: they get a `.num` subfield for ranges. */
const NUMERIC_KEYWORDS = new Set(['event.code']);
/** Prose that is not copied into `body` (see above). */
const OUTSIDE_BODY = new Set(['message', 'event.original']);

const normalizedKeyword = (limit = ENGINE_KEYWORD_LIMIT): EngineJson => ({
  type: 'keyword',
  normalizer: ENGINE_NORMALIZER,
  ignore_above: limit,
});
const numericSubfield: EngineJson = { type: 'double', ignore_malformed: true };

function withBody(path: string, mapping: EngineJson): EngineJson {
  return OUTSIDE_BODY.has(path) ? mapping : { ...mapping, copy_to: ENGINE_BODY_FIELD };
}

const LEAF_MAPPINGS: Record<Exclude<FieldKind, 'json' | 'labels'>, (field: CatalogField) => EngineJson> = {
  keyword: (field) =>
    withBody(field.path, {
      ...normalizedKeyword(),
      ...(NUMERIC_KEYWORDS.has(field.path) ? { fields: { [ENGINE_NUMERIC_SUBFIELD]: numericSubfield } } : {}),
    }),
  text: (field) =>
    withBody(field.path, {
      type: 'text',
      analyzer: ENGINE_TEXT_ANALYZER,
      fields: { [ENGINE_KEYWORD_SUBFIELD]: normalizedKeyword() },
    }),
  long: (field) => withBody(field.path, { type: 'long', ignore_malformed: true }),
  double: (field) => withBody(field.path, { type: 'double', ignore_malformed: true }),
  // @timestamp must be a real date: it drives time ranges, sorting and index lifecycle.
  date: (field) =>
    withBody(field.path, { type: 'date', ...(field.path === '@timestamp' ? {} : { ignore_malformed: true }) }),
  ip: (field) =>
    withBody(field.path, {
      type: 'ip',
      ignore_malformed: true,
      fields: { [ENGINE_KEYWORD_SUBFIELD]: normalizedKeyword(256) },
    }),
  boolean: () => ({ type: 'boolean' }),
  geo_point: () => ({ type: 'geo_point', ignore_malformed: true }),
};

function leafMapping(field: CatalogField): EngineJson {
  if (field.kind === 'json' || field.kind === 'labels') return { type: 'object', dynamic: true };
  return LEAF_MAPPINGS[field.kind](field);
}

/** Vendor leaves: numbers keep a numeric view, booleans stay out of the free-text body. */
function dynamicTemplates(): EngineJson[] {
  const keywordLeaf = { ...normalizedKeyword(), copy_to: ENGINE_BODY_FIELD };
  const numberLeaf = { ...keywordLeaf, fields: { [ENGINE_NUMERIC_SUBFIELD]: numericSubfield } };
  return [
    { vigil_vendor_long: { match_mapping_type: 'long', mapping: numberLeaf } },
    { vigil_vendor_double: { match_mapping_type: 'double', mapping: numberLeaf } },
    { vigil_vendor_boolean: { match_mapping_type: 'boolean', mapping: normalizedKeyword() } },
    { vigil_vendor_string: { match_mapping_type: 'string', mapping: keywordLeaf } },
  ];
}

/** Nests `a.b.c` leaves into `properties` objects. */
function propertiesOf(fields: readonly CatalogField[]): EngineJson {
  const root: EngineJson = {};
  for (const field of fields) {
    const parts = field.path.split('.');
    let level = root;
    for (const part of parts.slice(0, -1)) {
      const node = (level[part] ??= { properties: {} }) as { properties: EngineJson };
      level = node.properties;
    }
    level[parts.at(-1) as string] = leafMapping(field);
  }
  return root;
}

/**
 * The `mappings` of an event index. The root is not dynamic: the canonical event has no other
 * fields, and only the vendor objects and labels map their leaves on the fly.
 */
export function elasticEventMappings(): EngineJson {
  return {
    dynamic: false,
    date_detection: false,
    numeric_detection: false,
    dynamic_templates: dynamicTemplates(),
    properties: {
      ...propertiesOf(EVENT_FIELDS),
      [ENGINE_BODY_FIELD]: { type: 'text', analyzer: ENGINE_TEXT_ANALYZER },
    },
  };
}

/** The `settings` of an event index: analysis components and mapping limits. */
export function elasticIndexSettings(options: { shards: number; replicas: number }): EngineJson {
  return {
    number_of_shards: options.shards,
    number_of_replicas: options.replicas,
    'mapping.total_fields.limit': ENGINE_TOTAL_FIELDS_LIMIT,
    'mapping.depth.limit': 32,
    analysis: {
      normalizer: { [ENGINE_NORMALIZER]: { type: 'custom', filter: ['lowercase'] } },
      analyzer: { [ENGINE_TEXT_ANALYZER]: { type: 'custom', tokenizer: 'standard', filter: ['lowercase'] } },
    },
  };
}

/** The dead-letter index: the record's bytes are kept, not indexed. */
export function elasticDeadLetterMappings(): EngineJson {
  const keyword = { type: 'keyword' };
  return {
    dynamic: false,
    properties: {
      seq: { type: 'long' },
      ingest_id: keyword,
      source: keyword,
      input: keyword,
      received_at: { type: 'date' },
      failed_at: { type: 'date' },
      reason: { type: 'text', fields: { [ENGINE_KEYWORD_SUBFIELD]: { type: 'keyword', ignore_above: 1024 } } },
      raw: { type: 'keyword', index: false, doc_values: false },
    },
  };
}

/** How a query addresses one dotted path in an event index. */
export interface EngineField {
  path: string;
  /** The declared kind; undefined for vendor leaves and paths the catalog does not know. */
  kind: FieldKind | undefined;
  /** Whether the path is a vendor JSON (or labels) leaf, mapped by the dynamic templates. */
  vendor: boolean;
  /** The field that term, exists and sort address. */
  name: string;
  /** A whole-value keyword for wildcards, regexes, string ranges and grouping (text and ip fields). */
  keyword: string | undefined;
  /** A numeric view for ranges and numeric aggregates, when the mapping has one. */
  numeric: string | undefined;
}

export function engineFieldOf(path: string): EngineField {
  const declared = fieldAt(path);
  const vendor = declared !== undefined && (declared.kind === 'json' || declared.kind === 'labels');
  const kind = declared?.path === path ? declared.kind : undefined;
  const sub = (name: string) => `${path}.${name}`;
  const keyword =
    kind === 'text' || kind === 'ip' ? sub(ENGINE_KEYWORD_SUBFIELD) : kind === 'keyword' ? path : undefined;
  let numeric: string | undefined;
  if (kind === 'long' || kind === 'double' || kind === 'date') numeric = path;
  else if (vendor || NUMERIC_KEYWORDS.has(path)) numeric = sub(ENGINE_NUMERIC_SUBFIELD);
  return { path, kind, vendor, name: path, keyword: vendor ? path : keyword, numeric };
}
