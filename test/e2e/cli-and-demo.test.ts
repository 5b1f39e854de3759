import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startTestVigil } from '../support/embedded.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/vendor/${name}`, import.meta.url));

describe('the vigil CLI', () => {
  it('imports files with a summary and the rejected lines, and runs retention', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vigil-cli-'));
    const env = { ...process.env, VIGIL_DATA_DIR: dataDir, VIGIL_DEMO_DATA: 'false' };
    try {
      const bad = join(dataDir, 'mixed.ndjson');
      writeFileSync(bad, '{"event_id":"10","message":{"timestamp":"2026-01-01T00:00:00Z"}}\nnot json\n');
      const imported = await run(
        process.execPath,
        ['bin/vigil.mjs', 'import', fixture('privx.ndjson'), '--source', 'privx', '--no-progress'],
        { cwd: ROOT, env },
      );
      expect(imported.stdout).toMatch(/imported 9 records \(\d+ new events stored, 0 dead-lettered\), rejected 0/);
      const mixed = await run(
        process.execPath,
        ['bin/vigil.mjs', 'import', bad, '--source', 'privx', '--no-progress'],
        { cwd: ROOT, env },
      );
      expect(mixed.stdout).toMatch(/imported 1 records .* rejected 1/);
      expect(mixed.stdout).toMatch(/rejected line 2: invalid JSON/);
      const retention = await run(process.execPath, ['bin/vigil.mjs', 'retention', 'run'], {
        cwd: ROOT,
        env: { ...env, VIGIL_RETENTION_DAYS: '30' },
      });
      // The fixture events are from early 2026, older than 30 days by now: retention removes them all.
      expect(retention.stdout).toMatch(/retention: deleted [1-9]\d* expired events/);
      await expect(
        run(process.execPath, ['bin/vigil.mjs', 'import', fixture('privx.ndjson'), '--source', 'splunk'], {
          cwd: ROOT,
          env,
        }),
      ).rejects.toMatchObject({ stderr: expect.stringMatching(/unknown source/) });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('demo data', () => {
  it('loads events from all five sources over the last 7 days on the first start', async () => {
    const vigil = await startTestVigil({ VIGIL_DEMO_DATA: 'true', VIGIL_DEMO_EVENTS: '800' });
    try {
      const deadline = Date.now() + 30_000;
      while (vigil.pipeline.queue.depth() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const sources = (await vigil.app.inject({ url: '/api/v1/sources' })).json().sources as {
        source: string;
        count: number;
        first: string;
      }[];
      expect(sources.map((s) => s.source).sort()).toEqual(['akeyless', 'authentik', 'czertainly', 'keeper', 'privx']);
      expect(sources.reduce((n, s) => n + s.count, 0)).toBeGreaterThan(700);
      for (const s of sources) expect(Date.parse(s.first)).toBeGreaterThan(Date.now() - 8 * 86_400_000);
      const map = (await vigil.app.inject({ url: '/api/v1/geo?from=now-8d&zoom=1' })).json();
      expect(map.countries.length).toBeGreaterThanOrEqual(15);
    } finally {
      await vigil.close();
    }
  });
});
