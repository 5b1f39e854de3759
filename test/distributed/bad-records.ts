import type { Message } from 'kafkajs';
import { ENVELOPE_FINGERPRINT, type Envelope } from '@vigil/schemas';
import { createPipelineStages, encodeRawMessage, HEADERS, newCounters, processBatch } from '@vigil/ingest';

/** A record that must end on the dead-letter topic, and how to recognise it there. */
export interface BadRecord {
  name: string;
  message: Message;
  /** The value the dead-letter record must carry: the bytes as they were on the raw topic. */
  original: Buffer;
  source: string;
  reason: string | RegExp;
}

async function parserReason(envelope: Envelope): Promise<string> {
  const result = processBatch([envelope], await createPipelineStages({ enrich: false }), newCounters());
  const reason = result.deadLetters[0]?.reason;
  if (!reason) throw new Error(`expected ${envelope.source} to refuse ${envelope.raw}`);
  return reason;
}

/**
 * One of each way a raw record goes wrong: bytes that claim to be an envelope and are not, a record
 * for no known source, an envelope the parser refuses, and a keyed raw record the parser refuses.
 * The parser's reasons are computed with the same stages, so the test checks the exact text.
 */
export async function badRecords(): Promise<BadRecord[]> {
  const notAvro = Buffer.from([0x6e, 0x6f, 0x74, 0x00, 0xff, 0xfe, 0x01]);
  const brokenJson = '{"action": "login", "app": "authentik.events';
  const unparsableEnvelope: Envelope = {
    ingest_id: 'bad-envelope-authentik',
    source: 'authentik',
    input: 'test',
    received_at: new Date().toISOString(),
    raw: brokenJson,
  };
  const privxText = 'privx says <<<this is not an audit event>>>';
  return [
    {
      name: 'undecodable envelope',
      message: { key: 'privx', value: notAvro, headers: { [HEADERS.fingerprint]: ENVELOPE_FINGERPRINT } },
      original: notAvro,
      source: 'privx',
      reason: /^envelope does not decode/,
    },
    {
      name: 'unknown source key',
      message: { key: 'nosuchsource', value: 'hello from nowhere' },
      original: Buffer.from('hello from nowhere'),
      source: 'generic',
      reason:
        "record without a schema fingerprint needs a known source in its vigil.source header or key, got 'nosuchsource'",
    },
    {
      name: 'envelope the parser refuses',
      message: encodeRawMessage(unparsableEnvelope),
      original: Buffer.from(brokenJson),
      source: 'authentik',
      reason: await parserReason(unparsableEnvelope),
    },
    {
      name: 'keyed raw text the parser refuses',
      message: { key: 'privx', value: privxText },
      original: Buffer.from(privxText),
      source: 'privx',
      reason: await parserReason({ ...unparsableEnvelope, source: 'privx', raw: privxText }),
    },
  ];
}
