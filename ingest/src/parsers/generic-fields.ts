import { isIP } from 'node:net';
import { toIsoTimestamp, type EventDraft } from './event-builder.ts';
import { SEVERITY_WORDS } from './formats/cef.ts';
import { SYSLOG_LEVELS, syslogSeverityFromName } from './formats/syslog.ts';

/**
 * The ECS fields the generic parser can fill, as a flat bag keyed by ECS path. JSON keys, CEF
 * extensions and syslog headers all land here first; each value is checked for its field's kind
 * when it is set (an IP that is not an IP, a port that is not a port is refused), so a reader can
 * try its next candidate. draftFromFields then builds the nested event.
 */
export type EcsFieldPath =
  | '@timestamp'
  | 'message'
  | 'event.action'
  | 'event.id'
  | 'event.code'
  | 'event.outcome'
  | 'event.severity'
  | 'event.reason'
  | 'event.provider'
  | 'user.name'
  | 'user.id'
  | 'user.email'
  | 'user.target.name'
  | 'user.target.id'
  | 'user.target.email'
  | 'source.ip'
  | 'source.port'
  | 'source.address'
  | 'source.domain'
  | 'destination.ip'
  | 'destination.port'
  | 'destination.address'
  | 'host.name'
  | 'http.request.method'
  | 'http.response.status_code'
  | 'url.original'
  | 'url.path'
  | 'url.query'
  | 'user_agent.original'
  | 'service.name'
  | 'observer.vendor'
  | 'observer.product'
  | 'observer.hostname';

export type EcsFields = Partial<Record<EcsFieldPath, string | number>>;

type Normalizer = (value: unknown) => string | number | undefined;

/** Values outside this range are counters or durations read as epochs, not event times. */
const EARLIEST_TIMESTAMP = Date.UTC(1990, 0, 1);
const LATEST_TIMESTAMP = Date.UTC(2200, 0, 1);
const MAX_KEYWORD_LENGTH = 1024;
const MAX_ACTION_LENGTH = 128;

const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']);

// prettier-ignore
const OUTCOME_WORDS: Readonly<Record<string, 'success' | 'failure' | 'unknown'>> = {
  success: 'success', succeeded: 'success', successful: 'success', ok: 'success', true: 'success',
  allowed: 'success', allow: 'success', accepted: 'success', accept: 'success', permitted: 'success',
  granted: 'success', pass: 'success', passed: 'success', completed: 'success',
  failure: 'failure', failed: 'failure', fail: 'failure', false: 'failure', error: 'failure', denied: 'failure',
  deny: 'failure', blocked: 'failure', block: 'failure', rejected: 'failure', reject: 'failure',
  refused: 'failure', forbidden: 'failure', unauthorized: 'failure', dropped: 'failure', drop: 'failure',
  unknown: 'unknown',
};

/** Pino/bunyan numeric levels; 0-7 are read as syslog severities. */
const PINO_LEVELS: Readonly<Record<number, number>> = { 10: 7, 20: 7, 30: 6, 40: 4, 50: 3, 60: 2 };

export function text(value: unknown, maxLength = MAX_KEYWORD_LENGTH): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
  const result = String(value).trim();
  return result === '' || result.length > maxLength ? undefined : result;
}

function timestamp(value: unknown): string | undefined {
  const iso = toIsoTimestamp(typeof value === 'string' ? value.trim() : value);
  if (iso === undefined) return undefined;
  const ms = Date.parse(iso);
  return ms >= EARLIEST_TIMESTAMP && ms < LATEST_TIMESTAMP ? iso : undefined;
}

function integerIn(min: number, max: number): Normalizer {
  return (value) => {
    const number = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
    return typeof number === 'number' && Number.isInteger(number) && number >= min && number <= max
      ? number
      : undefined;
  };
}

/** An IP address as given, accepting `ip:port`, `[v6]:port` and an X-Forwarded-For list (first hop). */
export function readAddress(value: unknown): { ip: string; port?: number } | undefined {
  const candidate = text(value)?.split(',')[0]?.trim();
  if (candidate === undefined) return undefined;
  if (isIP(candidate)) return { ip: candidate };
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(candidate);
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/.exec(candidate);
  const match = bracketed ?? v4WithPort;
  if (!match?.[1] || !isIP(match[1])) return undefined;
  const port = match[2] === undefined ? undefined : Number(match[2]);
  return { ip: match[1], port: port !== undefined && port <= 65535 ? port : undefined };
}

export function severity(value: unknown): number | undefined {
  if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value.trim()))) {
    const level = Number(value);
    return Number.isInteger(level) && level >= 0 && level <= 7 ? level : PINO_LEVELS[level];
  }
  if (typeof value !== 'string') return undefined;
  const word = value.trim().toLowerCase();
  return syslogSeverityFromName(word) ?? SEVERITY_WORDS[word.replace(/[\s_-]+/g, '')];
}

