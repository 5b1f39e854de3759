import { isIP } from 'node:net';
import { dropUndefined, parseJsonObject } from './event-builder.ts';
import { parseSyslog, type SyslogRecord } from './formats/syslog.ts';
import type { KeeperRecord } from './keeper-records.ts';
import { ParseError } from './parser.ts';

/**
 * A Keeper syslog line. Two senders use syslog:
 * - the ARAM push: `<165>1 <time> keepersecurity.com keeper - - - {json}` — the row is the JSON;
 * - Commander `audit-log --target=syslog`: `<110>1 <time> <ip|-> Keeper - <id> [Keeper@Commander k="v" …] <message>`
 *   — the row is the structured data, the message is already rendered, MSGID is the event id.
 * Devo's push may also carry `audit_event=…|…` text after the header.
 */
export function readKeeperSyslog(line: string, receivedAt: string): KeeperRecord {
  const header = readHeader(line, receivedAt);
  const wrapperTime = header.timestamp;
  const transport = {
    syslog: dropUndefined({
      host: header.host,
      app_name: header.appName,
      facility: header.facility,
      severity: header.severity,
      priority: header.priority,
    }),
  };
  const message = header.message.trim();
  const commander = commanderRow(header);
  if (commander) {
    return {
      row: withHeaderAddress(commander, header.host),
      shape: 'commander_syslog',
      wrapperTime,
      wrapperId: header.msgId,
      renderedMessage: message === '' ? undefined : message,
      transport,
    };
  }
  if (message.startsWith('{')) return { row: parseJsonObject(message), shape: 'aram_syslog', wrapperTime, transport };
  if (isKeeperKeyValueText(message))
    return { row: parseKeeperKeyValues(message), shape: 'devo_kv', wrapperTime, transport };
  throw new ParseError('syslog message holds no Keeper event (expected JSON, [Keeper@…] data or audit_event=…)');
}

/** Commander puts the row's `ip_address` in the HOSTNAME field; keep it if the data left it out. */
function withHeaderAddress(row: Record<string, unknown>, host: string | undefined): Record<string, unknown> {
  if (row.ip_address !== undefined || host === undefined || isIP(host) === 0) return row;
  return { ...row, ip_address: host };
}

function readHeader(line: string, receivedAt: string): SyslogRecord {
  let header: SyslogRecord;
  try {
    header = parseSyslog(line, { receivedAt });
  } catch (error) {
    throw new ParseError(`unreadable syslog line: ${(error as Error).message}`);
  }
  if (header.format !== 'RFC5424' && header.format !== 'RFC3164') throw new ParseError('not a Keeper syslog line');
  return header;
}

/** The params of Commander's `[Keeper@Commander …]` element, the audit row itself. */
function commanderRow(header: SyslogRecord): Record<string, unknown> | undefined {
  const element = header.structuredData.find((data) => data.$id.startsWith('Keeper@'));
  if (!element) return undefined;
  const { $id: _id, ...params } = element;
  return params;
}

/** Keeper's Devo page: `audit_event=login|username=<bob@foo.com>|…`. */
export function isKeeperKeyValueText(text: string): boolean {
  return /(^|\|)\s*audit_event(_type)?=/.test(text);
}

/**
 * Splits `key=value|key=value`. The value runs to the next `|`; angle brackets around a whole
 * value are the doc's placeholder notation (`<bob@foo.com>`) and are dropped.
 */
export function parseKeeperKeyValues(text: string): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const pair of text.split('|')) {
    const separator = pair.indexOf('=');
    if (separator <= 0) continue;
    const key = pair.slice(0, separator).trim();
    const value = pair.slice(separator + 1).trim();
    row[key] = /^<[^<>]*>$/.test(value) ? value.slice(1, -1) : value;
  }
  return row;
}
