import { createHash } from 'node:crypto';
import { SOURCES, type SourceName } from '@vigil/schemas';
import type { DeadLetter, EventSink, IndexedEvent, RetentionRule, WriteBatch } from '../event-sink.ts';
import { EngineRequestError, EngineUnavailableError, type BulkItemResult, type EngineClient } from './engine-client.ts';
import { deadLetterIndex, eventsAlias, retentionQuery } from './retention.ts';
import { backoffDelay } from '../../pipeline/store-backoff.ts';

/**
 * The distributed store's write side: events in bulk to their source's write alias, with `_id` =
 * the document id (a replay overwrites), dead letters to their own index.
 *
 * Bulk requests are bounded by documents and bytes. Items the engine cannot take now (429, 5xx) and
 * whole requests that get no answer are retried with jittered exponential backoff; when the retry
 * budget is spent an EngineUnavailableError propagates, so the caller pauses and retries the batch
 * (never drops it). An item the engine refuses for good (a mapping conflict) becomes a dead letter
 * with the engine's reason, and the rest of the batch is written.
 */

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface EngineSinkOptions {
  prefix: string;
  maxBatchDocs?: number;
  maxBatchBytes?: number;
  retry?: RetryPolicy;
}

interface BulkAction {
  meta: Record<string, unknown>;
  /** A document object, or its JSON text (sent as it is). */
  doc: unknown;
  bytes: number;
  /** For an event the engine refuses: its dead letter. */
  refused?: (reason: string) => DeadLetter;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 8, baseDelayMs: 200, maxDelayMs: 10_000 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isRetryable(result: BulkItemResult): boolean {
  return result.status === 429 || result.status >= 500;
}

function sourceOf(module: string): SourceName {
  return (SOURCES as readonly string[]).includes(module) ? (module as SourceName) : 'generic';
}

/** A dead letter's id and sequence number come from its content, so a replay overwrites it. */
function deadLetterKey(letter: DeadLetter): { id: string; seq: number } {
  const hash = createHash('sha1').update(`${letter.envelope.ingest_id}\n${letter.reason}`).digest();
  const ms = Date.parse(letter.failedAt);
  return {
    id: hash.toString('hex').slice(0, 24),
    seq: (Number.isFinite(ms) ? ms : 0) * 1000 + (hash.readUInt16BE(0) % 1000),
  };
}

export class EngineEventSink implements EventSink {
  private readonly maxDocs: number;
  private readonly maxBytes: number;
  private readonly retry: RetryPolicy;

  constructor(
    private readonly client: EngineClient,
    private readonly options: EngineSinkOptions,
  ) {
    this.maxDocs = options.maxBatchDocs ?? 1000;
    this.maxBytes = options.maxBatchBytes ?? 5 * 1024 * 1024;
    this.retry = options.retry ?? DEFAULT_RETRY;
  }

  async write(batch: WriteBatch): Promise<void> {
    const refused: DeadLetter[] = [];
    for (const chunk of this.chunks(batch.events.map((item) => this.eventAction(item)))) {
      for (const { action, reason } of await this.writeChunk(chunk))
        refused.push(action.refused?.(reason) as DeadLetter);
    }
    const letters = [...batch.deadLetters, ...refused];
    for (const chunk of this.chunks(letters.map((letter) => this.deadLetterAction(letter)))) {
      const [lost] = await this.writeChunk(chunk);
      // The dead-letter mapping takes any record; a refusal here is a broken index, not bad data.
      if (lost) throw new Error(`the engine refused a dead letter: ${lost.reason}`);
    }
  }

