import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{schemas,ingest,search-api}/src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/bench/**'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
