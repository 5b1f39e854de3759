import { describe, expect, it } from 'vitest';
import { fixture, parseOne, RECEIVED_AT } from './generic-test-helpers.ts';

describe('generic syslog and CEF', () => {
  it('reads RFC 5424 with structured data kept by SD-ID', () => {
    const event = parseOne(
      '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog 77 ID47 [exampleSDID@32473 iut="3" eventSource="Application"] An application event',
    );
    expect(event['@timestamp']).toBe('2003-10-11T22:14:15.003Z');
    expect(event.event).toMatchObject({ action: 'log', dataset: 'generic.syslog', severity: 5 });
    expect([event.log?.level, event.host?.name, event.service?.name, event.message]).toEqual([
      'notice',
      'mymachine.example.com',
      'evntslog',
      'An application event',
    ]);
    expect(event.generic).toEqual({
      app_name: 'evntslog',
      pid: '77',
      msg_id: 'ID47',
      facility: 'local4',
      structured_data: { 'exampleSDID@32473': { iut: '3', eventSource: 'Application' } },
    });
  });

  it('merges a JSON message into the event (Keeper syslog fixture)', () => {
    const event = parseOne(fixture('vendor/keeper.syslog.log').trim());
    expect(event.event).toMatchObject({ action: 'fast_fill', severity: 5 });
    expect([event['@timestamp'], event.host?.name, event.service?.name]).toEqual([
      '2022-10-13T21:05:51.996Z',
      'keepersecurity.com',
      'keeper',
    ]);
    expect(event.user).toEqual({ name: 'user@company.com', email: 'user@company.com' });
    expect(event.source?.ip).toBe('12.34.56.78');
    expect((event.generic?.payload as Record<string, unknown>).client_version).toBe('Browser Extensions.16.4.7');
  });

  it('reads vendor structured data for fields while keeping the rendered message', () => {
    const event = parseOne(
      '<110>1 2024-05-01T10:00:00Z 10.1.2.3 Keeper - 987 [Keeper@Commander username="a@b.c" ip_address="10.1.2.3" audit_event_type="open_record"] User opened a record',
    );
    expect([event.event.action, event.user?.name, event.source?.ip, event.message]).toEqual([
      'open_record',
      'a@b.c',
      '10.1.2.3',
      'User opened a record',
    ]);
  });

  it('reads RFC 3164 with the year that keeps the time in the past of the receipt', () => {
    const event = parseOne('<38>Dec 31 23:59:58 gw sshd[901]: Failed password for root from 192.0.2.1 port 22');
    expect(event['@timestamp']).toBe('2025-12-31T23:59:58.000Z');
    expect([event.event.severity, event.log?.level, event.host?.name, event.service?.name]).toEqual([
      6,
      'info',
      'gw',
      'sshd',
    ]);
    expect(event.generic).toEqual({ app_name: 'sshd', pid: '901', facility: 'auth' });
    expect(event.message).toBe('Failed password for root from 192.0.2.1 port 22');
  });

  it('reads CEF with escapes, multi-word values, severity words and custom labels', () => {
    const event = parseOne(
      '<134>Feb 1 10:00:00 fw01 CEF:0|Acme|Fire\\|wall|2.1|4711|Connection blocked|Very-High|src=198.51.100.7 spt=51515 dst=10.0.0.8 dpt=443 suser=jo smith duser=admin act=block outcome=failure msg=Blocked a \\= b proto=TCP request=https://x.example/?q\\=1 requestMethod=POST shost=laptop-7 dhost=web-1 rt=Feb 01 2026 09:59:58 UTC cs1Label=Rule cs1=Default deny',
    );
    expect(event.event).toMatchObject({
      action: 'block',
      code: '4711',
      outcome: 'failure',
      severity: 2,
      dataset: 'generic.cef',
    });
    expect([event['@timestamp'], event.message, event.log?.level]).toEqual([
      '2026-02-01T09:59:58.000Z',
      'Blocked a = b',
      'critical',
    ]);
    expect(event.source).toEqual({ ip: '198.51.100.7', port: 51515, domain: 'laptop-7' });
    expect(event.destination).toEqual({ ip: '10.0.0.8', port: 443, address: 'web-1' });
    expect(event.user).toEqual({ name: 'jo smith', target: { name: 'admin' } });
    expect([event.url?.original, event.http?.request?.method]).toEqual(['https://x.example/?q=1', 'POST']);
    expect(event.observer).toEqual({ vendor: 'Acme', product: 'Fire|wall' });
    expect(event.host?.name).toBe('fw01');
    expect(event.generic?.cef).toMatchObject({
      device_product: 'Fire|wall',
      severity: 'Very-High',
      custom: { Rule: 'Default deny' },
    });
  });

  it('names a bare CEF event after its Name when it has no act, and keeps a host name given as src', () => {
    const event = parseOne('CEF:0|Security|threatmanager|1.0|100|worm successfully stopped|10|src=attacker.example');
    expect(event.event).toMatchObject({ action: 'worm_successfully_stopped', severity: 2 });
    expect([event.message, event.source?.address, event.source?.ip, event['@timestamp']]).toEqual([
      'worm successfully stopped',
      'attacker.example',
      undefined,
      RECEIVED_AT,
    ]);
  });
});
