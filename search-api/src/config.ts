import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/**
 * Every setting Vigil reads, checked once at start. A bad value stops the start with one message
 * that lists every problem. `.env.example` mirrors this list.
 */
const Bool = Type.Union([Type.Literal('true'), Type.Literal('false'), Type.Literal('1'), Type.Literal('0')]);
const Int = Type.String({ pattern: '^[0-9]+$' });

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
});

type RawConfig = Static<typeof ConfigSchema>;

export interface RetentionSetting {
  source: string;
  category?: string;
  days: number;
}

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
  const problems = [...Value.Errors(ConfigSchema, known)].map((e) => `${e.path.slice(1)}: ${e.message}`);
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
  };
}
