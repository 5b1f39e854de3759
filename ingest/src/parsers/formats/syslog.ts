import { findCef, parseCef } from './cef.ts';
import { toIsoTimestamp } from '../event-builder.ts';
import { monthIndex, yearlessToIso } from './yearless-time.ts';

/**
 * A syslog line: RFC 5424, RFC 3164 (BSD; also its common variants without PRI, with a year or with
 * an ISO timestamp), or CEF, bare or after either header. Read here rather than by nsyslog-parser,
 * which drops RFC 5424 structured data holding escapes, stamps BSD lines with the current year in
 * the local zone, returns its times as Date objects, and gives up on PRI values above 191.
 */
export interface SyslogRecord {
  /** CEF when the message is CEF, whatever header (if any) came before it. */
  format: 'RFC5424' | 'RFC3164' | 'CEF' | 'unknown';
  /** The syslog header the line carried, if any (also set for CEF behind a header). */
  header?: 'RFC5424' | 'RFC3164';
  timestamp?: string;
  host?: string;
  appName?: string;
  pid?: string;
  msgId?: string;
  /** Facility keyword: kern, user, …, local7. */
  facility?: string;
  facilityCode?: number;
  /** Severity as a log.level name: emergency, alert, critical, error, warning, notice, info, debug. */
  severity?: string;
  severityCode?: number;
  priority?: number;
  structuredData: StructuredDataElement[];
  message: string;
  /** CEF header fields (version, deviceVendor, deviceProduct, deviceVersion, deviceEventClassID, name, severity). */
  cef?: Record<string, string>;
  cefExtensions?: Record<string, string>;
}

/** One RFC 5424 SD-ELEMENT: its SD-ID and its params; a param given twice keeps every value. */
export interface StructuredDataElement {
  $id: string;
  [param: string]: string | string[];
}

export interface SyslogOptions {
  /** When the line was received (envelope.received_at): RFC 3164 has no year, see yearless-time.ts. */
  receivedAt?: string;
}

export const SYSLOG_LEVELS = ['emergency', 'alert', 'critical', 'error', 'warning', 'notice', 'info', 'debug'] as const;

// prettier-ignore
const FACILITIES = [
  'kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp',
  'ntp', 'security', 'console', 'solaris-cron', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5',
  'local6', 'local7',
];

/** Level words of syslog and of common loggers (log4j, python, pino, Go) → syslog severity. */
// prettier-ignore
const LEVEL_WORDS: Readonly<Record<string, number>> = {
  emerg: 0, emergency: 0, panic: 0, alert: 1, crit: 2, critical: 2, fatal: 2, err: 3, error: 3, severe: 3,
  warn: 4, warning: 4, notice: 5, info: 6, information: 6, informational: 6, debug: 7, trace: 7, verbose: 7,
};

export function syslogSeverityFromName(name: string): number | undefined {
  return LEVEL_WORDS[name.trim().toLowerCase()];
}

const RFC5424_HEADER = /^<(\d{1,3})>(\d{1,2}) (\S+) (\S+) (\S+) (\S+) (\S+)(?: |$)/;
const PRI = /^<(\d{1,3})>/;
const BSD_TIME = /^([A-Za-z]{3}) +(\d{1,2})(?: (\d{4}))? (\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?)(?= |$) ?/;
const ISO_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2}))(?= |$) ?/i;
/** An RFC 3164 TAG: up to 48 name characters, an optional `[pid]`, then a colon. */
const TAG = /^([^\s[\]:]{1,48})(?:\[([^\]\s]*)\])?:(?: |$)/;
const HOSTNAME = /^[\w.:%@-]+$/;

export function parseSyslog(line: string, options: SyslogOptions = {}): SyslogRecord {
  const text = line.replace(/[\r\n]+$/, '');
  const record = parseRfc5424(text) ?? parseRfc3164(text, options.receivedAt) ?? unknownLine(text);
  return withCef(record);
}

function unknownLine(text: string): SyslogRecord {
  return { format: 'unknown', structuredData: [], message: text };
}

function priorityFields(value: number): Partial<SyslogRecord> {
  const facilityCode = value >> 3;
  const severityCode = value & 7;
  return {
    priority: value,
    facilityCode,
    facility: FACILITIES[facilityCode],
    severityCode,
    severity: SYSLOG_LEVELS[severityCode],
  };
}

/** `-` is RFC 5424's NILVALUE. */
function nil(value: string | undefined): string | undefined {
  return value === undefined || value === '-' || value === '' ? undefined : value;
}

function parseRfc5424(text: string): SyslogRecord | undefined {
  const match = RFC5424_HEADER.exec(text);
  if (!match) return undefined;
  const [header, pri, , timestamp, host, appName, pid, msgId] = match;
  if (Number(pri) > 191) return undefined;
  const afterHeader = text.slice(header.length);
  const data = readStructuredData(afterHeader);
  return {
    format: 'RFC5424',
    header: 'RFC5424',
    ...priorityFields(Number(pri)),
    timestamp: nil(timestamp) === undefined ? undefined : toIsoTimestamp(timestamp?.toUpperCase()),
    host: nil(host),
    appName: nil(appName),
    pid: nil(pid),
    msgId: nil(msgId),
    // Structured data that does not parse stays in the message rather than being lost.
    structuredData: data?.elements ?? [],
    message: (data ? data.rest : afterHeader).replace(/^\uFEFF/, ''),
  };
}

