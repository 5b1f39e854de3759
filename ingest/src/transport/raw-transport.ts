import type { Envelope } from '@vigil/schemas';

/**
 * Where raw records wait between an input and the pipeline. `publish` resolves only when the
 * records are durable (committed to the embedded queue, or acknowledged by the Kafka brokers), so an
 * input may answer its sender then.
 */
export interface RawTransport {
  publish(envelopes: Envelope[]): Promise<PublishReceipt>;
  close(): Promise<void>;
}

/** Where the last published record sits: the embedded queue's sequence number, or a Kafka offset. */
export interface PublishReceipt {
  position: number;
}
