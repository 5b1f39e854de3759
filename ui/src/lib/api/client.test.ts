import { describe, expect, it } from 'vitest';
import { apiGet, ApiError, buildUrl, tailUrl } from './client.ts';

function fakeFetch(status: number, body: unknown, seen: string[] = []): typeof fetch {
  return (async (input: RequestInfo | URL) => {
    seen.push(String(input));
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
}

describe('the typed API client', () => {
  it('builds URLs from path parameters and the query, leaving out empty values', () => {
    expect(buildUrl('/api/v1/events/{id}', { path: { id: 'a/b c' } })).toBe('/api/v1/events/a%2Fb%20c');
    expect(buildUrl('/api/v1/search', { query: { q: 'a:b', from: 'now-1h', size: 0, cursor: '' } })).toBe(
      '/api/v1/search?q=a%3Ab&from=now-1h&size=0',
    );
    expect(tailUrl({ q: 'x' })).toBe('/api/v1/tail?q=x');
    expect(() => buildUrl('/api/v1/events/{id}', {})).toThrow(/missing path parameter id/);
  });

  it('answers the body of a 200', async () => {
    const seen: string[] = [];
    const body = { fields: [{ name: 'a', type: 'keyword', count: 1, indexed: true }], sampled: 1 };
    expect(await apiGet('/api/v1/fields', { query: { q: 'x' } }, fakeFetch(200, body, seen))).toEqual(body);
    expect(seen).toEqual(['/api/v1/fields?q=x']);
  });

  it('turns an API error into an ApiError with its column', async () => {
    const failure = apiGet(
      '/api/v1/search',
      { query: { q: 'a AND (' } },
      fakeFetch(400, { error: { code: 'query_syntax', message: "expected ')'", column: 7 } }),
    );
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ status: 400, code: 'query_syntax', column: 7 });
    await expect(apiGet('/api/v1/health', {}, fakeFetch(502, 'bad gateway'))).rejects.toMatchObject({
      code: 'http_error',
      status: 502,
    });
  });
});
