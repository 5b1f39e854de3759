import { defineConfig } from 'vitest/config';

/**
 * Two groups: fast tests run in parallel first; then the tests that start real servers (Kafka,
 * OpenSearch, Elasticsearch, Chromium) run one file at a time, so two engines never fight over two
 * cores and a slow start does not look like a failure.
 */
const SERIAL = [
  'test/engines/**/*.test.ts',
  'test/distributed/**/*.test.ts',
  'test/contract/opensearch-store.test.ts',
  'test/contract/elasticsearch-store.test.ts',
  'test/browser/**/*.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 180_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{schemas,ingest,search-api,ui}/src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['**/node_modules/**', 'test/bench/**', ...SERIAL],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'servers',
          include: SERIAL,
          exclude: ['**/node_modules/**'],
          fileParallelism: false,
          testTimeout: 600_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
