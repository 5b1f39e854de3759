/**
 * Index lifecycle in the real engines.
 *
 * OpenSearch: with the ISM plugin, Vigil's retention policy attaches itself to new event indices
 * through its ism_template, and an ISM policy with a one-minute min_index_age really deletes an old
 * index (job interval one minute; the wait is bounded at five). The plugin's zip is not on Maven
 * Central, so deploy/ installs it only from OPENSEARCH_ISM_ZIP; without it, Vigil writes no ISM
 * policy and retention runs as delete-by-query, which is checked to delete.
 *
 * Elasticsearch: the integ-test build the tests run has no ILM (ILM is an x-pack module it does not
 * ship), so the ILM case cannot watch an index expire. It is covered by asking `GET _ilm/status`
 * and asserting the path Vigil takes: where ILM answers, the policy is accepted and the template
 * attaches it; where it does not, Vigil writes no policy and no lifecycle settings (the engine
 * would refuse them) and retention runs as delete-by-query, which is checked to delete.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { retentionRules, type RetentionRule } from '@vigil/ingest';
import { ElasticsearchEngineClient } from '../../ingest/src/store/engine/elasticsearch-client.ts';
import type { EngineClient, EngineRequest } from '../../ingest/src/store/engine/engine-client.ts';
import { EngineEventSink } from '../../ingest/src/store/engine/engine-sink.ts';
import { OpenSearchEngineClient } from '../../ingest/src/store/engine/opensearch-client.ts';
import { ensureEngineStore, eventsAlias } from '../../ingest/src/store/engine/retention.ts';
import { testPrefix } from '../contract/engine-store.ts';
import { startElasticsearch, startOpenSearch } from '../support/engines.ts';
import { makeEvent } from '../support/events.ts';

const ISM_WAIT_MS = 5 * 60_000;
const DAY_MS = 86_400_000;

const opensearch = await startOpenSearch({ env: { OPENSEARCH_ISM_JOB_INTERVAL: '1' } });
const elasticsearch = await startElasticsearch();
afterAll(async () => {
  await Promise.all([opensearch.stop(), elasticsearch.stop()]);
});

async function body(client: EngineClient, request: EngineRequest): Promise<Record<string, unknown>> {
  const response = await client.request(request);
  if (response.status >= 300)
    throw new Error(`${request.method} ${request.path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as Record<string, unknown>;
}

async function dropPrefix(client: EngineClient, prefix: string): Promise<void> {
  await client.request({ method: 'DELETE', path: `/${prefix}-*`, querystring: { expand_wildcards: 'all' } });
  await client.request({ method: 'DELETE', path: `/_index_template/${prefix}-*` });
}

/** The index's effective settings, flattened (`index.lifecycle.name`, ...). */
async function indexSettings(client: EngineClient, index: string): Promise<Record<string, unknown>> {
  const settings = await body(client, {
    method: 'GET',
    path: `/${index}/_settings`,
    querystring: { flat_settings: true },
  });
  return (Object.values(settings)[0] as { settings: Record<string, unknown> }).settings;
}

async function attachedPolicy(client: EngineClient, index: string): Promise<unknown> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const explained = await body(client, { method: 'GET', path: `/_plugins/_ism/explain/${index}` });
    const policy = (explained[index] as Record<string, unknown> | undefined)?.[
      'index.plugins.index_state_management.policy_id'
    ];
    if (policy || Date.now() > deadline) return policy;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** A 40-day-old and a 1-day-old event under a 30-day rule: the retention pass deletes the old one only. */
async function expectRetentionByQuery(
  client: EngineClient,
  prefix: string,
  alias: string,
  rules: RetentionRule[],
): Promise<void> {
  const sink = new EngineEventSink(client, { prefix });
  const now = Date.now();
  await sink.write({
    events: [
      makeEvent({ at: new Date(now - 40 * DAY_MS), source: 'privx', user: 'old' }),
      makeEvent({ at: new Date(now - DAY_MS), source: 'privx', user: 'new' }),
    ],
    deadLetters: [],
  });
  await client.refresh(`${alias}-*`);
  expect(await sink.applyRetention(rules, new Date(now))).toBe(1);
  await client.refresh(`${alias}-*`);
  const left = await body(client, { method: 'POST', path: `/${alias}/_count`, body: {} });
  expect(left.count).toBe(1);
}

