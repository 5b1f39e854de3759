import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { openapiDocument } from '@vigil/search-api';

describe('the OpenAPI document the UI client is generated from', () => {
  it('is up to date with the server (run `npm run openapi` after changing a route schema)', async () => {
    const committed = readFileSync(new URL('../../ui/src/lib/api/openapi.json', import.meta.url), 'utf8');
    expect(await openapiDocument()).toBe(committed);
  });

  it('describes every route with its responses', async () => {
    const document = JSON.parse(await openapiDocument()) as {
      paths: Record<string, Record<string, { responses: object }>>;
    };
    for (const path of [
      '/api/v1/search',
      '/api/v1/geo',
      '/api/v1/tail',
      '/api/v1/events/{id}',
      '/api/v1/ingest/{source}',
    ]) {
      const operations = Object.values(document.paths[path] ?? {});
      expect(operations.length, path).toBeGreaterThan(0);
      for (const operation of operations)
        expect(Object.keys(operation.responses)).toContain(path.includes('ingest') ? '202' : '200');
    }
  });
});
