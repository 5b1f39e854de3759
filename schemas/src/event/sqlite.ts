import { EVENT_FIELDS, type CatalogField } from './catalog.ts';

/** A canonical-event field that the embedded store keeps in a column of its own. */
export interface SqliteColumn {
  name: string;
  field: CatalogField;
  sqlType: 'TEXT' | 'INTEGER' | 'REAL';
}

const SQL_TYPES: Record<string, SqliteColumn['sqlType']> = { long: 'INTEGER', double: 'REAL', boolean: 'INTEGER' };

/**
 * The embedded store's time-ordered key: `rowid = timestamp_ms * ROWID_SHIFT + (10 bits of the id's
 * hash)`. 1024 keeps rowids exact JavaScript integers until the year 2248.
 */
export const ROWID_SHIFT = 1024;

export function columnName(path: string): string {
  return 'f_' + path.replace(/[^A-Za-z0-9]/g, '_');
}

/**
 * The columns: one per `column: true` field; a geo point gets two (`….lat`, `….lon`) so the map's
 * grid aggregation and box filters read indexed numbers instead of JSON.
 */
export const SQLITE_COLUMNS: readonly SqliteColumn[] = EVENT_FIELDS.filter((f) => f.column).flatMap(
  (field): SqliteColumn[] => {
    if (field.kind === 'geo_point') {
      return (['lat', 'lon'] as const).map((axis) => {
        const path = `${field.path}.${axis}`;
        return { name: columnName(path), field: { ...field, path, kind: 'double' }, sqlType: 'REAL' };
      });
    }
    return [{ name: columnName(field.path), field, sqlType: field.array ? 'TEXT' : (SQL_TYPES[field.kind] ?? 'TEXT') }];
  },
);

/**
 * The time index: `ts` first, then what the unfiltered charts and the map read (with the rowid, which
 * every index holds), so a week's volume chart or map at 1M events reads ~40 MB of index, not ~4 GB
 * of rows.
 */
const TIME_INDEX_COLUMNS: readonly string[] = [
  'ts',
  columnName('source.geo.location.lat'),
  columnName('source.geo.location.lon'),
  columnName('source.geo.country_iso_code'),
];

/**
 * The embedded store's DDL. `rowid` is time-ordered (see ROWID_SHIFT), so time ranges and "newest first" are rowid ranges, and FTS5 can walk its index newest first.
 * `events_time` is narrow (see TIME_INDEX_COLUMNS): aggregations over a time range read it instead of
 * the ~2.5 KB rows.
 */
export function sqliteEventDdl(): string {
  // Field values match case-insensitively, so text columns (and their indexes) use NOCASE.
  const columns = SQLITE_COLUMNS.map(
    (c) => `  ${c.name} ${c.sqlType}${c.sqlType === 'TEXT' ? ' COLLATE NOCASE' : ''}`,
  ).join(',\n');
  const indexes = SQLITE_COLUMNS.filter((c) => c.field.column === true)
    .map((c) => `CREATE INDEX IF NOT EXISTS events_${c.name} ON events(${c.name}, rowid);`)
    .join('\n');
  return `
CREATE TABLE IF NOT EXISTS events (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  ts INTEGER NOT NULL,
  source TEXT NOT NULL,
  doc TEXT NOT NULL,
${columns}
);
${indexes}
CREATE INDEX IF NOT EXISTS events_time ON events(${TIME_INDEX_COLUMNS.join(', ')});
CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING fts5(
  message, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
);
`;
}
