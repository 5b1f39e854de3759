import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startServer, type ServerProcess } from '../../support/server-process.ts';
import { launchChromium, openPage, type TrackedPage } from './browser.ts';
import { ensureUiBuilt } from './ui-build.ts';
import { locatedLogins, modelUpdated } from './dataset.ts';

/** A clean checkout builds the UI in the first test file's beforeAll: allow for a slow machine. */
export const BUILD_AND_START_MS = 300_000;

/** The real server with the built UI and the browser tests' known events. */
export async function startVigilWithUi(): Promise<ServerProcess> {
  await ensureUiBuilt();
  return startServer({ VIGIL_DEMO_DATA: 'false' });
}

export async function ingest(server: ServerProcess, source: string, body: string): Promise<number> {
  const response = await fetch(`${server.url}/api/v1/ingest/${source}?wait=true`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson' },
    body,
  });
  const result = (await response.json()) as { accepted: number; rejected: unknown[] };
  if (response.status !== 202 || result.rejected.length > 0) {
    throw new Error(`ingest ${source} answered ${response.status}: ${JSON.stringify(result)}`);
  }
  return result.accepted;
}

export async function ingestKnownEvents(server: ServerProcess, now: number): Promise<void> {
  await ingest(server, 'authentik', locatedLogins(now));
  await ingest(server, 'authentik', modelUpdated(now));
}

export async function searchApi<T = { total: number; hits: { id: string }[] }>(
  server: ServerProcess,
  params: Record<string, string>,
): Promise<T> {
  const response = await fetch(`${server.url}/api/v1/search?${new URLSearchParams(params)}`);
  if (!response.ok) throw new Error(`search answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

export interface BrowserSession {
  readonly server: ServerProcess;
  readonly tab: TrackedPage;
}

/**
 * For a describe block: before its tests, the real server with the built UI and the known events
 * (plus what `seed` ingests) and one Chromium tab; after them, both gone.
 */
export function browserSession(seed?: (server: ServerProcess) => Promise<void>): BrowserSession {
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  let tab: TrackedPage | undefined;
  beforeAll(async () => {
    server = await startVigilWithUi();
    await ingestKnownEvents(server, Date.now());
    await seed?.(server);
    browser = await launchChromium();
    tab = await openPage(browser);
  }, BUILD_AND_START_MS);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the browser session did not start (see beforeAll)');
    return value;
  };
  return {
    get server() {
      return ready(server);
    },
    get tab() {
      return ready(tab);
    },
  };
}
