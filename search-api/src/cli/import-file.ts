import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { readFile } from 'node:fs/promises';
import cliProgress from 'cli-progress';
import type { SourceName } from '@vigil/schemas';
import { createEmbeddedPipeline, frameBody, toEnvelopes, type EmbeddedPipeline, type FrameLimits } from '@vigil/ingest';
import { pipelineOptions, type VigilConfig } from '../config.ts';

export interface ImportSummary {
  accepted: number;
  rejected: number;
  stored: number;
  deadLettered: number;
}

const CHUNK_LINES = 2000;

/** Drains the queue through the pipeline now, rather than waiting for a server's worker. */
async function drain(pipeline: EmbeddedPipeline): Promise<void> {
  while (await pipeline.runner.step()) {
    // each step stores one batch
  }
}

async function* chunksOf(file: string, onBytes: (n: number) => void): AsyncGenerator<string> {
  const input = file === '-' ? process.stdin : createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let chunk: string[] = [];
  for await (const line of lines) {
    onBytes(Buffer.byteLength(line) + 1);
    chunk.push(line);
    if (chunk.length >= CHUNK_LINES) {
      yield chunk.join('\n');
      chunk = [];
    }
  }
  if (chunk.length) yield chunk.join('\n');
}

/**
 * Imports a file through the same framing and pipeline as the HTTP input. A JSON array (a file
 * starting with `[`) is read whole; anything else is read line by line (NDJSON or text) in chunks.
 */
export async function importFile(
  config: VigilConfig,
  file: string,
  source: string,
  showProgress: boolean,
): Promise<ImportSummary> {
  const pipeline = await createEmbeddedPipeline(config.dataDir, {
    ...pipelineOptions(config),
    batchSize: config.pipelineBatch,
  });
  const limits: FrameLimits = { maxRecordBytes: config.maxRecordBytes, maxDepth: config.maxJsonDepth };
  const origin = { source: source as SourceName, input: 'cli' };
  const summary: ImportSummary = { accepted: 0, rejected: 0, stored: 0, deadLettered: 0 };
  const size = file === '-' ? 0 : statSync(file).size;
  const bar = new cliProgress.SingleBar(
    { format: 'importing [{bar}] {percentage}% | {value}/{total} bytes | {events} records', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  const progress = showProgress && size > 0 && process.stderr.isTTY !== false;
  if (progress) bar.start(size, 0, { events: 0 });
  const firstRejections: string[] = [];
  const take = async (body: string, lineOffset: number, format: 'json' | 'ndjson' | 'text') => {
    const framed = frameBody(body, format, limits);
    await pipeline.queue.publish(toEnvelopes(framed.records, origin));
    summary.accepted += framed.records.length;
    summary.rejected += framed.rejected.length;
    for (const r of framed.rejected.slice(0, 5 - firstRejections.length)) {
      firstRejections.push(`line ${r.line + lineOffset}: ${r.reason}`);
    }
    await drain(pipeline);
  };
  try {
    const head = file === '-' ? '' : (await readFile(file, { encoding: 'utf8', flag: 'r' })).slice(0, 1).trim();
    if (head === '[') {
      await take(await readFile(file, 'utf8'), 0, 'json');
      if (progress) bar.update(size, { events: summary.accepted });
    } else {
      let read = 0;
      let lineOffset = 0;
      for await (const chunk of chunksOf(file, (n) => (read += n))) {
        const format = chunk.trimStart().startsWith('{') ? 'ndjson' : 'text';
        await take(chunk, lineOffset, format);
        lineOffset += CHUNK_LINES;
        if (progress) bar.update(Math.min(read, size), { events: summary.accepted });
      }
    }
  } finally {
    if (progress) bar.stop();
    summary.stored = pipeline.runner.counters.written;
    summary.deadLettered = pipeline.runner.counters.deadLettered;
    await pipeline.close();
  }
  console.log(
    `imported ${summary.accepted} records (${summary.stored} new events stored, ${summary.deadLettered} dead-lettered), rejected ${summary.rejected}`,
  );
  for (const line of firstRejections) console.log(`  rejected ${line}`);
  return summary;
}
