import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';

const here = fileURLToPath(new URL('.', import.meta.url));
const uiRoot = join(here, '../../..');

/** Runs the same generator `npm run gen:api` runs and formats the result the same way. */
async function regenerate(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-api-types-'));
  try {
    const out = join(dir, 'schema.d.ts');
    const cli = join(uiRoot, 'node_modules/openapi-typescript/bin/cli.js');
    execFileSync(process.execPath, [cli, join(here, 'openapi.json'), '-o', out], { stdio: 'pipe' });
    const target = join(here, 'schema.d.ts');
    const options = (await resolveConfig(target)) ?? {};
    return format(readFileSync(out, 'utf8'), { ...options, filepath: target });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the generated API client types', () => {
  it('match the OpenAPI document (run `npm run gen:api -w ui` after an API change)', async () => {
    const committed = readFileSync(join(here, 'schema.d.ts'), 'utf8');
    expect(committed).toBe(await regenerate());
  });

  it('cover every route the UI calls', () => {
    const document = JSON.parse(readFileSync(join(here, 'openapi.json'), 'utf8')) as { paths: Record<string, unknown> };
    for (const path of ['/api/v1/search', '/api/v1/events/{id}', '/api/v1/fields', '/api/v1/geo', '/api/v1/tail']) {
      expect(Object.keys(document.paths)).toContain(path);
    }
  });
});
