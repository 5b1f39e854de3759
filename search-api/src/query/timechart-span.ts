import type { TimechartPipe } from './ast.ts';
import { QuerySyntaxError } from './syntax-error.ts';

/** The most buckets one timechart may have, whatever the store. */
export const MAX_BUCKETS = 10_000;
/** Without span=, the span is the smallest of the ladder that gives at most this many buckets. */
const TARGET_BUCKETS = 100;
const SPAN_LADDER = [1, 5, 10, 30, 60, 300, 600, 1800, 3600, 10800, 21600, 43200, 86400, 604800, 2592000].map(
  (seconds) => seconds * 1000,
);

/** The bucket width of a timechart over [fromMs, toMs]; every store compiler buckets the same way. */
export function spanFor(pipe: TimechartPipe, fromMs: number, toMs: number): number {
  const width = toMs - fromMs + 1;
  const spanMs =
    pipe.spanMs ?? SPAN_LADDER.find((span) => width / span <= TARGET_BUCKETS) ?? (SPAN_LADDER.at(-1) as number);
  const buckets = Math.ceil(width / spanMs);
  if (buckets > MAX_BUCKETS) {
    throw QuerySyntaxError.at(
      pipe.loc,
      `span is too small for the time range: ${buckets} buckets, at most ${MAX_BUCKETS}`,
    );
  }
  return spanMs;
}
