import { SQLITE_COLUMNS, fieldAt, type FieldKind } from '@vigil/schemas';
import { raw, sql, type Sql } from './sql-fragment.ts';

/**
 * Where a field lives in the embedded store, and the SQL that reads it. Field names never reach the
 * SQL text: a field is either a catalog column (a name the schema chose) or a JSON path passed as a
 * parameter.
 */
export type FieldTarget =
  | { kind: 'timestamp'; path: string; fieldKind: 'date' }
  | { kind: 'column'; path: string; column: string; fieldKind: FieldKind }
  | { kind: 'array-column'; path: string; column: string; fieldKind: FieldKind }
  /** `fieldKind` is undefined for vendor JSON and other undeclared paths: values are typed by the JSON. */
  | { kind: 'json'; path: string; jsonPath: string; fieldKind: FieldKind | undefined };

const COLUMNS = new Map(SQLITE_COLUMNS.map((column) => [column.field.path, column]));

/** `privx.message.user_id` -> `$."privx"."message"."user_id"` (field names cannot contain quotes). */
export function jsonPathOf(path: string): string {
  return (
    '$' +
    path
      .split('.')
      .map((segment) => `."${segment}"`)
      .join('')
  );
}

export function resolveField(path: string): FieldTarget {
  if (path === '@timestamp') return { kind: 'timestamp', path, fieldKind: 'date' };
  if (path === '_id') return { kind: 'column', path, column: 'id', fieldKind: 'keyword' };
  const column = COLUMNS.get(path);
  if (column) {
    const kind = column.field.array ? 'array-column' : 'column';
    return { kind, path, column: column.name, fieldKind: column.field.kind };
  }
  const declared = fieldAt(path);
  const fieldKind = declared?.path === path ? declared.kind : undefined;
  return { kind: 'json', path, jsonPath: jsonPathOf(path), fieldKind };
}

/** Full-text fields (the message) are matched through the FTS5 column of the same name. */
export function isFullTextField(path: string): boolean {
  const declared = fieldAt(path);
  return declared?.path === path && declared.fulltext === true;
}

export function isNumericKind(kind: FieldKind | undefined): boolean {
  return kind === 'long' || kind === 'double';
}

/**
 * A condition on a field's value that holds when any of its values satisfies `test`: one value for
 * a scalar column, each element for an array column, and for JSON either the scalar at the path or
 * each element of the array there (json_each yields both, and nothing for a missing path).
 */
export function anyValue(target: FieldTarget, test: (value: Sql) => Sql): Sql {
  switch (target.kind) {
    case 'timestamp':
      return test(raw('e.ts'));
    case 'column':
      return test(raw(`e.${target.column}`));
    case 'array-column':
      return sql`EXISTS (SELECT 1 FROM json_each(e.${raw(target.column)}) WHERE ${test(raw('value'))})`;
    case 'json':
      return sql`EXISTS (SELECT 1 FROM json_each(e.doc, ${target.jsonPath}) WHERE ${test(raw('value'))})`;
  }
}

/** The field as one value per event (arrays as their JSON text), for sorting and aggregates. */
export function scalarValue(target: FieldTarget): Sql {
  switch (target.kind) {
    case 'timestamp':
      return raw('e.ts');
    case 'column':
    case 'array-column':
      return raw(`e.${target.column}`);
    case 'json':
      return sql`json_extract(e.doc, ${target.jsonPath})`;
  }
}

export function existsCondition(target: FieldTarget): Sql {
  switch (target.kind) {
    case 'timestamp':
      return raw('e.ts IS NOT NULL');
    case 'column':
      return raw(`e.${target.column} IS NOT NULL`);
    case 'array-column':
      return raw(`json_array_length(e.${target.column}) > 0`);
    case 'json':
      return sql`json_type(e.doc, ${target.jsonPath}) IS NOT NULL`;
  }
}

export interface GroupTerm {
  /** Joined after the FROM clause: one row per array element. */
  join?: Sql;
  value: Sql;
  /** Events without the field form no group (as in Splunk). */
  present: Sql;
}

/** A field to group by; array values count once per element (stats by event.category). */
export function groupTerm(target: FieldTarget, alias: string): GroupTerm {
  switch (target.kind) {
    case 'timestamp':
    case 'column': {
      const value = scalarValue(target);
      return { value, present: sql`${value} IS NOT NULL` };
    }
    case 'array-column':
      return {
        join: raw(`JOIN json_each(e.${target.column}) AS ${alias}`),
        value: raw(`${alias}.value`),
        present: raw(`${alias}.value IS NOT NULL`),
      };
    case 'json':
      return {
        join: sql`JOIN json_each(e.doc, ${target.jsonPath}) AS ${raw(alias)}`,
        value: raw(`${alias}.value`),
        present: raw(`${alias}.value IS NOT NULL`),
      };
  }
}

/**
 * A value as a number when it is one or is text that reads as one (event.code is a string), else
 * NULL, so numeric ranges and averages skip what is not a number.
 */
export function numericOf(value: Sql): Sql {
  return sql`(CASE WHEN typeof(${value}) IN ('integer', 'real') THEN ${value} WHEN typeof(${value}) = 'text' AND ${value} GLOB '[0-9+.-]*' AND ${value} GLOB '*[0-9]*' AND ${value} NOT GLOB '*[^0-9.eE+-]*' THEN CAST(${value} AS REAL) END)`;
}

/** The milliseconds of an ISO date-time held as text (dates other than @timestamp live in the doc). */
export function epochMsOf(value: Sql): Sql {
  return sql`CAST(round(unixepoch(${value}, 'subsec') * 1000) AS INTEGER)`;
}
