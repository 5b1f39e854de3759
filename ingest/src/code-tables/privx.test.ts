import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { categoriesForCodeRange, classifyPrivxCode } from './privx-ecs.ts';
import { actionSlug, allPrivxCodes, normalizePrivxCode, parsePrivxSeverity, privxCode } from './privx.ts';

const fixture = (path: string) => readFileSync(new URL(`../../../test/fixtures/${path}`, import.meta.url), 'utf8');
const CATALOG_CSV = fixture('vendor/privx.event_codes.csv');
const CATALOG = parse<{ NAME: string; CODE: string; SEVERITY: string; ORIGIN: string; DESCRIPTION: string }>(
  CATALOG_CSV,
  { columns: true, skip_empty_lines: true },
);
const SEED = fixture('seeds/004_b6dbcb8e999cf56d.txt');

/** Seed 004 lists `NAME` `CODE` `DESCRIPTION` run together on one line: `License-error0The system …`. */
function seedCodes(text: string): { name: string; code: string }[] {
  return text
    .split('\n')
    .map((line) => /^([A-Za-z][A-Za-z-]*?)(\d+)(\D.*)?$/.exec(line.trim()))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ name: match[1] ?? '', code: match[2] ?? '' }));
}

const ECS_CATEGORIES = new Set(
  'authentication iam configuration session web network process file host database intrusion_detection malware package threat vulnerability api'.split(
    ' ',
  ),
);
const ECS_TYPES = new Set(
  'start end info creation deletion change access admin allowed denied error user group installation connection protocol indicator'.split(
    ' ',
  ),
);
const LEVELS = ['emergency', 'alert', 'critical', 'error', 'warning', 'notice', 'info', 'debug'];

