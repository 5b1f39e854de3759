import { displayValue } from './field-path.ts';

/**
 * Field changes as one readable diff, whatever vendor recorded them: authentik's
 * `authentik.changes` (`{field, old?, new?}` or `{field, added?, removed?, cleared?}`) and PrivX's
 * `privx.modifications` (`{field, old?, new?, change}`).
 */
export type ChangeKind = 'added' | 'removed' | 'modified' | 'cleared';

export interface ChangeRow {
  field: string;
  kind: ChangeKind;
  /** Text of the value before (absent when there was none). */
  old?: string;
  new?: string;
}

export interface ChangeSet {
  vendor: 'authentik' | 'privx';
  /** The field the list came from, for "search for this change". */
  path: string;
  rows: ChangeRow[];
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function text(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : displayValue(value);
}

/** An empty string before (authentik's "" for an unset text field) reads as "nothing before". */
function kindOf(old: string | undefined, next: string | undefined): ChangeKind {
  const had = old !== undefined && old !== '';
  const has = next !== undefined && next !== '';
  if (!had && has) return 'added';
  if (had && !has) return 'removed';
  return 'modified';
}

function authentikRows(entry: Record<string, unknown>): ChangeRow[] {
  const field = String(entry.field ?? '');
  if ('added' in entry || 'removed' in entry || 'cleared' in entry) {
    const rows: ChangeRow[] = [];
    if (entry.cleared === true) rows.push({ field, kind: 'cleared' });
    for (const item of list(entry.removed)) rows.push({ field, kind: 'removed', old: text(item) ?? '' });
    for (const item of list(entry.added)) rows.push({ field, kind: 'added', new: text(item) ?? '' });
    return rows;
  }
  const old = text(entry.old);
  const next = text(entry.new);
  return [
    {
      field,
      kind: kindOf(old, next),
      ...(old !== undefined ? { old } : {}),
      ...(next !== undefined ? { new: next } : {}),
    },
  ];
}

function privxRow(entry: Record<string, unknown>): ChangeRow {
  const old = text(entry.old);
  const next = text(entry.new);
  const declared = entry.change;
  const kind = declared === 'added' || declared === 'removed' || declared === 'modified' ? declared : kindOf(old, next);
  return {
    field: String(entry.field ?? ''),
    kind,
    ...(old !== undefined ? { old } : {}),
    ...(next !== undefined ? { new: next } : {}),
  };
}

export function changeSets(event: Record<string, unknown>): ChangeSet[] {
  const sets: ChangeSet[] = [];
  const authentik = list(record(event.authentik)?.changes).flatMap((entry) => {
    const fields = record(entry);
    return fields ? authentikRows(fields) : [];
  });
  if (authentik.length > 0) sets.push({ vendor: 'authentik', path: 'authentik.changes', rows: authentik });
  const privx = list(record(event.privx)?.modifications).flatMap((entry) => {
    const fields = record(entry);
    return fields ? [privxRow(fields)] : [];
  });
  if (privx.length > 0) sets.push({ vendor: 'privx', path: 'privx.modifications', rows: privx });
  return sets;
}
