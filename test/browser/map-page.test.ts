import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { hitCount, poll, remoteRequests, screenshot } from './support/browser.ts';
import { EXPECTED } from './support/dataset.ts';
import { browserSession } from './support/vigil.ts';

async function clusterCounts(page: Page): Promise<number[]> {
  const counts = await page
    .locator('.cluster')
    .evaluateAll((elements) => elements.map((e) => e.getAttribute('data-count')));
  return counts.map(Number);
}

async function centerOf(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element is not on screen');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * The map really drew (WebGL in headless Chromium): a screenshot of the map holds both the water and
 * the land colour of the dark basemap. The screenshot is decoded by the page itself (no PNG library).
 */
async function basemapColours(page: Page): Promise<{ water: number; land: number }> {
  const map = page.getByTestId('map');
  const png = await map.screenshot();
  return map.evaluate(async (element, base64) => {
    const doc = element.ownerDocument;
    const image = doc.createElement('img');
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = doc.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d');
    if (!context) return { water: 0, land: 0 };
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, image.width, image.height).data;
    const near = (i: number, [r, g, b]: number[]) =>
      Math.abs((pixels[i] ?? 0) - (r ?? 0)) <= 3 &&
      Math.abs((pixels[i + 1] ?? 0) - (g ?? 0)) <= 3 &&
      Math.abs((pixels[i + 2] ?? 0) - (b ?? 0)) <= 3;
    let water = 0;
    let land = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      if (near(i, [0x0b, 0x12, 0x20])) water++;
      else if (near(i, [0x1d, 0x26, 0x33])) land++;
    }
    const total = pixels.length / 4;
    return { water: water / total, land: land / total };
  }, png.toString('base64'));
}

describe('map page (real browser)', () => {
  const session = browserSession();

  it('draws the offline basemap and clusters whose counts add up to the hit count', async () => {
    const { page } = session.tab;
    await page.goto(`${session.server.url}/map`);
    await poll(() => hitCount(page)).toBe(EXPECTED.total);
    await poll(async () => (await clusterCounts(page)).reduce((sum, count) => sum + count, 0)).toBe(EXPECTED.total);
    expect((await clusterCounts(page)).length).toBeGreaterThanOrEqual(4);
    await poll(async () => (await basemapColours(page)).land).toBeGreaterThan(0.1);
    expect((await basemapColours(page)).water).toBeGreaterThan(0.2);
    expect(await page.getByTestId('geo-summary').textContent()).toContain(`${EXPECTED.total} located events`);
    await screenshot(page, 'map');
  });

  it('filters the chart and the list by clicking a cluster', async () => {
    const { page } = session.tab;
    const tokyo = page.locator('.cluster[data-count="5"]');
    await tokyo.click();
    await poll(() => new URL(page.url()).searchParams.get('area')).toMatch(/^[-\d.]+,[-\d.]+,[-\d.]+,[-\d.]+$/);
    await poll(() => hitCount(page)).toBe(EXPECTED.byCountry.JP);
    await poll(() => page.getByTestId('result-row').count()).toBe(EXPECTED.byCountry.JP);
    expect(await page.getByTestId('results').textContent()).toContain('carol');
    await screenshot(page, 'map-cluster-filter');
    await page.getByRole('button', { name: 'Remove area filter' }).click();
    await poll(() => hitCount(page)).toBe(EXPECTED.total);
  });

  it('filters to a drawn box', async () => {
    const { page } = session.tab;
    const outback = await centerOf(page.locator(`.cluster[data-count="${EXPECTED.byCountry.AU}"]`));
    await page.getByTestId('draw-area').click();
    await page.mouse.move(outback.x - 40, outback.y - 40);
    await page.mouse.down();
    await page.mouse.move(outback.x, outback.y, { steps: 4 });
    await page.mouse.move(outback.x + 40, outback.y + 40, { steps: 4 });
    await page.mouse.up();
    await poll(() => hitCount(page)).toBe(EXPECTED.byCountry.AU);
    expect(new URL(page.url()).searchParams.get('area')).not.toBeNull();
    await screenshot(page, 'map-drawn-box');
    await page.getByRole('button', { name: 'Remove area filter' }).click();
    await poll(() => hitCount(page)).toBe(EXPECTED.total);
  });

  it('filters by a country on the choropleth, and shows a heat map', async () => {
    const { page } = session.tab;
    const japan = await centerOf(page.locator(`.cluster[data-count="${EXPECTED.byCountry.JP}"]`));
    await page.getByRole('button', { name: 'Countries' }).click();
    await poll(() => page.locator('.cluster:visible').count()).toBe(0);
    await page.waitForTimeout(300);
    await page.mouse.click(japan.x, japan.y);
    await poll(() => new URL(page.url()).searchParams.get('country')).toBe('JP');
    await poll(() => hitCount(page)).toBe(EXPECTED.byCountry.JP);
    await screenshot(page, 'map-choropleth');
    await page.getByRole('button', { name: 'Heat map' }).click();
    await page.waitForTimeout(500);
    await screenshot(page, 'map-heat');
  });

  it('shares query and time with the search page', async () => {
    const { page } = session.tab;
    await page.goto(`${session.server.url}/map?q=user.name%3Abob&from=now-24h`);
    await poll(() => hitCount(page)).toBe(EXPECTED.byUser.bob);
    await poll(async () => (await clusterCounts(page)).reduce((sum, count) => sum + count, 0)).toBe(
      EXPECTED.byUser.bob,
    );
    await page.getByRole('link', { name: 'Search', exact: true }).click();
    await poll(() => new URL(page.url()).pathname).toBe('/');
    expect(new URL(page.url()).searchParams.get('q')).toBe('user.name:bob');
    await poll(() => hitCount(page)).toBe(EXPECTED.byUser.bob);
  });

  it('made no request that left the machine', () => {
    expect(session.tab.requests.some((url) => url.includes('/api/v1/geo'))).toBe(true);
    expect(remoteRequests(session.tab.requests)).toEqual([]);
    expect(session.tab.errors).toEqual([]);
  });
});
