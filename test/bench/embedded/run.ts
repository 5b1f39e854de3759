/**
 * Embedded-mode benchmark. Prints figures; asserts nothing. Run: `npm run bench:embedded`
 * (BENCH_PIPELINE_EVENTS, BENCH_SEARCH_EVENTS and BENCH_RUNS tune the sizes).
 *
 * 1. Throughput: the same demo records through the embedded pipeline (queue -> parse -> enrich ->
 *    redact -> SQLite + FTS5) and, in the same run, a raw FTS5 insert of the prepared rows the
 *    pipeline produced; the ratio is pipeline / raw.
 * 2. Search latency at BENCH_SEARCH_EVENTS events: newest-100 full text, an hourly timechart over
 *    the whole range, and top-10 terms, p50/p99 over BENCH_RUNS runs each.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SQLITE_COLUMNS, type Envelope } from '@vigil/schemas';
import {
  columnValues,
  createEmbeddedPipeline,
  fullTextBody,
  generateDemoRecords,
  openSqliteDatabase,
  rowidFor,
  type IndexedEvent,
} from '@vigil/ingest';
import { parseQuery, SqliteEventSearch } from '@vigil/search-api';

const PIPELINE_EVENTS = Number(process.env.BENCH_PIPELINE_EVENTS ?? 100_000);
const SEARCH_EVENTS = Number(process.env.BENCH_SEARCH_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const DAYS = 7;

function envelopesFor(count: number, seed: number): Envelope[] {
  const now = new Date();
  return generateDemoRecords({ count, days: DAYS, now, seed }).map((record, index) => ({
    ingest_id: `bench-${seed}-${index}`,
    source: record.source,
    input: 'bench',
    received_at: record.receivedAt,
    raw: record.raw,
  }));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function pipelineRun(envelopes: Envelope[], dir: string) {
  const pipeline = await createEmbeddedPipeline(dir, { enrich: true });
  await pipeline.queue.publish(envelopes);
  const collected: IndexedEvent[] = [];
  const started = performance.now();
  while (await pipeline.runner.step()) {
    // drain
  }
  const seconds = (performance.now() - started) / 1000;
  const written = pipeline.runner.counters.written;
  // The prepared rows for the raw run: exactly what the pipeline stored.
  for (const row of pipeline.db.prepare('SELECT id, doc FROM events').iterate() as Iterable<{
    id: string;
    doc: string;
  }>)
    collected.push({ id: row.id, event: JSON.parse(row.doc) });
  await pipeline.close();
  return { seconds, written, events: collected };
}

function rawInsertRun(events: IndexedEvent[], dir: string) {
  const db = openSqliteDatabase(join(dir, 'raw.db'));
  const names = SQLITE_COLUMNS.map((c) => c.name);
  const insert = db.prepare(
    `INSERT INTO events (rowid, id, ts, source, doc${names.map((n) => `, ${n}`).join('')}) VALUES (?, ?, ?, ?, ?${names.map(() => ', ?').join('')})`,
  );
  const text = db.prepare('INSERT INTO events_fts (rowid, message, body) VALUES (?, ?, ?)');
  const rows = events.map(({ id, event }) => {
    const ts = Date.parse(event['@timestamp']);
    return {
      rowid: rowidFor(ts, id),
      id,
      ts,
      source: event.event.module,
      doc: JSON.stringify(event),
      columns: columnValues(event),
      message: event.message ?? '',
      body: fullTextBody(event),
    };
  });
  const seen = new Set<number>();
  const unique = rows.filter((r) => (seen.has(r.rowid) ? false : (seen.add(r.rowid), true)));
  const started = performance.now();
  for (let i = 0; i < unique.length; i += 1000) {
    db.transaction(() => {
      for (const r of unique.slice(i, i + 1000)) {
        insert.run(r.rowid, r.id, r.ts, r.source, r.doc, ...r.columns);
        text.run(r.rowid, r.message, r.body);
      }
    })();
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return { seconds, written: unique.length };
}

async function throughput(): Promise<void> {
  console.log(`\n## throughput: ${fmt(PIPELINE_EVENTS)} demo records`);
  const envelopes = envelopesFor(PIPELINE_EVENTS, 1);
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-'));
  try {
    const pipe = await pipelineRun(envelopes, join(dir, 'pipe'));
    const raw = rawInsertRun(pipe.events, dir);
    const pipeRate = pipe.written / pipe.seconds;
    const rawRate = raw.written / raw.seconds;
    console.log(
      `pipeline (parse+enrich+redact+store): ${fmt(pipeRate)} events/s  (${fmt(pipe.written)} events in ${pipe.seconds.toFixed(2)} s)`,
    );
    console.log(
      `raw FTS5 insert of the same rows:     ${fmt(rawRate)} events/s  (${fmt(raw.written)} rows in ${raw.seconds.toFixed(2)} s)`,
    );
    console.log(`ratio pipeline / raw: ${(pipeRate / rawRate).toFixed(2)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function latency(): Promise<void> {
  console.log(`\n## search latency at ${fmt(SEARCH_EVENTS)} events (${RUNS} runs each)`);
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-'));
  try {
    const pipeline = await createEmbeddedPipeline(dir, { enrich: true });
    const started = performance.now();
    for (let seed = 0, loaded = 0; loaded < SEARCH_EVENTS; seed++) {
      const chunk = Math.min(100_000, SEARCH_EVENTS - loaded);
      await pipeline.queue.publish(envelopesFor(chunk, 100 + seed));
      while (await pipeline.runner.step()) {
        // drain
      }
      loaded += chunk;
    }
    const count = pipeline.db.prepare('SELECT count(*) FROM events').pluck().get() as number;
    console.log(`loaded ${fmt(count)} events in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const search = new SqliteEventSearch(pipeline.db);
    const now = Date.now();
    const cases: [string, string, number][] = [
      ['newest-100 full text ("login")', 'login', 100],
      ['newest-100 full text + field ("failed" AND event.module:authentik)', 'failed AND event.module:authentik', 100],
      ['hourly timechart over 7 days', '| timechart span=1h count', 0],
      ['top-10 terms (user.name)', '| top 10 user.name', 0],
    ];
    for (const [label, q, size] of cases) {
      const ast = parseQuery(q);
      const times: number[] = [];
      for (let i = 0; i < RUNS + 3; i++) {
        const t = performance.now();
        await search.search({ ast, fromMs: now - DAYS * 86_400_000 - 3_600_000, toMs: now, size });
        if (i >= 3) times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      console.log(`${label}: p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms`);
    }
    await pipeline.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`# Vigil embedded benchmark (${new Date().toISOString()}, node ${process.version})`);
await throughput();
if (SEARCH_EVENTS > 0) await latency();