describe('OpenSearch retention: ISM where the plugin is installed (its zip is not on Maven Central)', () => {
  const client = new OpenSearchEngineClient({ node: opensearch.url });
  afterAll(() => client.close());

  it(
    'attaches the ISM policy exactly when ISM exists, and expires events by query either way',
    async () => {
      const prefix = testPrefix();
      const alias = eventsAlias(prefix, 'privx');
      const policyPath = `/_plugins/_ism/policies/${alias}`;
      const rules = retentionRules(365, [{ source: 'privx', days: 30 }]);
      try {
        const manager = await ensureEngineStore(client, { prefix, replicas: 0 }, rules, ['privx']);
        const index = `${alias}-000001`;
        if (opensearch.info.ISM === 'true') {
          expect(manager).toBe('ism');
          expect(JSON.stringify(await body(client, { method: 'GET', path: policyPath }))).toContain(
            '"min_rollover_age":"30d"',
          );
          // ISM matches ism_template to new indices from a cluster-state listener, shortly after creation.
          expect(await attachedPolicy(client, index)).toBe(alias);
          await expectIsmDeletesAnOldIndex(prefix);
        } else {
          expect(manager).toBe('none');
          expect((await client.request({ method: 'GET', path: policyPath })).status).toBeGreaterThanOrEqual(400);
          const settings = await indexSettings(client, index);
          expect(Object.keys(settings).filter((key) => key.includes('index_state_management'))).toEqual([]);
        }

        // The scheduled retention job expires by query on every installation.
        await expectRetentionByQuery(client, prefix, alias, rules);
      } finally {
        await client.request({ method: 'DELETE', path: policyPath });
        await dropPrefix(client, prefix);
      }
    },
    ISM_WAIT_MS + 60_000,
  );

  /** With ISM: a policy of min_index_age 1m (job interval one minute) really deletes an index. */
  async function expectIsmDeletesAnOldIndex(prefix: string): Promise<void> {
    const index = `${prefix}-old-000001`;
    const policy = `${prefix}-expire-fast`;
    try {
      await body(client, {
        method: 'PUT',
        path: '/_cluster/settings',
        body: { persistent: { 'plugins.index_state_management.job_interval': 1 } },
      });
      await body(client, {
        method: 'PUT',
        path: `/_plugins/_ism/policies/${policy}`,
        body: {
          policy: {
            description: 'test: delete after one minute',
            default_state: 'hot',
            states: [
              {
                name: 'hot',
                actions: [],
                transitions: [{ state_name: 'delete', conditions: { min_index_age: '1m' } }],
              },
              { name: 'delete', actions: [{ delete: {} }], transitions: [] },
            ],
          },
        },
      });
      await client.createIndex(index, { settings: { index: { number_of_shards: 1, number_of_replicas: 0 } } });
      await body(client, { method: 'POST', path: `/_plugins/_ism/add/${index}`, body: { policy_id: policy } });
      const deadline = Date.now() + ISM_WAIT_MS;
      let exists = true;
      while (exists && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 5000));
        exists = (await client.request({ method: 'HEAD', path: `/${index}` })).status === 200;
      }
      expect(exists, `ISM did not delete ${index} within ${ISM_WAIT_MS / 60_000} minutes`).toBe(false);
    } finally {
      await client.request({ method: 'DELETE', path: `/_plugins/_ism/policies/${policy}` });
    }
  }
});

describe('Elasticsearch ILM: accepted where GET _ilm/status answers (the integ-test build has none)', () => {
  const client = new ElasticsearchEngineClient({ node: elasticsearch.url });
  afterAll(() => client.close());

  it('creates the policy and lifecycle settings exactly when ILM exists, and expires events either way', async () => {
    const status = await client.request({ method: 'GET', path: '/_ilm/status' });
    const prefix = testPrefix();
    const alias = eventsAlias(prefix, 'privx');
    const rules = retentionRules(365, [{ source: 'privx', days: 30 }]);
    try {
      const manager = await ensureEngineStore(client, { prefix, replicas: 0 }, rules, ['privx']);
      const settings = await indexSettings(client, `${alias}-000001`);
      const template = JSON.stringify(await body(client, { method: 'GET', path: `/_index_template/${alias}` }));
      if (status.status === 200) {
        expect(manager).toBe('ilm');
        const policy = await body(client, { method: 'GET', path: `/_ilm/policy/${alias}` });
        expect(JSON.stringify(policy)).toContain('"min_age":"30d"');
        expect(settings['index.lifecycle.name']).toBe(alias);
        expect(settings['index.lifecycle.rollover_alias']).toBe(alias);
      } else {
        expect(status.status).toBeGreaterThanOrEqual(400);
        expect(manager).toBe('none');
        expect(template).not.toContain('lifecycle');
        expect(Object.keys(settings).filter((key) => key.includes('lifecycle'))).toEqual([]);
      }

      // The scheduled retention job expires by query on every build.
      await expectRetentionByQuery(client, prefix, alias, rules);
    } finally {
      await client.request({ method: 'DELETE', path: `/_ilm/policy/${alias}` });
      await dropPrefix(client, prefix);
    }
  });
});
