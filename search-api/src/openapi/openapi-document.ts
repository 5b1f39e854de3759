import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config.ts';
import { startEmbedded } from '../embedded.ts';

/**
 * The OpenAPI document exactly as the server generates it (from the route schemas), produced
 * without listening on a port: the UI's typed client is generated from it.
 */
export async function openapiDocument(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-openapi-'));
  try {
    const config = loadConfig({ VIGIL_DATA_DIR: dataDir, VIGIL_DEMO_DATA: 'false', LOG_LEVEL: 'silent' });
    const vigil = await startEmbedded(config, { uiDir: false, workers: 0 });
    try {
      await vigil.app.ready();
      return `${JSON.stringify(vigil.app.swagger(), null, 2)}\n`;
    } finally {
      await vigil.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
