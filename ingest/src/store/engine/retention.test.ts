import { describe, expect, it } from 'vitest';
import { elasticEventMappings, engineFieldOf } from '@vigil/schemas';
import { ilmPolicy, ismFingerprint, ismPolicy } from './lifecycle-policy.ts';
import { indexRetentionDays, lifecycleSpec, retentionQuery } from './retention.ts';
import type { RetentionRule } from '../event-sink.ts';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const rules: RetentionRule[] = [
  { source: 'privx', days: 90 },
  { source: 'privx', category: 'authentication', days: 730 },
  { source: 'privx', category: 'session', days: 7 },
  { source: 'keeper', days: 365 },
];

describe('engine retention', () => {
  it('keeps an index as long as the longest rule of its source', () => {
    expect(indexRetentionDays(rules, 'privx')).toBe(730);
    expect(indexRetentionDays(rules, 'keeper')).toBe(365);
    expect(indexRetentionDays(rules, 'authentik')).toBe(365);
  });

  it('expires by query as SQLite does: a source rule spares the categories with rules of their own', () => {
    const cutoff = NOW.getTime() - 90 * 86_400_000;
    expect(retentionQuery(rules[0] as RetentionRule, rules, NOW)).toEqual({
      bool: {
        filter: [
          { term: { 'event.module': 'privx' } },
          { range: { '@timestamp': { lt: cutoff, format: 'epoch_millis' } } },
        ],
        must_not: [{ terms: { 'event.category': ['authentication', 'session'] } }],
      },
    });
    expect(retentionQuery(rules[2] as RetentionRule, rules, NOW)).toEqual({
      bool: {
        filter: [
          { term: { 'event.module': 'privx' } },
          { range: { '@timestamp': { lt: NOW.getTime() - 7 * 86_400_000, format: 'epoch_millis' } } },
          { term: { 'event.category': 'session' } },
        ],
      },
    });
  });

  it('states one lifecycle in ILM and in ISM: roll over, delete so long after the rollover', () => {
    const spec = lifecycleSpec({ prefix: 'vigil' }, 'privx', 730);
    expect(spec).toMatchObject({ policy: 'vigil-events-privx', indexPattern: 'vigil-events-privx-*' });
    expect(ilmPolicy(spec)).toMatchObject({
      policy: {
        phases: {
          hot: { actions: { rollover: { max_age: '1d', max_primary_shard_size: '50gb' } } },
          delete: { min_age: '730d', actions: { delete: {} } },
        },
      },
    });
    const ism = ismPolicy(spec) as { policy: { states: unknown[]; ism_template: unknown[]; description: string } };
    expect(ism.policy.states).toEqual([
      {
        name: 'hot',
        actions: [{ rollover: { min_index_age: '1d', min_primary_shard_size: '50gb' } }],
        transitions: [{ state_name: 'delete', conditions: { min_rollover_age: '730d' } }],
      },
      { name: 'delete', actions: [{ delete: {} }], transitions: [] },
    ]);
    expect(ism.policy.ism_template).toEqual([{ index_patterns: ['vigil-events-privx-*'], priority: 100 }]);
    expect(ism.policy.description).toContain(ismFingerprint(spec));
    expect(ismFingerprint(lifecycleSpec({ prefix: 'vigil' }, 'privx', 30))).not.toBe(ismFingerprint(spec));
  });
});

describe('engine mapping', () => {
  it('maps keywords normalized to lowercase, prose analyzed, vendor JSON dynamic, and a body catch-all', () => {
    const mappings = elasticEventMappings() as { properties: Record<string, { properties?: Record<string, unknown> }> };
    const event = mappings.properties.event?.properties ?? {};
    expect(event.action).toEqual({
      type: 'keyword',
      normalizer: 'vigil_lowercase',
      ignore_above: 8191,
      copy_to: 'body',
    });
    expect(event.code).toMatchObject({ fields: { num: { type: 'double', ignore_malformed: true } } });
    expect(event.original).toMatchObject({ type: 'text' });
    expect(event.original).not.toHaveProperty('copy_to');
    expect(mappings.properties.message).not.toHaveProperty('copy_to');
    expect(mappings.properties['@timestamp']).toEqual({ type: 'date', copy_to: 'body' });
    expect(mappings.properties.privx).toEqual({ type: 'object', dynamic: true });
    expect(mappings.properties.body).toEqual({ type: 'text', analyzer: 'vigil_text' });
    expect(JSON.stringify(mappings)).toContain('"geo_point"');
  });

  it('tells the compiler which field a path is queried through', () => {
    expect(engineFieldOf('message')).toMatchObject({ kind: 'text', keyword: 'message.keyword', numeric: undefined });
    expect(engineFieldOf('source.ip')).toMatchObject({ kind: 'ip', keyword: 'source.ip.keyword' });
    expect(engineFieldOf('event.code')).toMatchObject({ kind: 'keyword', numeric: 'event.code.num' });
    expect(engineFieldOf('privx.session_id')).toMatchObject({
      vendor: true,
      kind: undefined,
      numeric: 'privx.session_id.num',
    });
    expect(engineFieldOf('nothing.here')).toMatchObject({ vendor: false, kind: undefined, keyword: undefined });
  });
});
