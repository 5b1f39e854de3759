/**
 * Times the API accepts: ISO 8601, epoch milliseconds, or relative to now (`now`, `now-15m`,
 * `now-24h`, `now-7d`, `now-2w`, `now+1h`). Returns epoch ms, or undefined when unreadable.
 */
const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

export function parseTime(text: string, now: number = Date.now()): number | undefined {
  const value = text.trim();
  const relative = /^now(?:([+-])(\d+)([smhdw]))?$/.exec(value);
  if (relative) {
    const [, sign, amount, unit] = relative;
    if (!sign || !amount || !unit) return now;
    const delta = Number(amount) * (UNIT_MS[unit] ?? 0);
    return sign === '-' ? now - delta : now + delta;
  }
  if (/^\d{10,13}$/.test(value)) return Number(value);
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}