  private eventAction({ id, event }: IndexedEvent): BulkAction {
    const text = JSON.stringify(event);
    return {
      // require_alias: without the setup (ensureEngineStore) the engine would auto-create a plain
      // index under the alias name, and rollover could never start.
      meta: {
        index: { _index: eventsAlias(this.options.prefix, sourceOf(event.event.module)), _id: id, require_alias: true },
      },
      // The JSON text, not the object: both clients pass strings into the bulk body as they are, and
      // serializing every event twice cost the ingester ~8 µs an event.
      doc: text,
      bytes: text.length,
      refused: (reason) => ({
        envelope: {
          ingest_id: id,
          source: sourceOf(event.event.module),
          input: 'store',
          received_at: event.event.ingested,
          raw: text,
        },
        reason: `the engine refused the event: ${reason}`,
        failedAt: new Date().toISOString(),
      }),
    };
  }

  private deadLetterAction(letter: DeadLetter): BulkAction {
    const { id, seq } = deadLetterKey(letter);
    const { envelope } = letter;
    const doc = {
      seq,
      ingest_id: envelope.ingest_id,
      source: envelope.source,
      input: envelope.input,
      received_at: envelope.received_at,
      failed_at: letter.failedAt,
      reason: letter.reason,
      raw: envelope.raw,
    };
    return {
      meta: { index: { _index: deadLetterIndex(this.options.prefix), _id: id } },
      doc,
      bytes: envelope.raw.length + letter.reason.length + 256,
    };
  }

  private *chunks(actions: BulkAction[]): Generator<BulkAction[]> {
    let chunk: BulkAction[] = [];
    let bytes = 0;
    for (const action of actions) {
      if (chunk.length > 0 && (chunk.length >= this.maxDocs || bytes + action.bytes > this.maxBytes)) {
        yield chunk;
        chunk = [];
        bytes = 0;
      }
      chunk.push(action);
      bytes += action.bytes;
    }
    if (chunk.length > 0) yield chunk;
  }

  /** Writes one bounded chunk; answers the actions the engine refused for good, with its reason. */
  private async writeChunk(actions: BulkAction[]): Promise<{ action: BulkAction; reason: string }[]> {
    let pending = actions;
    const refused: { action: BulkAction; reason: string }[] = [];
    let lastProblem = '';
    for (let attempt = 0; attempt < this.retry.attempts; attempt++) {
      if (attempt > 0)
        await sleep(backoffDelay(attempt, { initialMs: this.retry.baseDelayMs, maxMs: this.retry.maxDelayMs }));
      let results: BulkItemResult[];
      try {
        results = await this.client.bulk(pending.flatMap((action) => [action.meta, action.doc]));
      } catch (error) {
        if (!(error instanceof EngineUnavailableError)) throw error;
        lastProblem = error.message;
        continue;
      }
      const again: BulkAction[] = [];
      pending.forEach((action, index) => {
        const result = results[index] ?? { status: 503, error: { type: 'missing', reason: 'no answer for item' } };
        if (result.status < 300) return;
        const reason = `${result.error?.type ?? result.status}: ${result.error?.reason ?? 'no reason given'}`;
        if (result.error?.type === 'index_not_found_exception')
          throw new EngineRequestError(404, result.error.type, `${result.error.reason} (the store is not set up)`);
        if (isRetryable(result)) {
          lastProblem = reason;
          again.push(action);
        } else refused.push({ action, reason });
      });
      pending = again;
      if (pending.length === 0) return refused;
    }
    throw new EngineUnavailableError(
      `the engine did not take ${pending.length} documents after ${this.retry.attempts} attempts: ${lastProblem}`,
    );
  }

  /**
   * Deletes now what the rules have expired, by query (see retention.ts: the lifecycle manager
   * deletes whole indices continuously; this applies category rules and the exact cutoff).
   */
  async applyRetention(rules: RetentionRule[], now: Date): Promise<number> {
    let deleted = 0;
    for (const rule of rules) {
      deleted += await this.client.deleteByQuery(
        eventsAlias(this.options.prefix, rule.source),
        retentionQuery(rule, rules, now),
      );
    }
    return deleted;
  }

  /** The sink owns its client. */
  async close(): Promise<void> {
    await this.client.close();
  }
}
