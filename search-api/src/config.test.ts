import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const KAFKA_OPENSEARCH = {
  VIGIL_TRANSPORT: 'kafka',
  VIGIL_KAFKA_BROKERS: '127.0.0.1:9092,kafka-2:9093',
  VIGIL_STORE: 'opensearch',
  VIGIL_STORE_URL: 'http://127.0.0.1:9200',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message
      .split('\n')
      .slice(1)
      .map((line) => line.trim());
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadConfig: modes', () => {
  it('defaults to the embedded mode: one process, embedded queue, sqlite', () => {
    const config = loadConfig({});
    expect(config.transport).toBe('embedded');
    expect(config.store).toEqual({ kind: 'sqlite' });
    expect(config.role).toBe('all');
    expect(config.kafka).toBeUndefined();
    expect(config.metricsPort).toBe(9464);
  });

  it('reads the distributed settings', () => {
    const config = loadConfig({
      ...KAFKA_OPENSEARCH,
      VIGIL_KAFKA_RAW_PARTITIONS: '12',
      VIGIL_ROLE: 'ingest',
      VIGIL_METRICS_PORT: '9500',
    });
    expect(config.transport).toBe('kafka');
    expect(config.kafka).toEqual({ brokers: ['127.0.0.1:9092', 'kafka-2:9093'], rawPartitions: 12 });
    expect(config.store).toEqual({ kind: 'opensearch', url: 'http://127.0.0.1:9200' });
    expect(config.role).toBe('ingest');
    expect(config.metricsPort).toBe(9500);
  });

  it('defaults the raw topic to 6 partitions', () => {
    expect(loadConfig(KAFKA_OPENSEARCH).kafka?.rawPartitions).toBe(6);
  });

  it('accepts elasticsearch as the engine', () => {
    const config = loadConfig({
      ...KAFKA_OPENSEARCH,
      VIGIL_STORE: 'elasticsearch',
      VIGIL_STORE_URL: 'https://es:9200',
    });
    expect(config.store).toEqual({ kind: 'elasticsearch', url: 'https://es:9200' });
  });
});

describe('loadConfig: refused combinations, all reported at once', () => {
  it('kafka without brokers, and with the default sqlite store', () => {
    expect(problemsOf({ VIGIL_TRANSPORT: 'kafka' })).toEqual([
      'VIGIL_KAFKA_BROKERS: required when VIGIL_TRANSPORT=kafka (host:port,host:port)',
      'VIGIL_STORE: VIGIL_TRANSPORT=kafka needs a search engine (opensearch or elasticsearch), not sqlite',
    ]);
  });

  it('an engine without its URL and without kafka', () => {
    expect(problemsOf({ VIGIL_STORE: 'opensearch' })).toEqual([
      'VIGIL_STORE: opensearch needs VIGIL_TRANSPORT=kafka; the embedded mode stores in sqlite',
      'VIGIL_STORE_URL: required when VIGIL_STORE=opensearch (e.g. http://127.0.0.1:9200)',
    ]);
  });

  it('a split role in the embedded mode', () => {
    expect(problemsOf({ VIGIL_ROLE: 'api' })).toEqual([
      'VIGIL_ROLE: api needs VIGIL_TRANSPORT=kafka; the embedded mode is one process',
    ]);
  });

  it('unknown values name the allowed ones', () => {
    const problems = problemsOf({ VIGIL_TRANSPORT: 'rabbitmq', VIGIL_STORE: 'mongo', VIGIL_ROLE: 'worker' });
    expect(problems).toContain("VIGIL_TRANSPORT: must be one of embedded, kafka (got 'rabbitmq')");
    expect(problems).toContain("VIGIL_STORE: must be one of sqlite, elasticsearch, opensearch (got 'mongo')");
    expect(problems).toContain("VIGIL_ROLE: must be one of all, api, ingest (got 'worker')");
  });

  it('malformed brokers, URL and partition count', () => {
    const problems = problemsOf({
      ...KAFKA_OPENSEARCH,
      VIGIL_KAFKA_BROKERS: 'localhost',
      VIGIL_STORE_URL: 'opensearch:9200',
      VIGIL_KAFKA_RAW_PARTITIONS: '0',
    });
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'VIGIL_KAFKA_BROKERS',
      'VIGIL_KAFKA_RAW_PARTITIONS',
      'VIGIL_STORE_URL',
    ]);
  });

  it('keeps reporting the other settings in the same message', () => {
    const problems = problemsOf({ VIGIL_TRANSPORT: 'kafka', PORT: 'eighty' });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^PORT: /);
  });
});
