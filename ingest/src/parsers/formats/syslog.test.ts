import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSyslog, syslogSeverityFromName } from './syslog.ts';
import { yearlessToIso } from './yearless-time.ts';

const fixture = (path: string) => readFileSync(new URL(`../../../../test/fixtures/${path}`, import.meta.url), 'utf8');
const RECEIVED_AT = '2026-01-05T10:00:00.000Z';

describe('parseSyslog RFC 5424', () => {
  it('reads the header, structured data with escapes, and a BOM-prefixed message (RFC 5424 §6.5 example 3)', () => {
    const record = parseSyslog(
      '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application \\"x\\" \\]" eventID="1011"][examplePriority@32473 class="high"] \uFEFFAn application event log entry...',
    );
    expect(record).toMatchObject({
      format: 'RFC5424',
      header: 'RFC5424',
      timestamp: '2003-10-11T22:14:15.003Z',
      host: 'mymachine.example.com',
      appName: 'evntslog',
      msgId: 'ID47',
      priority: 165,
      facility: 'local4',
      facilityCode: 20,
      severity: 'notice',
      severityCode: 5,
      message: 'An application event log entry...',
    });
    expect(record.pid).toBeUndefined();
    expect(record.structuredData).toEqual([
      { $id: 'exampleSDID@32473', iut: '3', eventSource: 'Application "x" ]', eventID: '1011' },
      { $id: 'examplePriority@32473', class: 'high' },
    ]);
  });

  it('reads times with offsets and microseconds, and NILVALUE fields', () => {
    const record = parseSyslog('<34>1 2003-08-24T05:14:15.000003-07:00 - - - - - ');
    expect(record.timestamp).toBe('2003-08-24T12:14:15.000Z');
    expect([record.host, record.appName, record.msgId, record.message]).toEqual([undefined, undefined, undefined, '']);
    expect(parseSyslog('<34>1 - host app 12 - - text').timestamp).toBeUndefined();
  });

  it('reads the Keeper ARAM syslog fixture', () => {
    const line = fixture('vendor/keeper.syslog.log').split('\n')[0] ?? '';
    const record = parseSyslog(line);
    expect(record).toMatchObject({
      format: 'RFC5424',
      timestamp: '2022-10-13T21:05:51.996Z',
      host: 'keepersecurity.com',
      appName: 'keeper',
      facility: 'local4',
      severity: 'notice',
      structuredData: [],
    });
    expect(JSON.parse(record.message)).toMatchObject({ audit_event: 'fast_fill', remote_address: '12.34.56.78' });
  });

  it('reads Commander structured data whose values hold spaces, equals signs and repeated params', () => {
    const record = parseSyslog(
      '<110>1 2024-05-01T10:00:00Z 10.1.2.3 Keeper - 987 [Keeper@Commander username="a@b.c" record_title="x = \\"y\\"" tag="1" tag="2"] User a@b.c opened a record',
    );
    expect(record.msgId).toBe('987');
    expect(record.structuredData).toEqual([
      { $id: 'Keeper@Commander', username: 'a@b.c', record_title: 'x = "y"', tag: ['1', '2'] },
    ]);
    expect(record.message).toBe('User a@b.c opened a record');
  });

  it('keeps malformed structured data in the message', () => {
    const record = parseSyslog('<13>1 2024-05-01T10:00:00Z host app - - [broken no="close] text');
    expect(record.structuredData).toEqual([]);
    expect(record.message).toBe('[broken no="close] text');
  });
});

