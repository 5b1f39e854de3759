import parseSyslogLine from 'nsyslog-parser';
import { toIsoTimestamp } from '../event-builder.ts';

/** A syslog (RFC 5424 / 3164) or CEF line, as nsyslog-parser reads it. */
export interface SyslogRecord {
  format: 'RFC5424' | 'RFC3164' | 'CEF' | 'unknown';
  timestamp?: string;
  host?: string;
  appName?: string;
  pid?: string;
  msgId?: string;
  facility?: string;
  severity?: string;
  priority?: number;
  structuredData: unknown[];
  message: string;
  cef?: Record<string, string>;
  cefExtensions?: Record<string, string>;
}

const FORMATS: Record<string, SyslogRecord['format']> = { RFC5424: 'RFC5424', BSD: 'RFC3164', CEF: 'CEF' };

function dash(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' && value !== '-' ? value : undefined;
}

export function parseSyslog(line: string): SyslogRecord {
  const parsed = parseSyslogLine(line) as Record<string, unknown>;
  const format = FORMATS[String(parsed.type)] ?? 'unknown';
  const cef = parsed.cef as Record<string, string> | undefined;
  return {
    format,
    // nsyslog-parser stamps "now" when a line has no time of its own; only trust a header's time.
    timestamp: format === 'CEF' || format === 'unknown' ? undefined : toIsoTimestamp(parsed.ts),
    host: dash(parsed.host),
    appName: dash(parsed.appName),
    pid: dash(parsed.pid),
    msgId: dash(parsed.messageid),
    facility: dash(parsed.facility),
    severity: dash(parsed.level),
    priority: typeof parsed.prival === 'number' ? parsed.prival : undefined,
    structuredData: Array.isArray(parsed.structuredData) ? parsed.structuredData : [],
    message: typeof parsed.message === 'string' ? parsed.message : line,
    cef,
    cefExtensions: cef ? (parsed.fields as Record<string, string>) : undefined,
  };
}
