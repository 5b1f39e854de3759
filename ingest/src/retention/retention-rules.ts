import { SOURCES } from '@vigil/schemas';
import type { RetentionRule } from '../store/event-sink.ts';

/**
 * The effective rules: every source gets the default (365 days unless configured), then the
 * operator's per-source and per-category overrides (`privx=90`, `authentik.authentication=30`).
 */
export function retentionRules(
  defaultDays: number,
  overrides: readonly { source: string; category?: string; days: number }[],
): RetentionRule[] {
  const rules = new Map<string, RetentionRule>();
  for (const source of SOURCES) rules.set(source, { source, days: defaultDays });
  for (const o of overrides) {
    const key = o.category ? `${o.source}.${o.category}` : o.source;
    rules.set(key, { source: o.source, ...(o.category ? { category: o.category } : {}), days: o.days });
  }
  return [...rules.values()];
}
