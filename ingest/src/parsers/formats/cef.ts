import { toIsoTimestamp } from '../event-builder.ts';
import { monthIndex, yearlessToIso } from './yearless-time.ts';

/**
 * ArcSight Common Event Format:
 * `CEF:Version|Device Vendor|Device Product|Device Version|Device Event Class ID|Name|Severity|Extension`.
 * In the header `\|` and `\\` are escapes; in extension values `\=`, `\\`, `\n` and `\r` are (and a
 * stray `\|` is tolerated). A value runs up to the space before the next `key=`, so it may hold spaces.
 */
export interface CefRecord {
  version: string;
  deviceVendor: string;
  deviceProduct: string;
  deviceVersion: string;
  deviceEventClassId: string;
  name: string;
  severity: string;
  extensions: Record<string, string>;
}

const HEADER_FIELDS = 7;
const CEF_START = /(?:^|\s)(CEF:\d+\|)/;

/** Where a CEF payload starts in a line (after a syslog header, say), or -1. */
export function findCef(text: string): number {
  const match = CEF_START.exec(text);
  if (!match?.[1]) return -1;
  return match.index + match[0].length - match[1].length;
}

/** Reads `CEF:…` (the text must start with it); undefined when the header is incomplete. */
export function parseCef(text: string): CefRecord | undefined {
  if (!text.startsWith('CEF:')) return undefined;
  const { fields, rest } = splitHeader(text.slice('CEF:'.length));
  const [version, deviceVendor, deviceProduct, deviceVersion, deviceEventClassId, name, severity] = fields;
  if (severity === undefined || version === undefined || !/^\d+$/.test(version)) return undefined;
  return {
    version,
    deviceVendor: deviceVendor ?? '',
    deviceProduct: deviceProduct ?? '',
    deviceVersion: deviceVersion ?? '',
    deviceEventClassId: deviceEventClassId ?? '',
    name: name ?? '',
    severity: severity.trim(),
    extensions: parseExtensions(rest),
  };
}

