import type { PerformanceResourceTiming } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import type { ServerProcess } from '../support/server-process.ts';
import { hitCount, poll, remoteRequests, screenshot } from './support/browser.ts';
import { EXPECTED } from './support/dataset.ts';
import { browserSession, ingest } from './support/vigil.ts';

const SCROLL_EVENTS = 230;

/** Events three days ago, outside the default range: enough for several pages of results. */
function pageOfGenericEvents(start: number, count: number): string {
  return Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      timestamp: new Date(start + i * 1000).toISOString(),
      message: `scroll event ${i}`,
      user: 'scroller',
    }),
  ).join('\n');
}

describe('search page (real browser)', () => {
  const session = browserSession(async (server: ServerProcess) => {
    await ingest(server, 'generic', pageOfGenericEvents(Date.now() - 3 * 86_400_000, SCROLL_EVENTS));
  });

  it('shows every event of the default range, then the count of a typed query', async () => {
    const { page } = session.tab;
    await page.goto(`${session.server.url}/`);
    await poll(() => hitCount(page)).toBe(EXPECTED.total);
    await poll(() => page.getByTestId('result-row').count()).toBe(EXPECTED.total);
    await screenshot(page, 'search');

    await page.keyboard.press('/');
    await page.keyboard.type('user.name:bob');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    await poll(() => hitCount(page)).toBe(EXPECTED.byUser.bob);
    expect(new URL(page.url()).searchParams.get('q')).toBe('user.name:bob');
  });

  it('underlines the column of a syntax error', async () => {
    const { page } = session.tab;
    await page.goto(`${session.server.url}/?q=${encodeURIComponent('user.name:alice AND (')}`);
    const message = page.getByTestId('query-error');
    await poll(() => message.textContent()).toMatch(/column \d+/);
    const column = Number(/column (\d+)/.exec((await message.textContent()) ?? '')?.[1]);
    expect(column).toBeGreaterThan(15);
    const mark = page.getByTestId('syntax-mark');
    expect(await mark.isVisible()).toBe(true);
    // The mark sits after the text before the column: its left edge moves right with the column.
    const before = await page.locator('.mirror .before').textContent();
    expect(before).toBe('user.name:alice AND ('.slice(0, column - 1));
    await screenshot(page, 'search-syntax-error');
  });

  it('adds field:value from the field sidebar and counts exactly', async () => {
    const { page } = session.tab;
    await page.goto(`${session.server.url}/`);
    await poll(() => hitCount(page)).toBe(EXPECTED.total);
    await page.getByRole('button', { name: 'user.name', exact: true }).click();
    const stats = page.getByTestId('field-stats');
    await poll(() => stats.getByTestId('field-value').count()).toBe(4);
    expect(await stats.getByTestId('field-value').first().textContent()).toContain('alice');
    expect(await stats.getByTestId('field-value-count').first().textContent()).toBe(String(EXPECTED.byUser.alice));
    await screenshot(page, 'search-field-stats');

    await page.getByRole('button', { name: 'Filter for user.name: carol' }).first().click();
    await poll(() => new URL(page.url()).searchParams.get('q')).toBe('user.name:carol');
    await poll(() => hitCount(page)).toBe(EXPECTED.byUser.carol);

    // The field stays open across the new query, its counts now those of carol's events.
    await poll(() => stats.getByTestId('field-value').count()).toBe(1);
    await page.getByRole('button', { name: 'Filter out user.name: carol' }).first().click();
    await poll(() => new URL(page.url()).searchParams.get('q')).toBe('NOT user.name:carol');
    await poll(() => hitCount(page)).toBe(EXPECTED.total - EXPECTED.byUser.carol);
  });

  it('zooms the time range by brushing the volume chart', async () => {
    const { page } = session.tab;
    await page.goto(`${session.server.url}/`);
    await poll(() => hitCount(page)).toBe(EXPECTED.total);
    const plot = page.locator('.u-over');
    await plot.waitFor();
    const box = await plot.boundingBox();
    if (!box) throw new Error('the chart has no plot area');
    // The chart spans the last 24 h: 60%..88% of its width is ~9.6 h..~2.9 h ago, the older burst only.
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width * 0.6, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.75, y, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.88, y, { steps: 5 });
    await page.mouse.up();
    await poll(() => new URL(page.url()).searchParams.get('from')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const params = new URL(page.url()).searchParams;
    expect(Date.parse(params.get('to') ?? '')).toBeGreaterThan(Date.parse(params.get('from') ?? ''));
    await poll(() => hitCount(page)).toBe(EXPECTED.older);
    await screenshot(page, 'search-brushed');
  });

  it('suggests field names and values while typing', async () => {
    const { page } = session.tab;
    await page.goto(`${session.server.url}/`);
    await poll(() => hitCount(page)).toBe(EXPECTED.total);
    await page.keyboard.press('/');
    await page.keyboard.type('user.na');
    const options = page.getByRole('listbox').getByRole('option');
    const texts = async () => (await options.allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());
    await poll(() => options.first().textContent()).toContain('user.name');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await poll(() => page.locator('#query-input').inputValue()).toBe('user.name:');
    await poll(texts).toEqual([
      `alice ${EXPECTED.byUser.alice}`,
      `bob ${EXPECTED.byUser.bob}`,
      `carol ${EXPECTED.byUser.carol}`,
      `dave ${EXPECTED.byUser.dave}`,
    ]);
    await page.keyboard.type('da');
    await poll(texts).toEqual([`dave ${EXPECTED.byUser.dave}`]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await poll(() => hitCount(page)).toBe(EXPECTED.byUser.dave);
    expect(new URL(page.url()).searchParams.get('q')).toBe('user.name:dave');
  });

  it('loads further pages while scrolling (the API cursor)', async () => {
    const { page } = session.tab;
    await page.goto(`${session.server.url}/?from=now-73h&to=now-71h`);
    await poll(() => hitCount(page)).toBe(SCROLL_EVENTS);
    const rows = page.getByTestId('result-row');
    await poll(() => rows.count()).toBe(100);
    for (let i = 0; i < 10 && (await rows.count()) < SCROLL_EVENTS; i++) {
      await rows.last().scrollIntoViewIfNeeded();
      await page.waitForTimeout(200);
    }
    await poll(() => rows.count()).toBe(SCROLL_EVENTS);
    expect(await rows.first().textContent()).toContain(`scroll event ${SCROLL_EVENTS - 1}`);
    expect(await rows.last().textContent()).toContain('scroll event 0');
  });

  it('shows a pipe query as a table', async () => {
    const { page } = session.tab;
    await page.goto(`${session.server.url}/?q=${encodeURIComponent('| stats count by user.name | sort -count')}`);
    const table = page.getByTestId('pipe-table');
    await poll(() => table.locator('tbody tr').count()).toBe(4);
    expect(await table.locator('tbody tr').first().textContent()).toContain('alice');
    expect(await table.locator('tbody tr').first().textContent()).toContain(String(EXPECTED.byUser.alice));
    await screenshot(page, 'search-pipe-table');

    await page.goto(`${session.server.url}/?q=${encodeURIComponent('| timechart count by user.name')}`);
    await poll(() => page.getByRole('list', { name: 'Chart series' }).textContent()).toMatch(
      new RegExp(`alice\\s*${EXPECTED.byUser.alice}`),
    );
    expect(await page.getByTestId('pipe-table').locator('thead').textContent()).toContain('_time');
  });

  it('does not ship the map library to the search page', async () => {
    const { page } = session.tab;
    await page.goto(`${session.server.url}/`);
    await poll(() => hitCount(page)).toBe(EXPECTED.total);
    const scripts = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => /\.m?js$/.test(new URL(entry.name).pathname))
        .map((entry) => (entry as PerformanceResourceTiming).decodedBodySize),
    );
    expect(scripts.length).toBeGreaterThan(3);
    // maplibre-gl alone is over 1 MB; the whole search page stays far below it.
    expect(scripts.reduce((sum, size) => sum + size, 0)).toBeLessThan(400_000);
  });

  it('made no request that left the machine', () => {
    expect(session.tab.requests.length).toBeGreaterThan(0);
    expect(remoteRequests(session.tab.requests)).toEqual([]);
    expect(session.tab.errors.filter((error) => !/status of 400/.test(error))).toEqual([]);
  });
});
