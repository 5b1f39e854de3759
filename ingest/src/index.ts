export type { SourceParser } from './parsers/parser.ts';
export { ParseError } from './parsers/parser.ts';
export { PARSERS } from './parsers/registry.ts';
export {
  openSqliteDatabase,
  openSqliteReader,
  refreshPlannerStats,
  type SqliteDatabase,
} from './store/sqlite-database.ts';
export { SqliteEventSink } from './store/sqlite-sink.ts';
export { rowidFor, rowidRange, ROWID_SHIFT, columnValues, fullTextBody } from './store/event-row.ts';
export type { EventSink, IndexedEvent, DeadLetter, WriteBatch, RetentionRule } from './store/event-sink.ts';
export type { RawTransport, PublishReceipt } from './transport/raw-transport.ts';
export { EmbeddedQueue } from './transport/embedded-queue.ts';
export { processBatch, type PipelineStages, type EventStage } from './pipeline/process-batch.ts';
export { documentId } from './pipeline/document-id.ts';
export { newCounters, type PipelineCounters } from './pipeline/stage-counters.ts';
export { EmbeddedRunner } from './pipeline/embedded-runner.ts';
export {
  createEmbeddedPipeline,
  createPipelineStages,
  type EmbeddedPipeline,
  type PipelineOptions,
} from './embedded-pipeline.ts';
export { acceptBody, toEnvelopes, type AcceptResult, type RecordOrigin } from './inputs/accept-records.ts';
export {
  frameBody,
  formatOf,
  decodeUtf8,
  jsonDepth,
  BodyFormatError,
  type FrameLimits,
  type RejectedRecord,
} from './inputs/frame-body.ts';
export { hecRecords, splitConcatenatedJson, sourceForSourcetype } from './inputs/hec.ts';
export { SyslogListener } from './inputs/syslog-listener.ts';
export { retentionRules } from './retention/retention-rules.ts';
export { generateDemoRecords } from './demo/generate.ts';
export { countryNames } from './enrich/countries.ts';
export {
  KafkaTransport,
  createKafka,
  createIdempotentProducer,
  encodeRawMessage,
  decodeRawMessage,
  type KafkaConnectOptions,
  type DecodedRaw,
} from './transport/kafka-transport.ts';
export {
  TOPICS,
  HEADERS,
  INGEST_GROUP,
  ensureTopics,
  sendInChunks,
  type TopicOptions,
} from './transport/kafka-topics.ts';
export { eventMessages, deadLetterMessages, type FailedRecord } from './transport/kafka-outputs.ts';
export { KafkaIngestWorker, type KafkaWorkerOptions } from './pipeline/kafka-worker.ts';
export { WorkerMetrics } from './pipeline/worker-metrics.ts';
export { connectEngine } from './store/engine/connect-engine.ts';
export { EngineEventSink, type EngineSinkOptions, type RetryPolicy } from './store/engine/engine-sink.ts';
export {
  EngineUnavailableError,
  EngineRequestError,
  type EngineClient,
  type EngineConnection,
  type LifecycleManager,
} from './store/engine/engine-client.ts';
export {
  ensureEngineStore,
  eventsAlias,
  eventsPattern,
  deadLetterIndex,
  type EngineLayoutOptions,
} from './store/engine/retention.ts';
