/**
 * BSD syslog (RFC 3164) and CEF dates such as `Oct 11 22:14:15` carry neither a year nor a zone.
 * They are read as UTC, and the year is the latest one that does not put the time in the future
 * relative to when the record was received. One day of slack allows for the sender's clock or time
 * zone being ahead of ours, so a line stamped `Jan 1 00:00:05` that arrives at 23:59:59 on Dec 31
 * lands on the coming New Year rather than a year back.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const FUTURE_SLACK_MS = 24 * 60 * 60 * 1000;
/** Feb 29 may need a few years back to reach a leap year. */
const YEARS_TO_TRY = 9;
const CLOCK = /^(\d{1,2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?$/;

/** 0-based month index of a three-letter English month name, case-insensitive. */
export function monthIndex(name: string): number | undefined {
  const index = MONTHS.indexOf(name.toLowerCase());
  return index === -1 ? undefined : index;
}

interface Clock {
  hours: number;
  minutes: number;
  seconds: number;
  millis: number;
}

function readClock(time: string): Clock | undefined {
  const match = CLOCK.exec(time);
  if (!match) return undefined;
  const [hours, minutes, seconds] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (hours > 23 || minutes > 59 || seconds > 60) return undefined;
  const millis = Number((match[4] ?? '0').padEnd(3, '0').slice(0, 3));
  return { hours, minutes, seconds, millis };
}

/** Milliseconds of a UTC date, or undefined when the day does not exist in that month and year. */
function utcMillis(year: number, month: number, day: number, clock: Clock): number | undefined {
  const ms = Date.UTC(year, month, day, clock.hours, clock.minutes, clock.seconds, clock.millis);
  const date = new Date(ms);
  return date.getUTCMonth() === month && date.getUTCDate() === day ? ms : undefined;
}

/**
 * ISO 8601 UTC for a month/day/time, with `year` when the source gave one, else the year inferred
 * against `referenceIso` (normally envelope.received_at; now when absent or unreadable).
 */
export function yearlessToIso(
  month: number,
  day: number,
  time: string,
  referenceIso: string | undefined,
  year?: number,
): string | undefined {
  const clock = readClock(time);
  if (!clock || day < 1 || day > 31) return undefined;
  if (year !== undefined) {
    const ms = utcMillis(year, month, day, clock);
    return ms === undefined ? undefined : new Date(ms).toISOString();
  }
  const parsedReference = referenceIso === undefined ? NaN : Date.parse(referenceIso);
  const reference = Number.isFinite(parsedReference) ? parsedReference : Date.now();
  const latestYear = new Date(reference).getUTCFullYear() + 1;
  for (let candidate = latestYear; candidate > latestYear - YEARS_TO_TRY; candidate--) {
    const ms = utcMillis(candidate, month, day, clock);
    if (ms !== undefined && ms <= reference + FUTURE_SLACK_MS) return new Date(ms).toISOString();
  }
  return undefined;
}