/**
 * RFC 5424 STRUCTURED-DATA: `-`, or `[SD-ID name="value" …]…` where values escape `"`, `\` and `]`
 * with a backslash. Undefined when the text does not start with well-formed structured data.
 */
function readStructuredData(text: string): { elements: StructuredDataElement[]; rest: string } | undefined {
  if (text === '-' || text.startsWith('- ')) return { elements: [], rest: text.slice(2) };
  const elements: StructuredDataElement[] = [];
  let index = 0;
  while (text[index] === '[') {
    const id = /^[^\s\]="]+/.exec(text.slice(index + 1))?.[0];
    if (id === undefined) return undefined;
    index += 1 + id.length;
    const params: [string, string][] = [];
    while (text[index] === ' ') {
      const param = /^ ([^\s\]="]+)="/.exec(text.slice(index));
      if (!param?.[1]) return undefined;
      const value = readQuoted(text, index + param[0].length);
      if (!value) return undefined;
      params.push([param[1], value.value]);
      index = value.end;
    }
    if (text[index] !== ']') return undefined;
    index++;
    elements.push(toElement(id, params));
  }
  if (elements.length === 0) return undefined;
  return { elements, rest: text.slice(text[index] === ' ' ? index + 1 : index) };
}

function readQuoted(text: string, start: number): { value: string; end: number } | undefined {
  let value = '';
  for (let index = start; index < text.length; index++) {
    const char = text[index];
    const next = text[index + 1];
    if (char === '"') return { value, end: index + 1 };
    if (char === '\\' && (next === '"' || next === '\\' || next === ']')) {
      value += next;
      index++;
    } else {
      value += char;
    }
  }
  return undefined;
}

function toElement(id: string, params: [string, string][]): StructuredDataElement {
  const values = new Map<string, string | string[]>();
  for (const [name, value] of params) {
    const previous = values.get(name);
    values.set(name, previous === undefined ? value : [previous, value].flat());
  }
  // fromEntries keeps a param named `__proto__` as an ordinary key.
  return { ...Object.fromEntries(values), $id: id };
}

function parseRfc3164(text: string, receivedAt: string | undefined): SyslogRecord | undefined {
  const pri = PRI.exec(text);
  if (pri && Number(pri[1]) > 191) return undefined;
  const afterPri = pri ? text.slice(pri[0].length) : text;
  const bsd = BSD_TIME.exec(afterPri);
  const iso = bsd ? undefined : ISO_TIME.exec(afterPri);
  // Without PRI, only a BSD date says "syslog"; an ISO-stamped line is left to the text reader.
  if (!pri && !bsd) return undefined;
  const timestamp = bsd ? bsdTimestamp(bsd, receivedAt) : toIsoTimestamp(iso?.[1]?.toUpperCase());
  const rest = afterPri.slice((bsd ?? iso)?.[0].length ?? 0);
  return {
    format: 'RFC3164',
    header: 'RFC3164',
    ...(pri ? priorityFields(Number(pri[1])) : {}),
    timestamp,
    ...(bsd || iso ? hostAndTag(rest) : { message: rest }),
    structuredData: [],
  };
}

function bsdTimestamp(match: RegExpExecArray, receivedAt: string | undefined): string | undefined {
  const [, monthName = '', day = '', year, time = ''] = match;
  const month = monthIndex(monthName);
  if (month === undefined) return undefined;
  return yearlessToIso(month, Number(day), time, receivedAt, year === undefined ? undefined : Number(year));
}

/** `HOSTNAME TAG[pid]: MSG`, where senders often leave out the hostname, the tag, or both. */
function hostAndTag(rest: string): Pick<SyslogRecord, 'host' | 'appName' | 'pid' | 'message'> {
  const cefAt = findCef(rest);
  const head = cefAt === -1 ? rest : rest.slice(0, cefAt);
  const tail = cefAt === -1 ? '' : rest.slice(cefAt);
  const firstTag = TAG.exec(head);
  if (firstTag) return { ...tagFields(firstTag), message: head.slice(firstTag[0].length) + tail };
  const space = head.indexOf(' ');
  const firstWord = space === -1 ? head : head.slice(0, space);
  if (!HOSTNAME.test(firstWord)) return { message: rest };
  const afterHost = space === -1 ? '' : head.slice(space + 1);
  const tag = TAG.exec(afterHost);
  if (tag) return { host: firstWord, ...tagFields(tag), message: afterHost.slice(tag[0].length) + tail };
  return { host: firstWord, message: afterHost + tail };
}

function tagFields(match: RegExpExecArray): Pick<SyslogRecord, 'appName' | 'pid'> {
  return { appName: match[1], pid: nil(match[2]) };
}

/** Reads a CEF message behind the header (or a bare CEF line) and marks the record as CEF. */
function withCef(record: SyslogRecord): SyslogRecord {
  const cefAt = record.message.startsWith('CEF:') ? 0 : record.format === 'unknown' ? findCef(record.message) : -1;
  const cef = cefAt === -1 ? undefined : parseCef(record.message.slice(cefAt));
  if (!cef) return record;
  const { extensions, deviceEventClassId, ...header } = cef;
  return {
    ...record,
    format: 'CEF',
    message: record.message.slice(cefAt),
    cef: { ...header, deviceEventClassID: deviceEventClassId },
    cefExtensions: extensions,
  };
}
