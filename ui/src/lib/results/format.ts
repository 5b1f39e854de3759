import { formatUtc } from '../time/range.ts';
import { displayValue, valueAt } from '../events/field-path.ts';

/** How values read in the results table and the pipe tables. */
export function formatTimestamp(value: unknown): string {
  const ms = typeof value === 'number' ? value : Date.parse(String(value ?? ''));
  if (!Number.isFinite(ms)) return displayValue(value);
  const text = new Date(ms).toISOString();
  return `${formatUtc(ms)}.${text.slice(20, 23)}`;
}

export function cellText(event: unknown, field: string): string {
  const value = valueAt(event, field);
  if (field === '@timestamp') return formatTimestamp(value);
  return displayValue(value);
}

/** A table cell from a pipe: `_time` buckets are epoch ms, percents get two decimals. */
export function tableCell(column: string, value: string | number | null): string {
  if (value === null) return '';
  if (column === '_time') return formatTimestamp(value);
  if (column === 'percent' && typeof value === 'number') return `${value.toFixed(2)} %`;
  if (typeof value === 'number' && !Number.isInteger(value)) return String(Math.round(value * 1000) / 1000);
  return String(value);
}

export function formatCount(count: number, relation: 'eq' | 'gte' = 'eq'): string {
  return `${relation === 'gte' ? '≥ ' : ''}${count.toLocaleString('en-US')}`;
}