describe('parseSyslog RFC 3164', () => {
  it('reads the RFC 3164 example, inferring the year from the receipt time', () => {
    const record = parseSyslog("<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8", {
      receivedAt: RECEIVED_AT,
    });
    expect(record).toMatchObject({
      format: 'RFC3164',
      timestamp: '2025-10-11T22:14:15.000Z',
      host: 'mymachine',
      appName: 'su',
      facility: 'auth',
      severity: 'critical',
      severityCode: 2,
      message: "'su root' failed for lonvick on /dev/pts/8",
    });
  });

  it('reads a pid, a space-padded day, and lines without PRI', () => {
    const record = parseSyslog('Jan  5 09:59:01 web01 sshd[4242]: Accepted publickey for deploy', {
      receivedAt: RECEIVED_AT,
    });
    expect(record).toMatchObject({
      format: 'RFC3164',
      timestamp: '2026-01-05T09:59:01.000Z',
      host: 'web01',
      appName: 'sshd',
      pid: '4242',
      message: 'Accepted publickey for deploy',
    });
    expect(record.priority).toBeUndefined();
  });

  it('reads an explicit year, an ISO timestamp, and a line without hostname', () => {
    expect(parseSyslog('<13>Mar 1 2024 10:00:00 host app: x').timestamp).toBe('2024-03-01T10:00:00.000Z');
    expect(parseSyslog('<13>2024-03-01T10:00:00.5+01:00 host app: x')).toMatchObject({
      format: 'RFC3164',
      timestamp: '2024-03-01T09:00:00.500Z',
      host: 'host',
      appName: 'app',
    });
    const withoutHost = parseSyslog('<13>Mar 1 10:00:00 cron[12]: job done', { receivedAt: RECEIVED_AT });
    expect(withoutHost).toMatchObject({ appName: 'cron', pid: '12', message: 'job done' });
    expect(withoutHost.host).toBeUndefined();
  });

  it('takes PRI-only lines as RFC 3164 with the rest as message', () => {
    expect(parseSyslog('<13>hello world')).toMatchObject({
      format: 'RFC3164',
      severity: 'notice',
      message: 'hello world',
    });
  });

  it('refuses PRI values above 191 and lines without PRI or BSD date', () => {
    expect(parseSyslog('<200>Oct 11 22:14:15 host app: x').format).toBe('unknown');
    expect(parseSyslog('2024-03-01T10:00:00Z host app: x').format).toBe('unknown');
    expect(parseSyslog('just words').format).toBe('unknown');
  });
});

describe('parseSyslog CEF', () => {
  it('reads a bare CEF line with the header under cef and extensions under cefExtensions', () => {
    const record = parseSyslog(
      'CEF:0|Security|threatmanager|1.0|100|worm successfully stopped|10|src=10.0.0.1 dst=2.1.2.2',
    );
    expect(record.format).toBe('CEF');
    expect(record.header).toBeUndefined();
    expect(record.cef).toMatchObject({ deviceVendor: 'Security', deviceEventClassID: '100', severity: '10' });
    expect(record.cefExtensions).toEqual({ src: '10.0.0.1', dst: '2.1.2.2' });
  });

  it('reads CEF behind an RFC 3164 header whose tag would otherwise swallow "CEF:"', () => {
    const record = parseSyslog('<134>Sep 19 08:26:10 fw01 CEF:0|Vendor|Product|1|42|Blocked|7|act=block', {
      receivedAt: RECEIVED_AT,
    });
    expect(record).toMatchObject({ format: 'CEF', header: 'RFC3164', host: 'fw01' });
    expect(record.appName).toBeUndefined();
    expect(record.message).toMatch(/^CEF:0\|Vendor/);
    expect(record.cefExtensions).toEqual({ act: 'block' });
  });

  it('reads CEF behind an RFC 5424 header', () => {
    const record = parseSyslog('<134>1 2024-05-01T10:00:00Z fw01 ids - - - CEF:0|V|P|1|7|N|3|suser=bob');
    expect(record).toMatchObject({
      format: 'CEF',
      header: 'RFC5424',
      appName: 'ids',
      timestamp: '2024-05-01T10:00:00.000Z',
    });
    expect(record.cefExtensions).toEqual({ suser: 'bob' });
  });
});

describe('severity names', () => {
  it('maps syslog keywords and logger level names', () => {
    expect(['emerg', 'alert', 'crit', 'err', 'warn', 'notice', 'info', 'debug'].map(syslogSeverityFromName)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7,
    ]);
    expect(syslogSeverityFromName('FATAL')).toBe(2);
    expect(syslogSeverityFromName('trace')).toBe(7);
    expect(syslogSeverityFromName('loud')).toBeUndefined();
  });
});

describe('yearlessToIso', () => {
  it('picks the latest year that is not more than a day in the future', () => {
    expect(yearlessToIso(0, 1, '00:00:05', '2025-12-31T23:59:59.000Z')).toBe('2026-01-01T00:00:05.000Z');
    expect(yearlessToIso(11, 31, '23:59:59', '2026-01-01T00:00:30.000Z')).toBe('2025-12-31T23:59:59.000Z');
    expect(yearlessToIso(5, 1, '12:00:00', '2026-01-05T10:00:00.000Z')).toBe('2025-06-01T12:00:00.000Z');
  });

  it('goes back to a leap year for Feb 29 and rejects impossible times', () => {
    expect(yearlessToIso(1, 29, '12:00:00', '2026-03-01T00:00:00.000Z')).toBe('2024-02-29T12:00:00.000Z');
    expect(yearlessToIso(1, 30, '12:00:00', RECEIVED_AT)).toBeUndefined();
    expect(yearlessToIso(0, 1, '25:00:00', RECEIVED_AT)).toBeUndefined();
  });
});