export function outcome(value: unknown): string | undefined {
  const word = text(value)?.toLowerCase().replace(/^\//, '');
  return word === undefined ? undefined : OUTCOME_WORDS[word];
}

const port = integerIn(0, 65535);

const NORMALIZERS: Partial<Record<EcsFieldPath, Normalizer>> = {
  '@timestamp': timestamp,
  'event.action': (value) => text(value, MAX_ACTION_LENGTH),
  'event.outcome': outcome,
  'event.severity': severity,
  'source.ip': (value) => readAddress(value)?.ip,
  'destination.ip': (value) => readAddress(value)?.ip,
  'source.port': port,
  'destination.port': port,
  'http.request.method': (value) => {
    const method = text(value)?.toUpperCase();
    return method !== undefined && HTTP_METHODS.has(method) ? method : undefined;
  },
  'http.response.status_code': integerIn(100, 599),
  'user.email': (value) => emailLike(value),
  'user.target.email': (value) => emailLike(value),
  message: (value) => text(value, Number.POSITIVE_INFINITY),
};

function emailLike(value: unknown): string | undefined {
  const candidate = text(value);
  return candidate !== undefined && /^[^\s@]+@[^\s@]+$/.test(candidate) ? candidate : undefined;
}

/**
 * Sets `path` to the normalized value unless it is already set. Returns whether the field now holds
 * this value. An `ip:port` also fills the matching port.
 */
export function setField(fields: EcsFields, path: EcsFieldPath, value: unknown): boolean {
  if (fields[path] !== undefined) return false;
  const normalized = (NORMALIZERS[path] ?? text)(value);
  if (normalized === undefined) return false;
  fields[path] = normalized;
  if (path === 'source.ip' || path === 'destination.ip') {
    const portPath = path === 'source.ip' ? 'source.port' : 'destination.port';
    const givenPort = readAddress(value)?.port;
    if (fields[portPath] === undefined && givenPort !== undefined) fields[portPath] = givenPort;
  }
  return true;
}

/** What the fields cannot say: the default action, categorization, tags and the vendor key. */
export interface DraftExtras {
  defaultAction: string;
  dataset: string;
  category?: string[];
  type?: string[];
  tags?: string[];
  generic?: Record<string, unknown>;
  original?: string;
}

function str(fields: EcsFields, path: EcsFieldPath): string | undefined {
  const value = fields[path];
  return value === undefined ? undefined : String(value);
}

function num(fields: EcsFields, path: EcsFieldPath): number | undefined {
  const value = fields[path];
  return typeof value === 'number' ? value : undefined;
}

function unique(values: (string | undefined)[]): string[] | undefined {
  const present = [...new Set(values.filter((value): value is string => value !== undefined))];
  return present.length === 0 ? undefined : present;
}

export function draftFromFields(fields: EcsFields, extras: DraftExtras): EventDraft {
  const f = (path: EcsFieldPath) => str(fields, path);
  const level = num(fields, 'event.severity');
  const userName = f('user.name');
  const targetName = f('user.target.name');
  return {
    '@timestamp': f('@timestamp'),
    message: f('message'),
    event: {
      action: f('event.action') ?? extras.defaultAction,
      id: f('event.id'),
      code: f('event.code'),
      outcome: f('event.outcome'),
      severity: level,
      reason: f('event.reason'),
      provider: f('event.provider'),
      category: extras.category ?? [],
      type: extras.type ?? [],
      dataset: extras.dataset,
      original: extras.original,
    },
    log: level === undefined ? undefined : { level: SYSLOG_LEVELS[level] },
    user: {
      name: userName,
      id: f('user.id'),
      email: f('user.email') ?? emailLike(userName),
      target: { name: targetName, id: f('user.target.id'), email: f('user.target.email') ?? emailLike(targetName) },
    },
    source: {
      ip: f('source.ip'),
      port: num(fields, 'source.port'),
      address: f('source.address'),
      domain: f('source.domain'),
    },
    destination: { ip: f('destination.ip'), port: num(fields, 'destination.port'), address: f('destination.address') },
    host: { name: f('host.name') },
    http: {
      request: { method: f('http.request.method') },
      response: { status_code: num(fields, 'http.response.status_code') },
    },
    url: { original: f('url.original'), path: f('url.path'), query: f('url.query') },
    user_agent: { original: f('user_agent.original') },
    service: { name: f('service.name') },
    observer: { vendor: f('observer.vendor'), product: f('observer.product'), hostname: f('observer.hostname') },
    related: {
      ip: unique([f('source.ip'), f('destination.ip')]),
      user: unique([userName, targetName]),
    },
    tags: extras.tags === undefined || extras.tags.length === 0 ? undefined : extras.tags,
    generic: extras.generic,
  };
}
