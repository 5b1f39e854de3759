import { describe, expect, it } from 'vitest';
import { openSqliteDatabase, refreshPlannerStats, SqliteEventSink } from '@vigil/ingest';
import { makeEvent } from '../support/events.ts';

const statTables = (db: ReturnType<typeof openSqliteDatabase>) =>
  db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1'").get()
    ? (db.prepare('SELECT DISTINCT tbl FROM sqlite_stat1 ORDER BY tbl').pluck().all() as string[])
    : [];

describe('planner statistics of the embedded store', () => {
  it('are taken for the events table only, once it is big enough, and again only after it grew fourfold', async () => {
    const db = openSqliteDatabase(':memory:');
    const sink = new SqliteEventSink(db);
    const write = (count: number) =>
      sink.write({
        events: Array.from({ length: count }, (_, n) =>
          makeEvent({ at: new Date(Date.UTC(2026, 0, 1) + n * 1000), source: 'privx', user: `u${n % 7}` }),
        ),
        deadLetters: [],
      });
    await write(50);
    refreshPlannerStats(db, 100);
    // A new store stays without statistics: those of nearly empty tables mislead the planner later.
    expect(statTables(db)).toEqual([]);
    await write(100);
    refreshPlannerStats(db, 100);
    // Never the FTS5 shadow tables.
    expect(statTables(db)).toEqual(['events']);
    const counted = () => db.prepare("SELECT stat FROM sqlite_stat1 WHERE tbl = 'events' LIMIT 1").pluck().get();
    expect(counted()).toMatch(/^150 /);
    await write(200);
    refreshPlannerStats(db, 100);
    expect(counted()).toMatch(/^150 /);
    await write(400);
    refreshPlannerStats(db, 100);
    expect(counted()).toMatch(/^750 /);
    db.close();
  });
});
