import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, startEmbedded, type EmbeddedVigil } from '@vigil/search-api';

/** An embedded Vigil over a fresh data folder, for in-process API tests (`app.inject`). */
export async function startTestVigil(env: Record<string, string> = {}): Promise<EmbeddedVigil & { dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-test-'));
  const config = loadConfig({ VIGIL_DATA_DIR: dataDir, VIGIL_DEMO_DATA: 'false', LOG_LEVEL: 'silent', ...env });
  const vigil = await startEmbedded(config, { uiDir: false });
  return {
    ...vigil,
    dataDir,
    async close() {
      await vigil.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
