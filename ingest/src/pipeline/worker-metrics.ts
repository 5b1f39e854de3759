import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * What an ingest worker exposes on `/metrics`. A registry of its own (not prom-client's global one)
 * so two workers in one test process never collide; the hosting process merges it with its own
 * process metrics.
 */
export class WorkerMetrics {
  readonly registry = new Registry();
  readonly consumed = new Counter({
    name: 'vigil_ingest_records_consumed_total',
    help: 'raw records taken off the raw topic',
    registers: [this.registry],
  });
  readonly indexed = new Counter({
    name: 'vigil_ingest_events_indexed_total',
    help: 'canonical events the store acknowledged (a replay counts again)',
    registers: [this.registry],
  });
  readonly deadLettered = new Counter({
    name: 'vigil_ingest_dead_letters_total',
    help: 'records sent to the dead-letter topic, by why',
    labelNames: ['stage'],
    registers: [this.registry],
  });
  readonly storeRetries = new Counter({
    name: 'vigil_ingest_store_retries_total',
    help: 'batch writes the store refused or failed, retried after a backoff',
    registers: [this.registry],
  });
  readonly paused = new Gauge({
    name: 'vigil_ingest_paused',
    help: '1 while consumption is paused because the store is failing',
    registers: [this.registry],
  });
  readonly lag = new Gauge({
    name: 'vigil_ingest_consumer_lag',
    help: 'records between the committed offset and the high watermark, per partition',
    labelNames: ['topic', 'partition'],
    registers: [this.registry],
  });
  readonly batchSeconds = new Histogram({
    name: 'vigil_ingest_batch_seconds',
    help: 'time from taking a batch to committing its offsets',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
}
