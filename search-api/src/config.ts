import { Type, type Static } from '@sinclair/typebox';
import { Value, type ValueError } from '@sinclair/typebox/value';
import type { PipelineOptions } from '@vigil/ingest';

/**
 * Every setting Vigil reads, checked once at start. A bad value stops the start with one message
 * that lists every problem. `.env.example` mirrors this list.
 */
const Bool = Type.Union([Type.Literal('true'), Type.Literal('false'), Type.Literal('1'), Type.Literal('0')]);
const Int = Type.String({ pattern: '^[0-9]+$' });
const OneOf = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const TRANSPORTS = ['embedded', 'kafka'] as const;
export const STORES = ['sqlite', 'elasticsearch', 'opensearch'] as const;
export const ROLES = ['all', 'api', 'ingest'] as const;

export const ConfigSchema = Type.Object({
  PORT: Type.Optional(Int),
  HOST: Type.Optional(Type.String({ minLength: 1 })),
  LOG_LEVEL: Type.Optional(
    Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l))),
  ),
  VIGIL_DATA_DIR: Type.Optional(Type.String({ minLength: 1 })),
  VIGIL_DEMO_DATA: Type.Optional(Bool),
  VIGIL_DEMO_EVENTS: Type.Optional(Int),
  VIGIL_MAX_BODY_BYTES: Type.Optional(Int),
  VIGIL_MAX_RECORD_BYTES: Type.Optional(Int),
  VIGIL_MAX_JSON_DEPTH: Type.Optional(Int),
  VIGIL_HEC_TOKEN: Type.Optional(Type.String({ minLength: 8 })),
  VIGIL_SYSLOG_PORT: Type.Optional(Int),
  VIGIL_SYSLOG_HOST: Type.Optional(Type.String({ minLength: 1 })),
  VIGIL_SYSLOG_SOURCE: Type.Optional(Type.String({ minLength: 1 })),
  VIGIL_ENRICH: Type.Optional(Bool),
  VIGIL_GEOIP_CITY_MMDB: Type.Optional(Type.String({ minLength: 1 })),
  VIGIL_ASN_MMDB: Type.Optional(Type.String({ minLength: 1 })),
  VIGIL_REDACT_KEYS: Type.Optional(Type.String()),
  VIGIL_RETENTION_DAYS: Type.Optional(Int),
  VIGIL_RETENTION: Type.Optional(
    Type.String({ pattern: '^$|^[a-z_]+(\\.[a-z_]+)?=[0-9]+(,[a-z_]+(\\.[a-z_]+)?=[0-9]+)*$' }),
  ),
  VIGIL_RETENTION_INTERVAL_MINUTES: Type.Optional(Int),
  VIGIL_PIPELINE_BATCH: Type.Optional(Int),
  VIGIL_SEARCH_THREADS: Type.Optional(Int),
  VIGIL_TRANSPORT: Type.Optional(OneOf(TRANSPORTS)),
  VIGIL_KAFKA_BROKERS: Type.Optional(Type.String({ pattern: '^[^,:\\s]+:[0-9]+(,[^,:\\s]+:[0-9]+)*$' })),
  VIGIL_KAFKA_RAW_PARTITIONS: Type.Optional(Type.String({ pattern: '^[1-9][0-9]*$' })),
  VIGIL_STORE: Type.Optional(OneOf(STORES)),
  VIGIL_STORE_URL: Type.Optional(Type.String({ pattern: '^https?://[^\\s]+$' })),
  VIGIL_ROLE: Type.Optional(OneOf(ROLES)),
  VIGIL_METRICS_PORT: Type.Optional(Int),
});

type RawConfig = Static<typeof ConfigSchema>;

export interface RetentionSetting {
  source: string;
  category?: string;
  days: number;
}

export type TransportKind = (typeof TRANSPORTS)[number];
export type StoreKind = (typeof STORES)[number];
export type EngineKind = Exclude<StoreKind, 'sqlite'>;
export type Role = (typeof ROLES)[number];

/** Where events are stored: the embedded SQLite file, or a search engine at a URL. */
export type StoreSetting = { kind: 'sqlite' } | { kind: EngineKind; url: string };

export interface VigilConfig {
  port: number;
  host: string;
  logLevel: string;
  dataDir: string;
  demoData: boolean;
  demoEvents: number;
  maxBodyBytes: number;
  maxRecordBytes: number;
  maxJsonDepth: number;
  hecToken?: string;
  syslog?: { port: number; host: string; source: string };
  enrich: boolean;
  geoipCityMmdb?: string;
  asnMmdb?: string;
  redactKeys: string[];
  retentionDays: number;
  retention: RetentionSetting[];
  retentionIntervalMinutes: number;
  pipelineBatch: number;
  /** Embedded mode: threads that run searches off the event loop (0: on it). */
  searchThreads: number;
  transport: TransportKind;
  /** Which parts this process runs: everything, only the API, or only an ingest worker. */
  role: Role;
  store: StoreSetting;
  kafka?: { brokers: string[]; rawPartitions: number };
  /** Where an ingest-only process serves /metrics (the API serves it on its own port). */
  metricsPort: number;
}

export class ConfigError extends Error {}

const bool = (v: string | undefined, fallback: boolean): boolean =>
  v === undefined ? fallback : v === 'true' || v === '1';
const int = (v: string | undefined, fallback: number): number => (v === undefined ? fallback : Number(v));

function parseRetention(text: string | undefined): RetentionSetting[] {
  if (!text) return [];
  return text.split(',').map((entry) => {
    const [key = '', days = '0'] = entry.split('=');
    const [source = '', category] = key.split('.');
    return { source, ...(category ? { category } : {}), days: Number(days) };
  });
}

