import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '@vigil/schemas';
import type { EventSink } from '@vigil/ingest';
import { parseQuery, type EventSearch } from '@vigil/search-api';
import { makeEvent } from '../support/events.ts';

/** What a store backend hands the contract suite. `refresh` makes writes visible (engines need it). */
export interface StoreUnderTest {
  sink: EventSink;
  search: EventSearch;
  refresh(): Promise<void>;
  close(): Promise<void>;
}

const HOUR = 3_600_000;
const NOW = Date.parse('2026-03-10T12:00:00.000Z');
const at = (hoursAgo: number) => new Date(NOW - hoursAgo * HOUR);

function envelope(raw: string): Envelope {
  return { ingest_id: 'dl-1', source: 'privx', input: 'http', received_at: at(0).toISOString(), raw };
}

/**
 * The store contract: every backend (SQLite, OpenSearch, Elasticsearch) passes these same cases
 * against the real thing.
 */
export function describeStoreContract(name: string, open: () => Promise<StoreUnderTest>): void {
  describe(`store contract: ${name}`, () => {
    let store: StoreUnderTest;
    const events = [
      makeEvent({
        at: at(1),
        source: 'authentik',
        action: 'login',
        user: 'alice',
        ip: '81.2.69.142',
        message: 'alice logged in',
        outcome: 'success',
      }),
      makeEvent({
        at: at(2),
        source: 'authentik',
        action: 'login_failed',
        user: 'bob',
        ip: '81.2.69.160',
        message: 'login failed for bob',
        outcome: 'failure',
      }),
      makeEvent({
        at: at(3),
        source: 'privx',
        action: 'user_logged_in',
        user: 'carol',
        ip: '10.1.2.3',
        message: 'carol connected',
        vendor: { session_id: 'sess-42' },
        category: ['session'],
        severity: 6,
      }),
      makeEvent({
        at: at(30),
        source: 'keeper',
        action: 'record_update',
        user: 'alice',
        message: 'record updated',
        category: ['iam'],
        severity: 4,
      }),
      makeEvent({
        at: at(24 * 40),
        source: 'privx',
        action: 'user_logged_in',
        user: 'dave',
        message: 'old session',
        category: ['session'],
      }),
      makeEvent({
        at: at(24 * 40),
        source: 'privx',
        action: 'role_changed',
        user: 'erin',
        message: 'old role change',
        category: ['iam'],
      }),
      makeEvent({ at: at(24 * 400), source: 'authentik', action: 'login', user: 'frank', message: 'very old login' }),
    ];
    const range = { fromMs: NOW - 24 * 500 * HOUR, toMs: NOW };
    const search = (q: string, extra: Partial<{ size: number; cursor: string; fromMs: number; toMs: number }> = {}) =>
      store.search.search({ ast: parseQuery(q), ...range, size: 100, ...extra });

    beforeAll(async () => {
      store = await open();
      await store.sink.write({ events, deadLetters: [] });
      await store.sink.write({ events: events.slice(0, 2), deadLetters: [] });
      await store.sink.write({
        events: [],
        deadLetters: [
          {
            envelope: envelope('{"no_event_id":true}'),
            reason: 'record has no event_id',
            failedAt: at(0).toISOString(),
          },
        ],
      });
      await store.refresh();
    });
    afterAll(async () => {
      await store?.close();
    });

    it('keeps one event per id, however often it is written', async () => {
      expect(await store.search.count()).toBe(events.length);
    });

    it('returns an event by id, with its id, and nothing for an unknown id', async () => {
      const first = events[0]!;
      const got = await store.search.getEvent(first.id);
      expect(got?.id).toBe(first.id);
      expect(got?.user?.name).toBe('alice');
      expect(await store.search.getEvent('no-such-id')).toBeUndefined();
    });

    it('answers newest first within the time range', async () => {
      const result = await search('', { fromMs: NOW - 48 * HOUR });
      expect(result.hits.map((h) => h.user?.name)).toEqual(['alice', 'bob', 'carol', 'alice']);
      expect(result.total).toBe(4);
    });

    it('filters by field, full text, and both', async () => {
      expect((await search('user.name:alice')).hits).toHaveLength(2);
      expect((await search('failed')).hits.map((h) => h.user?.name)).toEqual(['bob']);
      expect((await search('event.module:authentik AND NOT event.outcome:failure')).total).toBe(2);
      expect((await search('privx.session_id:"sess-42"')).hits.map((h) => h.user?.name)).toEqual(['carol']);
      expect((await search('source.ip:81.2.69.0/24')).total).toBe(2);
    });

    it('matches the query language the same way: case, NOT, wildcards, regexes, ranges, exists, text', async () => {
      const names = async (q: string) => (await search(q)).hits.map((h) => h.user?.name).sort();
      expect(await names('user.name:ALICE')).toEqual(['alice', 'alice']);
      // NOT keeps the events that do not have the field at all.
      expect((await search('NOT privx.session_id:"sess-42"')).total).toBe(events.length - 1);
      expect(await names('user.name:*o*')).toEqual(['bob', 'carol']);
      expect(await names('user.name:/(BOB|car.*)/')).toEqual(['bob', 'carol']);
      expect(await names('event.severity >= 5')).toEqual(['carol']);
      expect(await names('event.severity:[4 TO 6]')).toEqual(['alice', 'carol']);
      expect(await names('event.severity:*')).toEqual(['alice', 'carol']);
      expect(await names('@timestamp >= "2026-03-09T12:00:00Z"')).toEqual(['alice', 'bob', 'carol']);
      expect(await names('connec*')).toEqual(['carol']);
      expect(await names('"login failed"')).toEqual(['bob']);
      expect(await names('event.module:privx AND (user.name:dave OR user.name:erin)')).toEqual(['dave', 'erin']);
    });

    it('builds the same tables: top, sorted and limited stats, timechart by a series', async () => {
      const top = (await search('| top 2 event.module')).table!;
      expect(top.columns).toEqual(['event.module', 'count', 'percent']);
      expect(top.rows.map((r) => [r[0], r[1]])).toEqual([
        ['authentik', 3],
        ['privx', 3],
      ]);
      expect(Number(top.rows[0]?.[2])).toBeCloseTo((3 * 100) / 7, 5);
      const busiest = (await search('| stats count by user.name | sort -count | head 1')).table!;
      expect(busiest.rows).toEqual([['alice', 2]]);
      const chart = (await search('| timechart span=1h count by event.module', { fromMs: NOW - 4 * HOUR })).table!;
      expect(chart.columns).toEqual(['_time', 'event.module', 'count']);
      expect(chart.rows).toEqual([
        [NOW - 3 * HOUR, 'privx', 1],
        [NOW - 2 * HOUR, 'authentik', 1],
        [NOW - HOUR, 'authentik', 1],
      ]);
    });

    it('pages with cursors without gaps or repeats', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 10; page++) {
        const result = await search('', { size: 2, ...(cursor ? { cursor } : {}) });
        seen.push(...result.hits.map((h) => h.id));
        if (!result.cursor) break;
        cursor = result.cursor;
      }
      expect(seen).toHaveLength(events.length);
      expect(new Set(seen).size).toBe(events.length);
    });

    it('aggregates with stats and timechart', async () => {
      const stats = await search('| stats count by event.module');
      const table = stats.table!;
      const rows = Object.fromEntries(
        table.rows.map((r) => [r[table.columns.indexOf('event.module')], r[table.columns.indexOf('count')]]),
      );
      expect(rows).toEqual({ authentik: 3, privx: 3, keeper: 1 });
      const chart = await search('| timechart span=1h count', { fromMs: NOW - 4 * HOUR });
      const counts = chart.table!.rows.map((r) => r[chart.table!.columns.indexOf('count')]);
      expect(counts.reduce<number>((a, b) => a + Number(b), 0)).toBe(3);
    });

    it('lists sources with counts and dead letters with their reason', async () => {
      const sources = Object.fromEntries((await store.search.sources()).map((s) => [s.source, s.count]));
      expect(sources).toEqual({ authentik: 3, privx: 3, keeper: 1 });
      const dead = await store.search.deadLetters(10);
      expect(dead.total).toBe(1);
      expect(dead.dead_letters[0]).toMatchObject({
        reason: 'record has no event_id',
        raw: '{"no_event_id":true}',
        source: 'privx',
      });
    });

    it('reports the fields present, vendor fields included', async () => {
      const { fields } = await store.search.fields({ ast: parseQuery(''), ...range, sample: 100 });
      const names = fields.map((f) => f.name);
      expect(names).toContain('user.name');
      expect(names).toContain('privx.session_id');
      expect(fields.find((f) => f.name === 'user.name')?.count).toBe(events.length);
    });

    it('applies retention per source and per category', async () => {
      const deleted = await store.sink.applyRetention(
        [
          { source: 'authentik', days: 365 },
          { source: 'privx', days: 365 },
          { source: 'privx', category: 'session', days: 30 },
          { source: 'keeper', days: 365 },
        ],
        new Date(NOW),
      );
      await store.refresh();
      expect(deleted).toBe(2);
      const left = (await search('')).hits.map((h) => h.user?.name);
      expect(left).not.toContain('dave');
      expect(left).not.toContain('frank');
      expect(left).toContain('erin');
    });
  });
}