/** The seven header fields, unescaped, and the extension text after the seventh unescaped pipe. */
function splitHeader(text: string): { fields: string[]; rest: string } {
  const fields: string[] = [];
  let current = '';
  let index = 0;
  for (; index < text.length && fields.length < HEADER_FIELDS; index++) {
    const char = text[index];
    const next = text[index + 1];
    if (char === '\\' && (next === '|' || next === '\\')) {
      current += next;
      index++;
    } else if (char === '|') {
      fields.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  // A header may end right after the severity without the trailing pipe.
  if (fields.length === HEADER_FIELDS - 1) fields.push(current);
  return { fields, rest: fields.length === HEADER_FIELDS ? text.slice(index) : '' };
}

/** A key is a run of name characters preceded by whitespace (or the start) and followed by `=`. */
const EXTENSION_KEY = /(?<=^|\s)([A-Za-z0-9_.[\]-]+)=/g;

export function parseExtensions(text: string): Record<string, string> {
  const keys = [...text.matchAll(EXTENSION_KEY)];
  const entries: [string, string][] = keys.map((match, i) => {
    const valueStart = match.index + match[0].length;
    const valueEnd = keys[i + 1]?.index ?? text.length;
    return [match[1] ?? '', unescapeValue(text.slice(valueStart, valueEnd).trimEnd())];
  });
  // fromEntries defines own properties, so a key such as `__proto__` stays an ordinary key.
  return Object.fromEntries(entries);
}

const VALUE_ESCAPES: Record<string, string> = { '=': '=', '\\': '\\', '|': '|', n: '\n', r: '\r' };

function unescapeValue(value: string): string {
  return value.replace(/\\([=\\|nr])/g, (_, char: string) => VALUE_ESCAPES[char] ?? char);
}

/**
 * CEF severity (0-10, or Low / Medium / High / Very-High) on the syslog scale. The CEF bands map as
 * Low 0-3 → 6 info, Medium 4-6 → 4 warning, High 7-8 → 3 error, Very-High 9-10 → 2 critical.
 * `Unknown` and anything else gives undefined.
 */
export function cefSeverityToSyslog(value: string): number | undefined {
  const text = value.trim();
  if (/^\d{1,2}$/.test(text)) {
    const level = Number(text);
    if (level > 10) return undefined;
    return level <= 3 ? 6 : level <= 6 ? 4 : level <= 8 ? 3 : 2;
  }
  return SEVERITY_WORDS[text.toLowerCase().replace(/[\s_-]+/g, '')];
}

/** Security severity words (CEF's, and the ones tickets and scanners use) on the syslog scale. */
export const SEVERITY_WORDS: Readonly<Record<string, number>> = {
  low: 6,
  medium: 4,
  moderate: 4,
  high: 3,
  veryhigh: 2,
  critical: 2,
};

/** CEF extension keys (short and long names) → ECS fields. Earlier keys win for the same field. */
export const CEF_TO_ECS = {
  rt: '@timestamp',
  receiptTime: '@timestamp',
  end: '@timestamp',
  endTime: '@timestamp',
  start: '@timestamp',
  startTime: '@timestamp',
  msg: 'message',
  message: 'message',
  act: 'event.action',
  deviceAction: 'event.action',
  outcome: 'event.outcome',
  eventOutcome: 'event.outcome',
  reason: 'event.reason',
  externalId: 'event.id',
  src: 'source.ip',
  sourceAddress: 'source.ip',
  c6a2: 'source.ip',
  spt: 'source.port',
  sourcePort: 'source.port',
  shost: 'source.domain',
  sourceHostName: 'source.domain',
  suser: 'user.name',
  sourceUserName: 'user.name',
  suid: 'user.id',
  sourceUserId: 'user.id',
  dst: 'destination.ip',
  destinationAddress: 'destination.ip',
  c6a3: 'destination.ip',
  dpt: 'destination.port',
  destinationPort: 'destination.port',
  dhost: 'destination.address',
  destinationHostName: 'destination.address',
  duser: 'user.target.name',
  destinationUserName: 'user.target.name',
  duid: 'user.target.id',
  destinationUserId: 'user.target.id',
  request: 'url.original',
  requestUrl: 'url.original',
  requestMethod: 'http.request.method',
  requestClientApplication: 'user_agent.original',
  dvchost: 'observer.hostname',
  deviceHostName: 'observer.hostname',
  deviceProcessName: 'service.name',
} as const;

const CEF_DATE = /^([A-Za-z]{3}) +(\d{1,2})(?: (\d{4}))? (\d{1,2}:\d{2}:\d{2}(?:\.\d{1,3})?)(?: +(\S+))?$/;

/**
 * A CEF date: epoch milliseconds, or `MMM dd [yyyy] HH:mm:ss[.SSS] [zone]`. Without a zone (or with
 * one V8 cannot read) it is UTC; without a year, see yearless-time.ts.
 */
export function parseCefTimestamp(value: string, referenceIso: string | undefined): string | undefined {
  const text = value.trim();
  if (/^\d+$/.test(text)) return toIsoTimestamp(text);
  const match = CEF_DATE.exec(text);
  if (!match) return toIsoTimestamp(text);
  const [, monthName = '', day = '', year, time = '', zone] = match;
  const month = monthIndex(monthName);
  if (month === undefined) return undefined;
  const utc = yearlessToIso(month, Number(day), time, referenceIso, year === undefined ? undefined : Number(year));
  if (utc === undefined || zone === undefined || /^(UTC|GMT|Z)$/i.test(zone)) return utc;
  const offsetMinutes = zoneOffsetMinutes(zone, utc);
  return offsetMinutes === undefined ? utc : new Date(Date.parse(utc) - offsetMinutes * 60_000).toISOString();
}

/** Minutes east of UTC for `+0200`, `-05:00`, or an abbreviation V8's date parser knows (EST, PDT…). */
function zoneOffsetMinutes(zone: string, utc: string): number | undefined {
  const numeric = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (numeric) return (numeric[1] === '-' ? -1 : 1) * (Number(numeric[2]) * 60 + Number(numeric[3]));
  const asUtc = Date.parse(`${utc.slice(0, 19).replace('T', ' ')} UTC`);
  const inZone = Date.parse(`${utc.slice(0, 19).replace('T', ' ')} ${zone}`);
  return Number.isFinite(asUtc) && Number.isFinite(inZone) ? (asUtc - inZone) / 60_000 : undefined;
}
