import { describe, expect, it } from 'vitest';
import { hitCount, poll, remoteRequests, screenshot } from './support/browser.ts';
import { authentikRecord, EXPECTED, PLACES } from './support/dataset.ts';
import { browserSession, ingest } from './support/vigil.ts';

describe('live tail (real browser)', () => {
  const session = browserSession();

  it('streams a matching event ingested while the page is open, and only matching ones', async () => {
    const { page } = session.tab;
    await page.goto(`${session.server.url}/?q=${encodeURIComponent('event.action:login_failed')}`);
    await poll(() => hitCount(page)).toBe(EXPECTED.failedLogins);
    await page.getByTestId('live-tail').click();
    await poll(() => page.locator('.dot.on').count()).toBe(1);

    const now = new Date();
    const lines = [
      authentikRecord({ at: now, user: 'mallory', action: 'login_failed', place: PLACES.berlin }),
      authentikRecord({ at: now, user: 'trent', action: 'login', place: PLACES.berlin }),
    ];
    await ingest(session.server, 'authentik', lines.map((line) => JSON.stringify(line)).join('\n'));

    const rows = page.getByTestId('result-row');
    await poll(() => rows.first().textContent()).toContain('mallory');
    expect(await page.getByTestId('live-count').textContent()).toContain('1 new');
    expect(await page.getByTestId('results').textContent()).not.toContain('trent');
    await poll(() => hitCount(page)).toBe(EXPECTED.failedLogins + 1);
    await screenshot(page, 'live-tail');
  });

  it('holds arrivals while paused and shows them on resume', async () => {
    const { page } = session.tab;
    await page.getByRole('button', { name: 'Pause' }).click();
    const event = authentikRecord({ at: new Date(), user: 'oscar', action: 'login_failed', place: PLACES.wichita });
    await ingest(session.server, 'authentik', JSON.stringify(event));
    await poll(() => page.getByTestId('live-count').textContent()).toContain('1 waiting');
    expect(await page.getByTestId('results').textContent()).not.toContain('oscar');
    await page.getByRole('button', { name: 'Resume' }).click();
    await poll(() => page.getByTestId('results').textContent()).toContain('oscar');
  });

  it('made no request that left the machine', () => {
    expect(session.tab.requests.some((url) => url.includes('/api/v1/tail'))).toBe(true);
    expect(remoteRequests(session.tab.requests)).toEqual([]);
    expect(session.tab.errors).toEqual([]);
  });
});
