import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbeddedPipeline } from '../embedded-pipeline.ts';
import { toEnvelopes } from '../inputs/accept-records.ts';

const line = (n: number) =>
  JSON.stringify({
    event_id: '10',
    message: { timestamp: `2026-01-01T00:00:${String(n).padStart(2, '0')}Z`, instanceName: `h${n}` },
  });

describe('embedded runner', () => {
  it('stores a batch and empties the queue in one transaction; a failed write leaves the batch queued', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-runner-'));
    try {
      const pipeline = await createEmbeddedPipeline(dir, { enrich: false, batchSize: 10 });
      await pipeline.queue.publish(toEnvelopes([line(1), line(2), line(3)], { source: 'privx', input: 't' }));
      // Make the store fail mid-batch: the whole transaction (events and queue removal) must roll back.
      pipeline.db.exec(
        `CREATE TRIGGER fail_third BEFORE INSERT ON events WHEN NEW.doc LIKE '%"h3"%' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;`,
      );
      await expect(pipeline.runner.step()).rejects.toThrow(/disk on fire/);
      expect(pipeline.queue.depth()).toBe(3);
      expect(pipeline.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(0);
      pipeline.db.exec('DROP TRIGGER fail_third');
      expect(await pipeline.runner.step()).toBe(true);
      expect(pipeline.queue.depth()).toBe(0);
      expect(pipeline.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(3);
      // A replay of the same records keeps one event each.
      await pipeline.queue.publish(toEnvelopes([line(1), line(2)], { source: 'privx', input: 't' }));
      await pipeline.runner.step();
      expect(pipeline.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(3);
      expect(pipeline.runner.counters.duplicates).toBe(2);
      await pipeline.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('wakes on publish and resolves waiters once their records are stored', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-runner-'));
    try {
      const pipeline = await createEmbeddedPipeline(dir, { enrich: false });
      pipeline.runner.start();
      const receipt = await pipeline.queue.publish(toEnvelopes([line(5)], { source: 'privx', input: 't' }));
      await pipeline.runner.waitFor(receipt.position);
      expect(pipeline.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(1);
      await pipeline.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