export function loadConfig(env: Record<string, string | undefined> = process.env): VigilConfig {
  const known = Object.fromEntries(
    Object.keys(ConfigSchema.properties)
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const problems = [...Value.Errors(ConfigSchema, known)].map(describeError);
  problems.push(...modeProblems(known as RawConfig));
  if (problems.length) throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  const c = known as RawConfig;
  return {
    port: int(c.PORT, 8080),
    host: c.HOST ?? '127.0.0.1',
    logLevel: c.LOG_LEVEL ?? 'info',
    dataDir: c.VIGIL_DATA_DIR ?? './data',
    demoData: bool(c.VIGIL_DEMO_DATA, true),
    demoEvents: int(c.VIGIL_DEMO_EVENTS, 6000),
    maxBodyBytes: int(c.VIGIL_MAX_BODY_BYTES, 10 * 1024 * 1024),
    maxRecordBytes: int(c.VIGIL_MAX_RECORD_BYTES, 1024 * 1024),
    maxJsonDepth: int(c.VIGIL_MAX_JSON_DEPTH, 64),
    ...(c.VIGIL_HEC_TOKEN ? { hecToken: c.VIGIL_HEC_TOKEN } : {}),
    ...(c.VIGIL_SYSLOG_PORT
      ? {
          syslog: {
            port: Number(c.VIGIL_SYSLOG_PORT),
            host: c.VIGIL_SYSLOG_HOST ?? '127.0.0.1',
            source: c.VIGIL_SYSLOG_SOURCE ?? 'generic',
          },
        }
      : {}),
    enrich: bool(c.VIGIL_ENRICH, true),
    ...(c.VIGIL_GEOIP_CITY_MMDB ? { geoipCityMmdb: c.VIGIL_GEOIP_CITY_MMDB } : {}),
    ...(c.VIGIL_ASN_MMDB ? { asnMmdb: c.VIGIL_ASN_MMDB } : {}),
    redactKeys: (c.VIGIL_REDACT_KEYS ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean),
    retentionDays: int(c.VIGIL_RETENTION_DAYS, 365),
    retention: parseRetention(c.VIGIL_RETENTION),
    retentionIntervalMinutes: int(c.VIGIL_RETENTION_INTERVAL_MINUTES, 60),
    pipelineBatch: int(c.VIGIL_PIPELINE_BATCH, 1000),
    searchThreads: int(c.VIGIL_SEARCH_THREADS, 1),
    transport: c.VIGIL_TRANSPORT ?? 'embedded',
    role: c.VIGIL_ROLE ?? 'all',
    store: storeSetting(c),
    ...(c.VIGIL_KAFKA_BROKERS
      ? { kafka: { brokers: c.VIGIL_KAFKA_BROKERS.split(','), rawPartitions: int(c.VIGIL_KAFKA_RAW_PARTITIONS, 6) } }
      : {}),
    metricsPort: int(c.VIGIL_METRICS_PORT, 9464),
  };
}

function storeSetting(c: RawConfig): StoreSetting {
  const kind = c.VIGIL_STORE ?? 'sqlite';
  return kind === 'sqlite' ? { kind } : { kind, url: c.VIGIL_STORE_URL ?? '' };
}

/** A union of literals reads better as the list of allowed values than as "expected union value". */
function describeError(error: ValueError): string {
  const key = error.path.slice(1);
  const options = (error.schema.anyOf as { const?: unknown }[] | undefined)?.map((s) => s.const);
  if (options?.every((o) => typeof o === 'string')) {
    return `${key}: must be one of ${options.join(', ')} (got '${String(error.value)}')`;
  }
  return `${key}: ${error.message}`;
}

/**
 * The combinations that make a working process. The embedded transport is a table in the SQLite
 * file, so it goes with the SQLite store and one process; Kafka means several processes, which
 * cannot share one SQLite file, so it goes with a search engine. Mixing them is refused rather
 * than half-working.
 */
function modeProblems(c: RawConfig): string[] {
  const problems: string[] = [];
  const transport = c.VIGIL_TRANSPORT ?? 'embedded';
  const store = c.VIGIL_STORE ?? 'sqlite';
  const role = c.VIGIL_ROLE ?? 'all';
  const engine = store === 'elasticsearch' || store === 'opensearch';
  if (transport === 'kafka' && !c.VIGIL_KAFKA_BROKERS) {
    problems.push('VIGIL_KAFKA_BROKERS: required when VIGIL_TRANSPORT=kafka (host:port,host:port)');
  }
  if (transport === 'kafka' && store === 'sqlite') {
    problems.push('VIGIL_STORE: VIGIL_TRANSPORT=kafka needs a search engine (opensearch or elasticsearch), not sqlite');
  }
  if (transport === 'embedded' && engine) {
    problems.push(`VIGIL_STORE: ${store} needs VIGIL_TRANSPORT=kafka; the embedded mode stores in sqlite`);
  }
  if (engine && !c.VIGIL_STORE_URL) {
    problems.push(`VIGIL_STORE_URL: required when VIGIL_STORE=${store} (e.g. http://127.0.0.1:9200)`);
  }
  if (role !== 'all' && transport !== 'kafka') {
    problems.push(`VIGIL_ROLE: ${role} needs VIGIL_TRANSPORT=kafka; the embedded mode is one process`);
  }
  return problems;
}

/** The parse/enrich/redact settings, the same for the embedded pipeline, the CLI import and Kafka workers. */
export function pipelineOptions(config: VigilConfig): PipelineOptions {
  return {
    enrich: config.enrich,
    ...(config.geoipCityMmdb ? { geoipCityMmdb: config.geoipCityMmdb } : {}),
    ...(config.asnMmdb ? { asnMmdb: config.asnMmdb } : {}),
    redactKeys: config.redactKeys,
  };
}
