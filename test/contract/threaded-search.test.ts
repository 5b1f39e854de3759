import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteDatabase, SqliteEventSink, type SqliteDatabase } from '@vigil/ingest';
import { parseQuery, QuerySyntaxError, ThreadedEventSearch } from '@vigil/search-api';
import { InvalidCursorError } from '../../search-api/src/store/event-search.ts';
import { makeEvent } from '../support/events.ts';

const NOW = Date.parse('2026-03-10T12:00:00.000Z');

describe('searches on worker threads', () => {
  let dir: string;
  let db: SqliteDatabase;
  let search: ThreadedEventSearch;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-threaded-'));
    db = openSqliteDatabase(join(dir, 'vigil.db'));
    const sink = new SqliteEventSink(db);
    const events = Array.from({ length: 30_000 }, (_, n) =>
      makeEvent({ at: new Date(NOW - n * 1000), source: 'privx', user: `user-${n % 997}`, message: `event ${n}` }),
    );
    for (let i = 0; i < events.length; i += 5000)
      await sink.write({ events: events.slice(i, i + 5000), deadLetters: [] });
    search = await ThreadedEventSearch.open(join(dir, 'vigil.db'), 1);
  });

  afterAll(async () => {
    await search.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const range = { fromMs: NOW - 86_400_000, toMs: NOW };

  it('keeps the event loop free while a slow query runs', async () => {
    // A regex runs in JavaScript once per candidate row: 30,000 calls on the search thread.
    const slow = search.search({
      ast: parseQuery('user.name:/.*9.*7.*/ | stats count by user.name'),
      ...range,
      size: 0,
    });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const started = performance.now();
    const outcome = await slow;
    const elapsed = performance.now() - started;
    clearInterval(timer);
    expect(outcome.table?.rows.length).toBeGreaterThan(0);
    // Had the query run on this thread, no interval callback could have run before it finished.
    expect(ticks).toBeGreaterThan(0);
    expect(elapsed).toBeGreaterThan(5);
  });

  it('sees what the writer commits after the threads opened the file', async () => {
    const before = await search.count();
    await new SqliteEventSink(db).write({
      events: [makeEvent({ at: new Date(NOW - 10), source: 'keeper', user: 'newcomer' })],
      deadLetters: [],
    });
    expect(await search.count()).toBe(before + 1);
    const found = await search.search({ ast: parseQuery('user.name:newcomer'), ...range, size: 5 });
    expect(found.hits.map((h) => h.user?.name)).toEqual(['newcomer']);
  });

  it('gives back query and cursor errors as the classes the API answers 400 for', async () => {
    // Parses, but cannot compile: caught on the search thread.
    const bad = search.search({ ast: parseQuery('x | stats count | top 5 user.name'), ...range, size: 5 });
    await expect(bad).rejects.toBeInstanceOf(QuerySyntaxError);
    await expect(bad).rejects.toMatchObject({ column: expect.any(Number) });
    const stale = search.search({ ast: parseQuery(''), ...range, size: 5, cursor: 'not-a-cursor' });
    await expect(stale).rejects.toBeInstanceOf(InvalidCursorError);
  });

  it('replaces a search thread that died: its call settles, the next ones are answered', async () => {
    const threads = (search as unknown as { threads: { worker: { terminate(): Promise<number> } }[] }).threads;
    const inFlight = search.search({ ast: parseQuery('user.name:/.*9.*7.*/ | stats count'), ...range, size: 0 });
    await threads[0]?.worker.terminate();
    // Answered if the query finished before the thread was stopped, else failed: never left hanging.
    const settled = await inFlight.then(
      () => 'answered',
      (error: Error) => error.message,
    );
    expect(settled).toMatch(/^answered$|search thread stopped/);
    const after = await search.search({ ast: parseQuery('user.name:newcomer'), ...range, size: 5 });
    expect(after.hits.map((h) => h.user?.name)).toEqual(['newcomer']);
  });

  it('does not restart a thread whose replacement cannot open the store: calls fail instead of waiting', async () => {
    const other = mkdtempSync(join(tmpdir(), 'vigil-threaded-gone-'));
    const path = join(other, 'vigil.db');
    openSqliteDatabase(path).close();
    const doomed = await ThreadedEventSearch.open(path, 1);
    try {
      rmSync(other, { recursive: true, force: true });
      type Slot = { worker: { terminate(): Promise<number> }; broken?: Error };
      const slots = (doomed as unknown as { threads: Slot[] }).threads;
      await slots[0]?.worker.terminate();
      // The replacement fails to open the removed file and stops, and is not started again.
      await expect.poll(() => slots[0]?.broken?.message, { timeout: 15_000 }).toMatch(/search thread stopped/);
      const last = slots[0]?.worker;
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(slots[0]?.worker).toBe(last);
      await expect(doomed.count()).rejects.toThrow(/search thread stopped/);
    } finally {
      await doomed.close();
    }
  });
});
