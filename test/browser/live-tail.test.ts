import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { ServerProcess } from '../support/server-process.ts';
import {
  hitCount,
  launchChromium,
  openPage,
  poll,
  remoteRequests,
  screenshot,
  type TrackedPage,
} from './support/browser.ts';
import { authentikRecord, EXPECTED, PLACES } from './support/dataset.ts';
import { BUILD_AND_START_MS, ingest, ingestKnownEvents, startVigilWithUi } from './support/vigil.ts';

describe('live tail (real browser)', () => {
  let server: ServerProcess;
  let browser: Browser;
  let tab: TrackedPage;

  beforeAll(async () => {
    server = await startVigilWithUi();
    await ingestKnownEvents(server, Date.now());
    browser = await launchChromium();
    tab = await openPage(browser);
  }, BUILD_AND_START_MS);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('streams a matching event ingested while the page is open, and only matching ones', async () => {
    const { page } = tab;
    await page.goto(`${server.url}/?q=${encodeURIComponent('event.action:login_failed')}`);
    await poll(() => hitCount(page)).toBe(EXPECTED.failedLogins);
    await page.getByTestId('live-tail').click();
    await poll(() => page.locator('.dot.on').count()).toBe(1);

    const now = new Date();
    const lines = [
      authentikRecord({ at: now, user: 'mallory', action: 'login_failed', place: PLACES.berlin }),
      authentikRecord({ at: now, user: 'trent', action: 'login', place: PLACES.berlin }),
    ];
    await ingest(server, 'authentik', lines.map((line) => JSON.stringify(line)).join('\n'));

    const rows = page.getByTestId('result-row');
    await poll(() => rows.first().textContent()).toContain('mallory');
    expect(await page.getByTestId('live-count').textContent()).toContain('1 new');
    expect(await page.getByTestId('results').textContent()).not.toContain('trent');
    await poll(() => hitCount(page)).toBe(EXPECTED.failedLogins + 1);
    await screenshot(page, 'live-tail');
  });

  it('holds arrivals while paused and shows them on resume', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: 'Pause' }).click();
    const event = authentikRecord({ at: new Date(), user: 'oscar', action: 'login_failed', place: PLACES.wichita });
    await ingest(server, 'authentik', JSON.stringify(event));
    await poll(() => page.getByTestId('live-count').textContent()).toContain('1 waiting');
    expect(await page.getByTestId('results').textContent()).not.toContain('oscar');
    await page.getByRole('button', { name: 'Resume' }).click();
    await poll(() => page.getByTestId('results').textContent()).toContain('oscar');
  });

  it('made no request that left the machine', () => {
    expect(tab.requests.some((url) => url.includes('/api/v1/tail'))).toBe(true);
    expect(remoteRequests(tab.requests)).toEqual([]);
    expect(tab.errors).toEqual([]);
  });
});
