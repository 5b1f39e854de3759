import { ConfigError, loadConfig, type VigilConfig } from './config.ts';
import { startDistributed } from './distributed.ts';
import { startEmbedded } from './embedded.ts';

function readConfig(): VigilConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

/** SIGTERM/SIGINT drain what is in flight (the queue batch, the Kafka batch), then exit. */
function onStopSignals(close: () => Promise<void>): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: draining and stopping`);
    try {
      await close();
      process.exit(0);
    } catch (error) {
      console.error('stop failed', error);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

function shownHost(host: string): string {
  return host === '0.0.0.0' || host === '::' ? 'localhost' : host;
}

async function runEmbedded(config: VigilConfig): Promise<void> {
  const vigil = await startEmbedded(config);
  await vigil.app.listen({ port: config.port, host: config.host });
  console.log(
    `Vigil is running: http://${shownHost(config.host)}:${config.port}/  (API: /api/v1, OpenAPI: /api/v1/openapi.json)`,
  );
  if (config.syslog) console.log(`syslog listening on ${config.syslog.host}:${config.syslog.port} (udp+tcp)`);
  onStopSignals(() => vigil.close());
}

async function runDistributed(config: VigilConfig): Promise<void> {
  const vigil = await startDistributed(config);
  onStopSignals(() => vigil.close());
  if (vigil.app) {
    await vigil.app.listen({ port: config.port, host: config.host });
    console.log(`Vigil ${config.role} (kafka, ${config.store.kind}): http://${shownHost(config.host)}:${config.port}/`);
  }
  const address = vigil.metricsServer?.address();
  if (address && typeof address === 'object') {
    console.log(`Vigil ingest worker: metrics on http://${shownHost(config.host)}:${address.port}/metrics`);
  }
}

const config = readConfig();
await (config.transport === 'kafka' ? runDistributed(config) : runEmbedded(config));
