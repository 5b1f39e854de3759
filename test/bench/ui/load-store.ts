import type { Envelope } from '@vigil/schemas';
import { createEmbeddedPipeline, generateDemoRecords } from '@vigil/ingest';

export const DAYS = 7;
const CHUNK = 100_000;

/** Fills an embedded store in `dir` with demo events over the last week, as `npm start` would hold them. */
export async function loadDemoStore(dir: string, count: number): Promise<number> {
  const pipeline = await createEmbeddedPipeline(dir, { enrich: true });
  try {
    const now = new Date();
    for (let seed = 0, loaded = 0; loaded < count; seed++) {
      const size = Math.min(CHUNK, count - loaded);
      const envelopes: Envelope[] = generateDemoRecords({ count: size, days: DAYS, now, seed: 500 + seed }).map(
        (record, index) => ({
          ingest_id: `bench-ui-${seed}-${index}`,
          source: record.source,
          input: 'bench',
          received_at: record.receivedAt,
          raw: record.raw,
        }),
      );
      await pipeline.queue.publish(envelopes);
      while (await pipeline.runner.step()) {
        // drain the queue into the store
      }
      loaded += size;
    }
    return pipeline.db.prepare('SELECT count(*) FROM events').pluck().get() as number;
  } finally {
    await pipeline.close();
  }
}

/** Events already in a kept store. */
export async function storedCount(dir: string): Promise<number> {
  const pipeline = await createEmbeddedPipeline(dir, { enrich: false });
  try {
    return pipeline.db.prepare('SELECT count(*) FROM events').pluck().get() as number;
  } finally {
    await pipeline.close();
  }
}
