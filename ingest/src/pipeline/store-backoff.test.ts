import { describe, expect, it } from 'vitest';
import { backoffDelay, sleepWithHeartbeat } from './store-backoff.ts';

describe('backoffDelay', () => {
  const options = { initialMs: 100, maxMs: 1_000 };

  it('doubles per attempt between half and the whole step, capped', () => {
    expect([1, 2, 3, 4, 5, 9].map((a) => backoffDelay(a, options, () => 0))).toEqual([50, 100, 200, 400, 500, 500]);
    expect([1, 2, 3, 4, 5, 9].map((a) => backoffDelay(a, options, () => 1))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });
});

describe('sleepWithHeartbeat', () => {
  it('beats between slices and stops when a beat throws', async () => {
    let beats = 0;
    await sleepWithHeartbeat(50, async () => void beats++, 10);
    expect(beats).toBeGreaterThanOrEqual(4);
    await expect(sleepWithHeartbeat(1_000, async () => Promise.reject(new Error('rebalancing')), 10)).rejects.toThrow(
      'rebalancing',
    );
  });
});
