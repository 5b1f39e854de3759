import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { classifyPrivxCode, type EcsCategory, type EcsOutcome, type EcsType } from './privx-ecs.ts';

/**
 * The PrivX audit event code table: the vendor catalog (`privx-event-codes.csv`, SSHcom
 * privx-reporter `events_all.csv`, 265 codes) plus the codes that only the v24 reference (seed 004)
 * documents, each with its ECS classification from privx-ecs.ts.
 */

export type SyslogLevel = 'emergency' | 'alert' | 'critical' | 'error' | 'warning' | 'notice' | 'info' | 'debug';

const SYSLOG_LEVELS: readonly SyslogLevel[] = [
  'emergency',
  'alert',
  'critical',
  'error',
  'warning',
  'notice',
  'info',
  'debug',
];

/** Spellings a PrivX severity may take besides the documented `Info(6)` form. */
const LEVEL_ALIASES: Readonly<Record<string, SyslogLevel>> = {
  emerg: 'emergency',
  crit: 'critical',
  err: 'error',
  warn: 'warning',
  informational: 'info',
};

export interface PrivxSeverity {
  /** Syslog scale, 0 emergency … 7 debug. */
  severity: number;
  level: SyslogLevel;
}

export interface PrivxCode extends Partial<PrivxSeverity> {
  code: string;
  /** The catalog NAME, e.g. `License-error`. */
  name: string;
  /** `name` as a stable event.action: lowercased, runs of non-alphanumerics become `_`. */
  action: string;
  description: string;
  /** The PrivX microservices that emit the code (empty when the catalog does not say). */
  origin: string[];
  category: EcsCategory[];
  type: EcsType[];
  outcome: EcsOutcome;
}

interface CatalogRow {
  NAME: string;
  CODE: string;
  SEVERITY: string;
  ORIGIN: string;
  DESCRIPTION: string;
}

/**
 * Documented in the v24 reference (seed 004) but absent from the newer vendor catalog. The seed
 * gives no severity or origin, so none is invented.
 */
const SEED_ONLY_ROWS: readonly CatalogRow[] = [
  { NAME: 'User-authenticated', CODE: '520', SEVERITY: '', ORIGIN: '', DESCRIPTION: 'User has been authenticated.' },
  {
    NAME: 'User-authentication-failed',
    CODE: '521',
    SEVERITY: '',
    ORIGIN: '',
    DESCRIPTION: 'User authentication has failed.',
  },
];

/**
 * Reads `Info(6)` (the catalog and the event attribute) or a bare level name (`INFO`, `warn`).
 * A bare number is refused: the catalog's one `0` is a placeholder, not an emergency.
 */
export function parsePrivxSeverity(value: unknown): PrivxSeverity | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim().toLowerCase();
  const withNumber = /^([a-z]+)\s*\((\d)\)$/.exec(text);
  if (withNumber) {
    const severity = Number(withNumber[2]);
    const level = SYSLOG_LEVELS[severity];
    return level ? { severity, level } : undefined;
  }
  const level = LEVEL_ALIASES[text] ?? SYSLOG_LEVELS.find((name) => name === text);
  return level ? { severity: SYSLOG_LEVELS.indexOf(level), level } : undefined;
}

export function actionSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/** `"0802"`, `" 802 "` and `802` name the same code; anything else is kept as given (trimmed). */
export function normalizePrivxCode(code: string): string {
  const trimmed = code.trim();
  return /^\d+$/.test(trimmed) ? String(Number(trimmed)) : trimmed;
}

function toEntry(row: CatalogRow): PrivxCode {
  const code = normalizePrivxCode(row.CODE);
  if (!/^\d+$/.test(code)) throw new Error(`privx code table: bad CODE ${JSON.stringify(row.CODE)}`);
  return {
    code,
    name: row.NAME.trim(),
    action: actionSlug(row.NAME),
    description: row.DESCRIPTION.trim(),
    ...parsePrivxSeverity(row.SEVERITY),
    origin: row.ORIGIN.split(',')
      .map((service) => service.trim())
      .filter((service) => service !== ''),
    ...classifyPrivxCode(Number(code), row.NAME),
  };
}

function loadTable(): ReadonlyMap<string, PrivxCode> {
  const csv = readFileSync(new URL('./privx-event-codes.csv', import.meta.url), 'utf8');
  const rows = parse<CatalogRow>(csv, { columns: true, skip_empty_lines: true, trim: true });
  const table = new Map<string, PrivxCode>();
  for (const row of [...rows, ...SEED_ONLY_ROWS]) {
    const entry = toEntry(row);
    if (table.has(entry.code)) throw new Error(`privx code table: duplicate code ${entry.code}`);
    table.set(entry.code, entry);
  }
  return table;
}

const TABLE = loadTable();

/** The table entry for an audit event code (as PrivX sends it: a string), or undefined. */
export function privxCode(code: string): PrivxCode | undefined {
  return TABLE.get(normalizePrivxCode(code));
}

/** Every known code, in catalog order. */
export function allPrivxCodes(): PrivxCode[] {
  return [...TABLE.values()];
}
