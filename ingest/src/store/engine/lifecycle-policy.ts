import { createHash } from 'node:crypto';
import type { EngineJson } from '@vigil/schemas';
import type { LifecycleSpec } from './engine-client.ts';

/**
 * The same lifecycle in each engine's language: the write index rolls over at an age or size; an
 * index is deleted `deleteAfterDays` after its rollover, when its newest event is about that old.
 */

/** Elasticsearch ILM: the delete phase's min_age counts from the rollover. */
export function ilmPolicy(spec: LifecycleSpec): EngineJson {
  return {
    policy: {
      _meta: { managed_by: 'vigil' },
      phases: {
        hot: {
          min_age: '0ms',
          actions: {
            rollover: { max_age: spec.rollover.maxAge, max_primary_shard_size: spec.rollover.maxPrimaryShardSize },
          },
        },
        delete: { min_age: `${spec.deleteAfterDays}d`, actions: { delete: {} } },
      },
    },
  };
}

function ismStates(spec: LifecycleSpec): EngineJson[] {
  return [
    {
      name: 'hot',
      actions: [
        {
          rollover: {
            min_index_age: spec.rollover.maxAge,
            min_primary_shard_size: spec.rollover.maxPrimaryShardSize,
          },
        },
      ],
      transitions: [{ state_name: 'delete', conditions: { min_rollover_age: `${spec.deleteAfterDays}d` } }],
    },
    { name: 'delete', actions: [{ delete: {} }], transitions: [] },
  ];
}

/** A fingerprint of what the policy says, kept in its description so an unchanged policy is not rewritten. */
export function ismFingerprint(spec: LifecycleSpec): string {
  return createHash('sha1')
    .update(JSON.stringify([ismStates(spec), spec.indexPattern]))
    .digest('hex')
    .slice(0, 16);
}

/**
 * OpenSearch ISM: `ism_template` attaches the policy to every new index of the pattern (the
 * rollover alias itself is an index setting from the template).
 */
export function ismPolicy(spec: LifecycleSpec): EngineJson {
  return {
    policy: {
      description: `vigil retention ${spec.deleteAfterDays}d (${ismFingerprint(spec)})`,
      default_state: 'hot',
      states: ismStates(spec),
      ism_template: [{ index_patterns: [spec.indexPattern], priority: 100 }],
    },
  };
}
