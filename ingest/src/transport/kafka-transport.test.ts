import type { KafkaMessage } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import type { Envelope } from '@vigil/schemas';
import { HEADERS } from './kafka-topics.ts';
import { decodeRawMessage, encodeRawMessage } from './kafka-transport.ts';

const where = { topic: 'vigil.raw', partition: 3 };
const envelope: Envelope = {
  ingest_id: 'abc-1',
  source: 'privx',
  input: 'http',
  received_at: '2026-01-02T03:04:05.000Z',
  remote_addr: '10.1.2.3',
  raw: '{"type":1501}',
};

/** What a consumer receives for a message a producer sent. */
function received(message: ReturnType<typeof encodeRawMessage>, offset = '42'): KafkaMessage {
  const toBuffer = (v: Buffer | string | null | undefined) =>
    v === undefined || v === null ? null : Buffer.isBuffer(v) ? v : Buffer.from(v);
  const headers = Object.fromEntries(
    Object.entries(message.headers ?? {}).map(([k, v]) => [k, toBuffer(v as Buffer | string)]),
  );
  return {
    key: toBuffer(message.key),
    value: toBuffer(message.value),
    timestamp: '1767323045000',
    attributes: 0,
    offset,
    headers: headers as KafkaMessage['headers'],
  } as KafkaMessage;
}

describe('raw topic wire format', () => {
  it('round-trips an envelope, keyed by its ingest id, with the fingerprint and source headers', () => {
    const message = encodeRawMessage(envelope);
    expect(message.key).toBe('abc-1');
    expect(String(message.headers?.[HEADERS.fingerprint])).toMatch(/^[0-9a-f]{64}$/);
    expect(String(message.headers?.[HEADERS.source])).toBe('privx');
    expect(decodeRawMessage(received(message), where)).toEqual({ envelope });
  });

  it('takes a record without a fingerprint, keyed by a source, as that source raw text', () => {
    const decoded = decodeRawMessage(received({ key: 'keeper', value: 'line of text' }, '7'), where);
    expect(decoded).toEqual({
      envelope: {
        ingest_id: 'kafka:vigil.raw:3:7',
        source: 'keeper',
        input: 'kafka',
        received_at: '2026-01-02T03:04:05.000Z',
        raw: 'line of text',
      },
    });
  });

  it('takes the source of a record without a fingerprint from its vigil.source header before its key', () => {
    const message = { key: 'device-17', value: '{"type":1501}', headers: { [HEADERS.source]: 'privx' } };
    const decoded = decodeRawMessage(received(message, '8'), where);
    expect(decoded).toMatchObject({
      envelope: { source: 'privx', raw: '{"type":1501}', ingest_id: 'kafka:vigil.raw:3:8' },
    });
  });

  it('spreads one source over partitions: keys differ per record', () => {
    const keys = new Set(
      ['a', 'b', 'c', 'd'].map((id) => String(encodeRawMessage({ ...envelope, ingest_id: id }).key)),
    );
    expect(keys.size).toBe(4);
  });

  it('dead-letters bytes that claim the envelope schema but do not decode, keeping them', () => {
    const message = { ...encodeRawMessage(envelope), value: Buffer.from([0xff, 0x00, 0x13]) };
    const decoded = decodeRawMessage(received(message), where);
    if (!('deadLetter' in decoded)) throw new Error('expected a dead letter');
    expect(decoded.deadLetter.reason).toMatch(/^envelope does not decode/);
    expect(decoded.original).toEqual(Buffer.from([0xff, 0x00, 0x13]));
    expect(decoded.deadLetter.envelope.source).toBe('privx');
    expect(decoded.deadLetter.envelope.ingest_id).toBe('kafka:vigil.raw:3:42');
  });

  it('dead-letters an unknown fingerprint, an unknown key and an empty record', () => {
    const reasons = [
      { ...encodeRawMessage(envelope), headers: { [HEADERS.fingerprint]: 'feed' } },
      { key: 'splunk', value: 'x' },
      { key: 'privx', value: null },
    ].map((message) => {
      const decoded = decodeRawMessage(received(message), where);
      return 'deadLetter' in decoded ? decoded.deadLetter.reason : 'decoded';
    });
    expect(reasons).toEqual([
      'unknown envelope schema fingerprint feed',
      "record without a schema fingerprint needs a known source in its vigil.source header or key, got 'splunk'",
      'empty record on the raw topic',
    ]);
  });
});
