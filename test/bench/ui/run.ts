/**
 * UI benchmark. Prints figures; asserts nothing. Run: `npx tsx test/bench/ui/run.ts`
 * (BENCH_UI_EVENTS sets the store size, 1,000,000 by default; BENCH_UI_RUNS the page loads per figure;
 * BENCH_UI_DATA_DIR keeps the store there and reuses it on the next run instead of loading it again).
 *
 * 1. Time to first results on the search page (navigation start -> first result row and the hit
 *    count on screen) and to a drawn map (-> cluster markers placed), over the last 7 days of
 *    BENCH_UI_EVENTS demo events in the embedded store, through the real server and Chromium.
 * 2. JavaScript shipped per page: every script the page fetched (worker included), gzip-compressed.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext } from 'playwright-core';
import { startServer } from '../../support/server-process.ts';
import { launchChromium } from '../../browser/support/browser.ts';
import { ensureUiBuilt } from '../../browser/support/ui-build.ts';
import { loadDemoStore, storedCount } from './load-store.ts';

const EVENTS = Number(process.env.BENCH_UI_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_UI_RUNS ?? 5);
const RANGE = 'from=now-7d';

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

interface Shipped {
  scripts: number;
  raw: number;
  gzip: number;
}

/** Scripts fetched by a fresh context (nothing cached) while `visit` runs. */
async function measureShipped(browser: Browser, visit: (context: BrowserContext) => Promise<void>): Promise<Shipped> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const bodies: Promise<Buffer>[] = [];
  context.on('response', (response) => {
    const type = response.request().resourceType();
    if (type === 'script' || /\.m?js(?:\?|$)/.test(response.url()))
      bodies.push(response.body().catch(() => Buffer.alloc(0)));
  });
  await visit(context);
  const all = await Promise.all(bodies);
  await context.close();
  return {
    scripts: all.length,
    raw: all.reduce((sum, body) => sum + body.length, 0),
    gzip: all.reduce((sum, body) => sum + gzipSync(body).length, 0),
  };
}

/**
 * The store answers one query at a time, and a closed page's queries still run to the end: wait
 * until the server is idle (a health check queues behind them) so each load is timed on its own.
 */
async function serverIdle(base: string): Promise<void> {
  await fetch(`${base}/api/v1/health`);
}

async function timeTo(browser: Browser, url: string, ready: string): Promise<number> {
  await serverIdle(new URL(url).origin);
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  const started = performance.now();
  await page.goto(url);
  await page.waitForSelector(ready);
  const elapsed = performance.now() - started;
  await context.close();
  return elapsed;
}

function summary(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
  return `median ${fmt(median)} ms (first ${fmt(times[0] ?? NaN)} ms, min ${fmt(sorted[0] ?? NaN)} ms, max ${fmt(sorted.at(-1) ?? NaN)} ms)`;
}

async function main(): Promise<void> {
  console.log(`# Vigil UI benchmark (${new Date().toISOString()}, node ${process.version})`);
  await ensureUiBuilt();
  const kept = process.env.BENCH_UI_DATA_DIR;
  const dir = kept ?? mkdtempSync(join(tmpdir(), 'vigil-bench-ui-'));
  const started = performance.now();
  const stored =
    kept && existsSync(join(kept, 'vigil.db')) ? await storedCount(kept) : await loadDemoStore(dir, EVENTS);
  console.log(`store: ${fmt(stored)} events (ready in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  const server = await startServer({ VIGIL_DATA_DIR: dir, VIGIL_DEMO_DATA: 'false' });
  const browser = await launchChromium();
  try {
    const search = `${server.url}/?${RANGE}`;
    const map = `${server.url}/map?${RANGE}`;
    const searchTimes: number[] = [];
    const mapTimes: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      searchTimes.push(await timeTo(browser, search, '[data-testid="result-row"]'));
      mapTimes.push(await timeTo(browser, map, '.cluster'));
    }
    console.log(`\n## time to first results, ${fmt(stored)} events, last 7 days (${RUNS} fresh page loads)`);
    console.log(`search page (first result row): ${summary(searchTimes)}`);
    console.log(`map page (clusters drawn):      ${summary(mapTimes)}`);

    console.log('\n## JavaScript shipped per page (all scripts fetched, gzip -6)');
    const newest = (await (await fetch(`${server.url}/api/v1/search?${RANGE}&size=1`)).json()) as {
      hits: { id: string }[];
    };
    const pages: [string, string, string][] = [
      ['search', search, '[data-testid="result-row"]'],
      ['map', map, '.cluster'],
      ['event', `${server.url}/events/${newest.hits[0]?.id ?? ''}`, 'h1'],
    ];
    for (const [name, url, ready] of pages) {
      const shipped = await measureShipped(browser, async (context) => {
        const page = await context.newPage();
        page.setDefaultTimeout(120_000);
        await page.goto(url);
        await page.waitForSelector(ready);
        await page.waitForLoadState('networkidle');
      });
      console.log(
        `${name.padEnd(7)} ${String(shipped.scripts).padStart(3)} scripts, ${kb(shipped.raw)} raw, ${kb(shipped.gzip)} gzip`,
      );
    }
  } finally {
    await browser.close();
    await server.stop();
    if (!kept) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
