import type { SourceName } from '@vigil/schemas';
import { generateAkeyless } from './akeyless.ts';
import { generateAuthentik } from './authentik.ts';
import { DemoClock, type SourceGenerator } from './clock.ts';
import { generateCzertainly } from './czertainly.ts';
import { generateKeeper } from './keeper.ts';
import { generatePrivx } from './privx.ts';
import { Random, stableHex } from './random.ts';

/** One raw vendor record, exactly as the vendor would send it, and when an input received it. */
export interface DemoRecord {
  source: SourceName;
  raw: string;
  receivedAt: string;
}

export interface DemoOptions {
  count: number;
  days: number;
  now: Date;
  seed?: number;
}

export const DEFAULT_DEMO_SEED = 20_240_601;

/** How the demo data set splits over the sources, roughly as a mid-size deployment's would. */
export const DEMO_SOURCE_MIX: readonly (readonly [SourceName, number, SourceGenerator])[] = [
  ['authentik', 0.35, generateAuthentik],
  ['privx', 0.3, generatePrivx],
  ['keeper', 0.2, generateKeeper],
  ['czertainly', 0.08, generateCzertainly],
  ['akeyless', 0.07, generateAkeyless],
];

/** Delivery latency between the vendor's event time and our input receiving it. */
const MIN_DELAY_MS = 150;
const MAX_DELAY_MS = 4_000;

/**
 * Realistic raw records of every vendor for the embedded mode's first start: a few dozen people
 * around the world, a daily rhythm and a couple of attack bursts. The same options and seed always
 * give the same records, sorted by the time they were received.
 */
export function generateDemoRecords(options: DemoOptions): DemoRecord[] {
  const { count, days, now } = options;
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`demo count must be a non-negative integer, got ${count}`);
  if (!(days > 0)) throw new RangeError(`demo days must be positive, got ${days}`);
  if (Number.isNaN(now.getTime())) throw new RangeError('demo now must be a valid date');
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const counts = allocate(
    count,
    DEMO_SOURCE_MIX.map(([, share]) => share),
  );

  const received: { source: SourceName; raw: string; at: number }[] = [];
  DEMO_SOURCE_MIX.forEach(([source, , generate], index) => {
    // Each source has its own stream, so changing one generator leaves the others' records alone.
    const rng = new Random(seed ^ parseInt(stableHex(source, 8), 16));
    const clock = new DemoClock(now, days, rng);
    const wanted = counts[index] ?? 0;
    const records = generate({ rng, clock }, wanted);
    if (records.length !== wanted)
      throw new Error(`demo ${source} produced ${records.length} records, wanted ${wanted}`);
    for (const record of records) {
      const at = Math.min(record.at + rng.int(MIN_DELAY_MS, MAX_DELAY_MS), clock.end);
      received.push({ source, raw: record.raw, at });
    }
  });

  return received
    .map((record, order) => ({ ...record, order }))
    .sort((a, b) => a.at - b.at || a.order - b.order)
    .map(({ source, raw, at }) => ({ source, raw, receivedAt: new Date(at).toISOString() }));
}

/** Splits `total` by shares with the largest-remainder method, so the parts add up exactly. */
function allocate(total: number, shares: readonly number[]): number[] {
  const sum = shares.reduce((acc, share) => acc + share, 0);
  const exact = shares.map((share) => (total * share) / sum);
  const parts = exact.map(Math.floor);
  const order = exact.map((value, index) => [value - Math.floor(value), index] as const).sort((a, b) => b[0] - a[0]);
  const missing = total - parts.reduce((acc, part) => acc + part, 0);
  for (let i = 0; i < missing; i++) {
    const index = order[i]?.[1];
    if (index !== undefined) parts[index] = (parts[index] ?? 0) + 1;
  }
  return parts;
}
