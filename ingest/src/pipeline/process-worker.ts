import { parentPort, workerData } from 'node:worker_threads';
import type { Envelope } from '@vigil/schemas';
import { createPipelineStages, type PipelineOptions } from '../embedded-pipeline.ts';
import { prepareBatch } from './batch-processor.ts';

/** One pipeline worker thread: builds its own stages (parsers, GeoIP/ASN, redactor) and serves batches. */
const stages = await createPipelineStages(workerData as PipelineOptions);
const port = parentPort;
if (!port) throw new Error('process-worker must run as a worker thread');

port.on('message', (message: { id: number; envelopes: Envelope[] }) => {
  try {
    port.postMessage({ id: message.id, batch: prepareBatch(message.envelopes, stages) });
  } catch (error) {
    port.postMessage({ id: message.id, error: (error as Error).message });
  }
});
port.postMessage({ ready: true });
