import { readFileSync } from 'node:fs';
import type { CanonicalEvent, Envelope } from '@vigil/schemas';
import { describe, expect, it } from 'vitest';
import { czertainlyParser } from './czertainly.ts';
import { CZERTAINLY_EVENTS } from './czertainly-events.ts';
import { ParseError } from './parser.ts';

const fixture = (path: string) => readFileSync(new URL(`../../../test/fixtures/${path}`, import.meta.url), 'utf8');
const FIXTURE_LINES = fixture('vendor/czertainly.ndjson').split('\n').filter(Boolean);
const SEED = fixture('seeds/002_ca498382b52c5e2e.txt');
const RECEIVED_AT = '2025-06-01T12:00:00.000Z';

// The vendor doc's ResourceEvent catalog (section 1) and the legacy NotificationType codes.
const DOC_EVENT_CODES = [
  'certificate_status_changed',
  'certificate_action_performed',
  'certificate_discovered',
  'certificate_expiring',
  'certificate_not_compliant',
  'discovery_finished',
  'approval_requested',
  'approval_closed',
  'scheduled_job_finished',
];
const LEGACY_CODES: Array<[string, string]> = [
  ['scheduled_job_completed', 'scheduled_job_finished'],
  ['other', 'other'],
];

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

function envelope(raw: string): Envelope {
  return { ingest_id: 'test-1', source: 'czertainly', input: 'http', received_at: RECEIVED_AT, raw };
}

function parseOne(value: unknown): CanonicalEvent {
  const events = czertainlyParser.parse(envelope(typeof value === 'string' ? value : JSON.stringify(value)));
  expect(events).toHaveLength(1);
  const [event] = events;
  if (!event) throw new Error('no event');
  return event;
}

function containsNull(value: unknown): boolean {
  if (value === null) return true;
  if (typeof value !== 'object') return false;
  return Object.values(value).some(containsNull);
}

const CERTIFICATE = {
  certificateUuid: 'f9c2bb96-e3f8-4a96-beb2-36759eee8be3',
  fingerprint: '94f8aeb7d37961ea643ba8ee3e3a36386b3ca77d77be88975110def883423058',
  serialNumber: 'a7fd36db9b9f818d401730cb76b58bd2586d8a4a',
  subjectDn: 'CN=web.example.com',
  issuerDn: 'CN=Example CA',
};

describe('czertainlyParser on the vendor fixture', () => {
  it('parses every fixture line into one event without nulls', () => {
    expect(FIXTURE_LINES).toHaveLength(4);
    const actions = ['certificate_status_changed', 'certificate_action_performed', 'certificate_status_changed'];
    for (const [index, line] of FIXTURE_LINES.entries()) {
      const event = parseOne(line);
      expect(event.event.action).toBe(actions[index] ?? 'certificate_status_changed');
      expect(event['@timestamp']).toBe(RECEIVED_AT);
      expect(event.czertainly?.resource).toBe('certificates');
      expect(event.czertainly?.monitoring).toBe(false);
      expect(event.tags).toBeUndefined();
      expect(containsNull(event)).toBe(false);
    }
  });

  it('line 1: legacy eventType, status change rendered, recipients kept without nulls', () => {
    const event = parseOne(FIXTURE_LINES[0]);
    expect(event.event).toMatchObject({
      action: 'certificate_status_changed',
      category: ['configuration'],
      type: ['change'],
    });
    expect(event.event).toMatchObject({ outcome: 'success', severity: 4 });
    expect(event.log?.level).toBe('warning');
    expect(event.message).toBe('Certificate CN=Test Certificate status changed to REVOKED');
    expect(event.czertainly).toEqual({
      event_type: 'certificate_status_changed',
      resource: 'certificates',
      monitoring: false,
      recipients: [{ name: 'Test User', email: 'test@czertainly.com' }],
      event_data: {
        newStatus: 'REVOKED',
        certificateUuid: 'f9c2bb96-e3f8-4a96-beb2-36759eee8be3',
        fingerprint: '94f8aeb7d37961ea643ba8ee3e3a36386b3ca77d77be88975110def883423058',
        serialNumber: 'a7fd36db9b9f818d401730cb76b58bd2586d8a4a',
        subjectDn: 'CN=Test Certificate',
        issuerDn: 'CN=Test CA',
      },
    });
  });

  it('line 2: a failed certificate action', () => {
    const event = parseOne(FIXTURE_LINES[1]);
    expect(event.event).toMatchObject({
      action: 'certificate_action_performed',
      outcome: 'failure',
      severity: 3,
      type: ['change', 'error'],
      reason: 'Test error message',
    });
    expect(event.message).toBe('Certificate action failed for CN=Test Certificate: Test error message');
  });

  it('line 3: the current `event` field wins over a null eventType', () => {
    const event = parseOne(FIXTURE_LINES[2]);
    expect(event.event.action).toBe('certificate_status_changed');
    expect(event.message).toBe('Certificate status changed');
    expect(event.czertainly).toEqual({
      event: 'certificate_status_changed',
      resource: 'certificates',
      monitoring: false,
      event_data: { credential: 'debug-visible-credential' },
    });
  });

  it('line 4: a template-rendered body with the event alone', () => {
    const event = parseOne(FIXTURE_LINES[3]);
    expect(event.event).toMatchObject({ action: 'certificate_status_changed', code: 'certificate_status_changed' });
    expect(event.czertainly).toEqual({
      event: 'certificate_status_changed',
      resource: 'certificates',
      monitoring: false,
    });
  });
});

