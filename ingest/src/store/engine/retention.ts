import {
  SOURCES,
  elasticDeadLetterMappings,
  elasticEventMappings,
  elasticIndexSettings,
  type EngineJson,
  type SourceName,
} from '@vigil/schemas';
import type { RetentionRule } from '../event-sink.ts';
import type { EngineClient, LifecycleManager, LifecycleSpec } from './engine-client.ts';

/**
 * Index layout and retention in the engines.
 *
 * Each source writes through a rollover alias `<prefix>-events-<source>` whose indices are
 * `<prefix>-events-<source>-000001`, `-000002`... (aliases rather than data streams: data streams
 * only take `create`, so a replayed event could not overwrite its earlier copy, and the
 * Elasticsearch integ-test build has no data streams). Deterministic ids make a replay overwrite
 * its copy in the current write index; a replay that straddles a rollover leaves a second copy in
 * the new index.
 *
 * Retention is per source, by the engine's own lifecycle manager (ILM on Elasticsearch, ISM on
 * OpenSearch): the write index rolls over by age or size and an index is deleted `days` after its
 * rollover. Index-level deletion cannot tell categories apart, so an index lives as long as the
 * longest rule of its source (category overrides included), and the scheduled retention job
 * (`EngineEventSink.applyRetention`) deletes by query what a shorter rule has expired, exactly as
 * the SQLite store does. Without a lifecycle manager (the Elasticsearch integ-test build) nothing
 * rolls over and that job is all the retention there is.
 */

export const DEFAULT_RETENTION_DAYS = 365;

export interface EngineLayoutOptions {
  /** Names every index, template and policy: `vigil` in production, unique per test file. */
  prefix: string;
  shards?: number;
  replicas?: number;
  rollover?: LifecycleSpec['rollover'];
}

export const eventsAlias = (prefix: string, source: string) => `${prefix}-events-${source}`;
/** Every event index of every source (aliases resolve to the same indices, counted once). */
export const eventsPattern = (prefix: string) => `${prefix}-events-*`;
export const deadLetterIndex = (prefix: string) => `${prefix}-dead-letters`;

const DAY_MS = 86_400_000;
const DEFAULT_ROLLOVER: LifecycleSpec['rollover'] = { maxAge: '1d', maxPrimaryShardSize: '50gb' };

/** How long an index of `source` must live: the longest of the source's rules. */
export function indexRetentionDays(rules: readonly RetentionRule[], source: string): number {
  const own = rules.filter((rule) => rule.source === source).map((rule) => rule.days);
  return own.length > 0 ? Math.max(...own) : DEFAULT_RETENTION_DAYS;
}

export function lifecycleSpec(options: EngineLayoutOptions, source: string, days: number): LifecycleSpec {
  const alias = eventsAlias(options.prefix, source);
  return {
    policy: alias,
    indexPattern: `${alias}-*`,
    rolloverAlias: alias,
    deleteAfterDays: days,
    rollover: options.rollover ?? DEFAULT_ROLLOVER,
  };
}

/**
 * What one rule expires, as the SQLite store decides it: events of the source older than the rule;
 * a source-wide rule leaves alone the categories that have a rule of their own.
 */
export function retentionQuery(rule: RetentionRule, all: readonly RetentionRule[], now: Date): EngineJson {
  const cutoff = now.getTime() - rule.days * DAY_MS;
  const filter: EngineJson[] = [
    { term: { 'event.module': rule.source } },
    { range: { '@timestamp': { lt: cutoff, format: 'epoch_millis' } } },
  ];
  if (rule.category) filter.push({ term: { 'event.category': rule.category } });
  const own = rule.category
    ? []
    : all.filter((r) => r.source === rule.source && r.category).map((r) => r.category as string);
  return { bool: { filter, ...(own.length > 0 ? { must_not: [{ terms: { 'event.category': own } }] } : {}) } };
}

function eventTemplate(
  options: EngineLayoutOptions,
  client: EngineClient,
  spec: LifecycleSpec,
  manager: LifecycleManager,
) {
  return {
    index_patterns: [spec.indexPattern],
    priority: 200,
    _meta: { managed_by: 'vigil' },
    template: {
      settings: {
        index: elasticIndexSettings({ shards: options.shards ?? 1, replicas: options.replicas ?? 1 }),
        ...client.lifecycleSettings(spec, manager),
      },
      mappings: elasticEventMappings(),
    },
  };
}

async function aliasExists(client: EngineClient, alias: string): Promise<boolean> {
  return (await client.request({ method: 'HEAD', path: `/_alias/${encodeURIComponent(alias)}` })).status === 200;
}

/**
 * Creates what the store needs, idempotently (safe at every start, from several replicas): per
 * source the lifecycle policy, the index template and the first index behind the write alias; and
 * the dead-letter index. Policies are rewritten when the retention changed.
 */
export async function ensureEngineStore(
  client: EngineClient,
  options: EngineLayoutOptions,
  rules: readonly RetentionRule[],
  sources: readonly SourceName[] = SOURCES,
): Promise<LifecycleManager> {
  const manager = await client.lifecycleManager();
  for (const source of sources) {
    const spec = lifecycleSpec(options, source, indexRetentionDays(rules, source));
    await client.putLifecyclePolicy(spec);
    await client.putIndexTemplate(spec.rolloverAlias, eventTemplate(options, client, spec, manager));
    if (!(await aliasExists(client, spec.rolloverAlias))) {
      await client.createIndex(`${spec.rolloverAlias}-000001`, {
        aliases: { [spec.rolloverAlias]: { is_write_index: true } },
      });
    }
  }
  await client.createIndex(deadLetterIndex(options.prefix), {
    settings: { index: { number_of_shards: 1, number_of_replicas: options.replicas ?? 1 } },
    mappings: elasticDeadLetterMappings(),
  });
  return manager;
}