describe('privx code table', () => {
  it('ships a byte-identical copy of the vendor catalog fixture', () => {
    const runtimeCopy = readFileSync(new URL('./privx-event-codes.csv', import.meta.url), 'utf8');
    expect(runtimeCopy).toBe(CATALOG_CSV);
  });

  it('maps every code of the vendor catalog with its name, description, severity and origin', () => {
    expect(CATALOG).toHaveLength(265);
    for (const row of CATALOG) {
      const entry = privxCode(row.CODE);
      expect(entry, `code ${row.CODE}`).toBeDefined();
      expect(entry?.name).toBe(row.NAME);
      expect(entry?.description).toBe(row.DESCRIPTION);
      expect(entry?.action).toBe(row.NAME.toLowerCase().replace(/-/g, '_'));
      const number = /\((\d)\)$/.exec(row.SEVERITY)?.[1];
      expect(entry?.severity, `severity of ${row.CODE}`).toBe(number === undefined ? undefined : Number(number));
      if (entry?.severity !== undefined) expect(entry.level).toBe(LEVELS[entry.severity]);
      expect(entry?.origin.join(', ')).toBe(row.ORIGIN);
    }
  });

  it('maps every code of seed 004 (v24 reference) under the same name', () => {
    const codes = seedCodes(SEED);
    expect(codes.length).toBe(145);
    expect(codes[0]).toEqual({ name: 'License-error', code: '0' });
    expect(codes.at(-1)).toEqual({ name: 'Settings-modified', code: '1501' });
    for (const { name, code } of codes) {
      expect(privxCode(code)?.name, `seed code ${code}`).toBe(name);
    }
  });

  it('gives every code ECS category, type and outcome from the allowed values', () => {
    const entries = allPrivxCodes();
    expect(entries).toHaveLength(267);
    for (const entry of entries) {
      expect(entry.category.length, `category of ${entry.code} ${entry.name}`).toBeGreaterThan(0);
      expect(entry.category.every((c) => ECS_CATEGORIES.has(c))).toBe(true);
      expect(entry.type.length).toBeGreaterThan(0);
      expect(entry.type.every((t) => ECS_TYPES.has(t))).toBe(true);
      expect(['success', 'failure', 'unknown']).toContain(entry.outcome);
    }
  });

  it('keeps the codes only seed 004 documents, without inventing a severity', () => {
    expect(privxCode('520')).toMatchObject({
      name: 'User-authenticated',
      category: ['authentication'],
      outcome: 'success',
    });
    expect(privxCode('521')).toMatchObject({ type: ['error'], outcome: 'failure', origin: [] });
    expect(privxCode('521')?.severity).toBeUndefined();
  });

  it('reads the catalog severity column on the syslog scale', () => {
    expect(privxCode('0')).toMatchObject({ severity: 2, level: 'critical' });
    expect(privxCode('325')).toMatchObject({ severity: 1, level: 'alert' });
    expect(privxCode('102')).toMatchObject({ severity: 4, level: 'warning' });
    expect(privxCode('100')).toMatchObject({ severity: 6, level: 'info' });
    // The catalog's `0` for 282 is a placeholder, not an emergency.
    expect(privxCode('282')?.severity).toBeUndefined();
    expect(privxCode('282')?.level).toBeUndefined();
  });

  it('splits the origin services', () => {
    expect(privxCode('802')?.origin).toEqual(['Host Store']);
    expect(privxCode('0')?.origin).toContain('License Manager');
    expect(privxCode('99')?.origin).toEqual([]);
  });

  it('classifies representative codes', () => {
    const expected: [string, string[], string[], string][] = [
      ['0', ['configuration'], ['error'], 'failure'],
      ['10', ['process'], ['start'], 'success'],
      ['100', ['authentication'], ['start'], 'success'],
      ['101', ['authentication'], ['end'], 'success'],
      ['102', ['authentication'], ['error'], 'failure'],
      ['130', ['authentication'], ['denied'], 'failure'],
      ['201', ['iam'], ['creation', 'group'], 'success'],
      ['220', ['iam'], ['change', 'user'], 'success'],
      ['302', ['session'], ['denied'], 'failure'],
      ['310', ['session'], ['start'], 'success'],
      ['311', ['session'], ['end'], 'success'],
      ['321', ['file'], ['access'], 'success'],
      ['325', ['authentication'], ['denied'], 'failure'],
      ['500', ['iam'], ['creation', 'user'], 'success'],
      ['802', ['host'], ['change'], 'success'],
      ['930', ['session', 'intrusion_detection'], ['denied'], 'failure'],
      ['1006', ['file'], ['error'], 'failure'],
      ['1402', ['iam'], ['access'], 'success'],
      ['1501', ['configuration'], ['change'], 'success'],
      ['1803', ['process'], ['denied'], 'failure'],
      ['2000', ['session', 'database'], ['start'], 'success'],
    ];
    for (const [code, category, type, outcome] of expected) {
      expect(privxCode(code), code).toMatchObject({ category, type, outcome });
    }
  });

  it('falls back to the code range when no name rule matches', () => {
    expect(classifyPrivxCode(250, 'RoleContext-usage-alert')).toEqual({
      category: ['iam'],
      type: ['info'],
      outcome: 'unknown',
    });
    expect(classifyPrivxCode(1750, 'Something-new')).toEqual({ category: ['iam'], type: ['info'], outcome: 'unknown' });
    expect(categoriesForCodeRange(305)).toEqual(['session']);
    expect(categoriesForCodeRange(9999)).toEqual([]);
  });

  it('looks codes up however the number is written, and knows what it does not know', () => {
    expect(privxCode(' 0802 ')?.name).toBe('Host-modified');
    expect(normalizePrivxCode('007')).toBe('7');
    expect(normalizePrivxCode(' abc ')).toBe('abc');
    expect(privxCode('9999')).toBeUndefined();
    expect(privxCode('')).toBeUndefined();
    expect(privxCode('not-a-code')).toBeUndefined();
  });

  it('slugs names into stable actions', () => {
    expect(actionSlug('License-error')).toBe('license_error');
    expect(actionSlug('User-MFA-challenge-sent')).toBe('user_mfa_challenge_sent');
    expect(actionSlug('SessionHost-Certificate-Added')).toBe('sessionhost_certificate_added');
    expect(actionSlug('--x  y--')).toBe('x_y');
  });

  it('parses PrivX severities in both spellings and refuses bare numbers', () => {
    expect(parsePrivxSeverity('Critical(2)')).toEqual({ severity: 2, level: 'critical' });
    expect(parsePrivxSeverity(' Info(6) ')).toEqual({ severity: 6, level: 'info' });
    expect(parsePrivxSeverity('INFO')).toEqual({ severity: 6, level: 'info' });
    expect(parsePrivxSeverity('warn')).toEqual({ severity: 4, level: 'warning' });
    expect(parsePrivxSeverity('Bogus(9)')).toBeUndefined();
    expect(parsePrivxSeverity('0')).toBeUndefined();
    expect(parsePrivxSeverity('loud')).toBeUndefined();
    expect(parsePrivxSeverity(6)).toBeUndefined();
  });
});
