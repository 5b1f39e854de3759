import { randomUUID } from 'node:crypto';
import type { Envelope, SourceName } from '@vigil/schemas';
import type { PublishReceipt, RawTransport } from '../transport/raw-transport.ts';
import { decodeUtf8, formatOf, frameBody, type FrameLimits, type RejectedRecord } from './frame-body.ts';

export interface RecordOrigin {
  source: SourceName;
  input: string;
  remoteAddr?: string;
  contentType?: string;
}

export interface AcceptResult {
  accepted: number;
  rejected: RejectedRecord[];
  receipt: PublishReceipt;
}

export function toEnvelopes(records: readonly string[], origin: RecordOrigin, receivedAt = new Date()): Envelope[] {
  const received_at = receivedAt.toISOString();
  return records.map((raw) => ({
    ingest_id: randomUUID(),
    source: origin.source,
    input: origin.input,
    received_at,
    ...(origin.remoteAddr ? { remote_addr: origin.remoteAddr } : {}),
    ...(origin.contentType ? { content_type: origin.contentType } : {}),
    raw,
  }));
}

/**
 * What every input does with a body: decode, split into records, wrap each in an envelope and hand
 * them to the transport. It resolves once the transport holds them durably.
 */
export async function acceptBody(
  transport: RawTransport,
  body: Uint8Array | string,
  origin: RecordOrigin,
  limits: FrameLimits,
): Promise<AcceptResult> {
  const text = typeof body === 'string' ? body : decodeUtf8(body);
  const framed = frameBody(text, formatOf(origin.contentType, text), limits);
  const receipt = await transport.publish(toEnvelopes(framed.records, origin));
  return { accepted: framed.records.length, rejected: framed.rejected, receipt };
}
