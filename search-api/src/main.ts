import { ConfigError, loadConfig } from './config.ts';
import { startEmbedded } from './embedded.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const vigil = await startEmbedded(config);
  await vigil.app.listen({ port: config.port, host: config.host });
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  console.log(`Vigil is running: http://${shown}:${config.port}/  (API: /api/v1, OpenAPI: /api/v1/openapi.json)`);
  if (config.syslog) console.log(`syslog listening on ${config.syslog.host}:${config.syslog.port} (udp+tcp)`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: draining and stopping`);
    await vigil.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

await main();
