import { describe, expect, it } from 'vitest';
import { around, describeRange, fromLocalInput, parseTime, resolveRange, toIso, toLocalInput } from './range.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('time ranges', () => {
  it('reads relative, ISO and epoch times like the server', () => {
    expect(parseTime('now', NOW)).toBe(NOW);
    expect(parseTime('now-15m', NOW)).toBe(NOW - 15 * 60_000);
    expect(parseTime('now-7d', NOW)).toBe(NOW - 7 * 86_400_000);
    expect(parseTime('now+1h', NOW)).toBe(NOW + 3_600_000);
    expect(parseTime('2026-01-02T03:04:05Z')).toBe(Date.parse('2026-01-02T03:04:05Z'));
    expect(parseTime('2026-01-02T03:04:05')).toBe(Date.parse('2026-01-02T03:04:05Z'));
    expect(parseTime('2026-01-02')).toBe(Date.parse('2026-01-02T00:00:00Z'));
    expect(parseTime('1767225600000')).toBe(1767225600000);
    expect(parseTime('yesterday')).toBeUndefined();
    expect(parseTime('now-3y')).toBeUndefined();
  });

  it('resolves both ends or names the wrong one', () => {
    expect(resolveRange('now-1h', 'now', NOW)).toEqual({ fromMs: NOW - 3_600_000, toMs: NOW });
    expect(resolveRange('soon', 'now', NOW)).toEqual({ error: "cannot read the start time 'soon'" });
    expect(resolveRange('now', 'now-1h', NOW)).toEqual({ error: 'the start is after the end' });
  });

  it('describes ranges for the picker button', () => {
    expect(describeRange('now-24h', 'now')).toBe('Last 24 hours');
    expect(describeRange('now-90m', 'now')).toBe('Last 90 minutes');
    expect(describeRange('now-1d', 'now')).toBe('Last 1 day');
    expect(describeRange('2026-01-02T00:00:00Z', '2026-01-03T00:00:00Z')).toBe(
      '2026-01-02 00:00:00 → 2026-01-03 00:00:00',
    );
  });

  it('converts to and from datetime-local inputs in UTC', () => {
    expect(toLocalInput('2026-01-02T03:04:05Z')).toBe('2026-01-02T03:04');
    expect(fromLocalInput('2026-01-02T03:04')).toBe('2026-01-02T03:04:00Z');
    expect(fromLocalInput('')).toBeUndefined();
    expect(toIso(Date.parse('2026-01-02T03:04:05.250Z'))).toBe('2026-01-02T03:04:05.250Z');
    expect(around(NOW, 3_600_000)).toEqual({ from: '2026-03-01T11:00:00Z', to: '2026-03-01T13:00:00Z' });
  });
});
