import type { Random } from './random.ts';

const HOUR = 3_600_000;
export const MINUTE = 60_000;

/**
 * Relative activity per UTC hour. Most staff work in Europe (UTC+1/+2), so the peak is 07-17 UTC;
 * the Americas keep the evening from going flat and Asia-Pacific the early morning.
 */
const HOURLY_ACTIVITY = [
  0.15, 0.1, 0.08, 0.08, 0.1, 0.2, 0.45, 0.8, 1, 1, 1, 0.9, 0.85, 1, 1, 0.95, 0.85, 0.7, 0.5, 0.4, 0.3, 0.25, 0.2, 0.18,
];
const WEEKEND_ACTIVITY = 0.3;

/** The demo's time window and the daily rhythm inside it. */
export class DemoClock {
  readonly start: number;
  readonly end: number;

  constructor(
    now: Date,
    days: number,
    private readonly rng: Random,
  ) {
    this.end = now.getTime();
    this.start = this.end - days * 24 * HOUR;
  }

  /** A moment in the window, more likely during working hours on weekdays. */
  sample(): number {
    for (let attempt = 0; attempt < 64; attempt++) {
      const at = this.uniform();
      if (this.rng.next() < activity(at)) return at;
    }
    return this.uniform();
  }

  /** A moment at a given fraction of the window, e.g. 0.6 = a bit past the middle. */
  at(fraction: number): number {
    return this.start + fraction * (this.end - this.start);
  }

  /** The given UTC hour on the day at `fraction` of the window: bursts happen at a plausible time of day. */
  atUtcHour(fraction: number, hour: number): number {
    const day = new Date(this.at(fraction));
    day.setUTCHours(hour, 0, 0, 0);
    const at = day.getTime();
    if (at < this.start) return at + 24 * HOUR;
    if (at > this.end) return at - 24 * HOUR;
    return at;
  }

  /** Moves the start of something lasting `spanMs` so all of it falls inside the window. */
  fit(at: number, spanMs: number): number {
    return Math.max(this.start, Math.min(at, this.end - spanMs));
  }

  clamp(at: number): number {
    return Math.max(this.start, Math.min(at, this.end));
  }

  private uniform(): number {
    return this.start + this.rng.next() * (this.end - this.start);
  }
}

function activity(at: number): number {
  const date = new Date(at);
  const day = date.getUTCDay();
  const weekend = day === 0 || day === 6 ? WEEKEND_ACTIVITY : 1;
  return (HOURLY_ACTIVITY[date.getUTCHours()] ?? 1) * weekend;
}

/** One vendor record and the moment it describes. */
export interface TimedRecord {
  at: number;
  raw: string;
}

export interface SourceContext {
  rng: Random;
  clock: DemoClock;
}

/** Produces exactly `count` records of one source. */
export type SourceGenerator = (context: SourceContext, count: number) => TimedRecord[];