describe('czertainly event table', () => {
  // Seed rows run their columns together: "Certificate status changedCertificateRA profile, GroupNOOccurs ...".
  const seedRows = [...SEED.matchAll(/^(.*?[a-z])(?=[A-Z]).*?(YES|NO)Occurs.*?([A-Z][A-Za-z]*EventData)$/gm)].map(
    (m) => ({
      label: m[1] ?? '',
      monitoring: m[2] === 'YES',
      dataClass: m[3] ?? '',
    }),
  );

  it('knows every event of seed 002 with its monitoring flag and data class', () => {
    expect(seedRows).toHaveLength(8);
    for (const row of seedRows) {
      const event = parseOne({ event: row.label });
      expect(event.tags, row.label).toBeUndefined();
      expect(event.czertainly?.monitoring, row.label).toBe(row.monitoring);
      expect(CZERTAINLY_EVENTS[event.event.action]?.eventDataClass, row.label).toBe(row.dataClass);
    }
    expect(seedRows.filter((r) => r.monitoring).map((r) => r.label)).toEqual(['Certificate expiring']);
  });

  it('knows every code of the vendor catalog and the legacy codes', () => {
    for (const code of DOC_EVENT_CODES) expect(parseOne({ event: code }).event.action).toBe(code);
    for (const [legacy, code] of LEGACY_CODES) {
      const event = parseOne({ eventType: legacy });
      expect(event.event.action).toBe(code);
      expect(event.tags).toBeUndefined();
    }
    expect(parseOne({ event: 'CERTIFICATE_EXPIRING' }).czertainly?.monitoring).toBe(true);
  });

  it('classifies with ECS values and always renders a message', () => {
    for (const [code, spec] of Object.entries(CZERTAINLY_EVENTS)) {
      for (const category of spec.category) expect(ECS_CATEGORIES.has(category), code).toBe(true);
      for (const type of spec.type) expect(ECS_TYPES.has(type), code).toBe(true);
      for (const effect of Object.values(spec.statuses ?? {}))
        for (const type of effect.type ?? []) expect(ECS_TYPES.has(type), code).toBe(true);
      expect(spec.messages.at(-1)).not.toMatch(/\{/);
      expect(parseOne({ event: code }).message).toBe(spec.messages.at(-1));
    }
  });
});

describe('czertainly event data per event type', () => {
  it('renders the full status change message and keeps the authority data', () => {
    const event = parseOne({
      event: 'certificate_status_changed',
      resource: 'certificates',
      notificationData: { ...CERTIFICATE, oldStatus: 'Valid', newStatus: 'Revoked', raProfileName: 'web' },
    });
    expect(event.message).toBe('Certificate CN=web.example.com status changed from Valid to Revoked');
    expect(event.event.severity).toBe(4);
    expect(event.czertainly?.event_data).toMatchObject({ raProfileName: 'web', oldStatus: 'Valid' });
  });

  it('flags the recurring expiring event as monitoring', () => {
    const event = parseOne({
      event: 'certificate_expiring',
      notificationData: { ...CERTIFICATE, expiresAt: '2025-07-01T00:00:00Z' },
    });
    expect(event.czertainly?.monitoring).toBe(true);
    expect(event.event).toMatchObject({ severity: 4, outcome: 'unknown' });
    expect(event.message).toBe('Certificate CN=web.example.com expires on 2025-07-01T00:00:00Z');
  });

  it('uses the compliance check time and message', () => {
    const event = parseOne({
      event: 'certificate_not_compliant',
      notificationData: {
        ...CERTIFICATE,
        complianceCheckResultDto: { status: 'nok', timestamp: '2025-05-30T08:00:00+02:00', message: 'key too short' },
      },
    });
    expect(event['@timestamp']).toBe('2025-05-30T06:00:00.000Z');
    expect(event.message).toBe('Certificate CN=web.example.com is not compliant: key too short');
  });

  it('reads a failed discovery and its user', () => {
    const event = parseOne({
      event: 'discovery_finished',
      resource: 'discoveries',
      notificationData: {
        discoveryName: 'net-scan',
        discoveryStatus: 'failed',
        totalCertificateDiscovered: 0,
        discoveryUserUuid: 'u-1',
      },
    });
    expect(event.event).toMatchObject({ outcome: 'failure', severity: 3, type: ['end', 'error'] });
    expect(event.user).toEqual({ id: 'u-1' });
    expect(event.message).toBe('Discovery net-scan finished with status failed and discovered 0 certificates');
  });

  it('reads a rejected approval with its requester and close time', () => {
    const event = parseOne({
      recipients: [{ name: 'approvers', email: null, mappedAttributes: null }],
      event: 'approval_closed',
      resource: 'approvals',
      notificationData: {
        approvalUuid: 'a-1',
        status: 'REJECTED',
        closedAt: '2025-05-31T10:00:00.000+00:00',
        resource: 'certificates',
        resourceAction: 'issue',
        creatorUuid: 'c-1',
        creatorUsername: 'alice',
      },
    });
    expect(event['@timestamp']).toBe('2025-05-31T10:00:00.000Z');
    expect(event.event).toMatchObject({ action: 'approval_closed', outcome: 'failure', type: ['change', 'denied'] });
    expect(event.user).toEqual({ id: 'c-1', name: 'alice' });
    expect(event.related).toEqual({ user: ['alice'] });
    expect(event.message).toBe('Approval of issue on certificates requested by alice closed as REJECTED');
    expect(event.czertainly?.resource).toBe('approvals');
    expect(event.czertainly?.recipients).toEqual([{ name: 'approvers' }]);
  });

  it('reads a scheduled job result by its label', () => {
    const event = parseOne({
      event: 'scheduled_job_finished',
      notificationData: { jobName: 'updateCertificateStatusJob', status: 'Succeeded', userUuid: 'u-2' },
    });
    expect(event.event).toMatchObject({ outcome: 'success', category: ['process'] });
    expect(event.message).toBe('Scheduled job updateCertificateStatusJob finished with status Succeeded');
    expect(event.czertainly?.resource).toBe('jobs');
  });

  it('keeps an unknown event, tagged, with its resource and extra fields', () => {
    const event = parseOne({
      event: 'Key Rotated',
      resource: 'keys',
      notificationData: { keyUuid: 'k-1' },
      extraField: 1,
    });
    expect(event.event.action).toBe('key_rotated');
    expect(event.tags).toEqual(['czertainly_unknown_event']);
    expect(event.message).toBe('CZERTAINLY event key_rotated');
    expect(event.czertainly).toEqual({
      event: 'Key Rotated',
      resource: 'keys',
      event_data: { keyUuid: 'k-1' },
      extra: { extraField: 1 },
    });
  });
});

describe('czertainly in-app notifications', () => {
  it('recognises the event from the notification text', () => {
    const event = parseOne({
      uuid: 'n-1',
      message: 'Discovery net-scan has finished with status completed and discovered 3 certificates',
      detail: null,
      readAt: null,
      sentAt: '2025-05-31T09:00:00.000+00:00',
      targetObjectType: 'discoveries',
      targetObjectIdentification: ['d-1'],
    });
    expect(event).toMatchObject({
      '@timestamp': '2025-05-31T09:00:00.000Z',
      event: { id: 'n-1', action: 'discovery_finished', code: 'discovery_finished' },
      message: 'Discovery net-scan has finished with status completed and discovered 3 certificates',
      czertainly: { resource: 'discoveries', monitoring: false },
    });
    expect(event.czertainly?.notification).toEqual({
      uuid: 'n-1',
      sentAt: '2025-05-31T09:00:00.000+00:00',
      targetObjectType: 'discoveries',
      targetObjectIdentification: ['d-1'],
    });
  });

  it('tells a waiting approval from a closed one and keeps unrecognised texts', () => {
    expect(
      parseOne({ message: 'Request issue for certificates from alice is waiting to be approved until 2025-06-02' })
        .event.action,
    ).toBe('approval_requested');
    expect(parseOne({ message: 'Request issue for certificates from alice is APPROVED' }).event.action).toBe(
      'approval_closed',
    );
    const other = parseOne({ message: 'Something else happened', uuid: 'n-2' });
    expect(other.event.action).toBe('internal_notification');
    expect(other.tags).toBeUndefined();
  });
});

describe('czertainlyParser malformed input', () => {
  const bad: Array<[string, string]> = [
    ['not JSON', '{"event": '],
    ['a rendered XML body', '<notification><event>certificate_status_changed</event></notification>'],
    ['a top-level array', '[{"event": "certificate_status_changed"}]'],
    ['a record without an event', '{"resource": "certificates", "notificationData": {}}'],
    ['a non-string event', '{"event": 5}'],
    ['event data that is not an object', '{"event": "certificate_expiring", "notificationData": "x"}'],
    ['recipients that are not an array', '{"event": "certificate_expiring", "recipients": {"email": "a@b"}}'],
  ];
  it.each(bad)('rejects %s with ParseError', (_label, raw) => {
    expect(() => czertainlyParser.parse(envelope(raw))).toThrow(ParseError);
  });
});
