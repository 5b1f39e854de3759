import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { freePort } from '../support/server-process.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ENTRY = join(ROOT, 'search-api/src/main.ts');

/** The settings every process of a test's distributed deployment shares. */
export function distributedEnv(brokers: string, storeUrl: string, extra: Record<string, string> = {}) {
  return {
    VIGIL_TRANSPORT: 'kafka',
    VIGIL_KAFKA_BROKERS: brokers,
    VIGIL_KAFKA_RAW_PARTITIONS: '6',
    VIGIL_STORE: 'opensearch',
    VIGIL_STORE_URL: storeUrl,
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

export interface IngestProcess {
  readonly pid: number;
  readonly metricsUrl: string;
  output(): string;
  /** SIGKILL: no drain, no commit, no leaving the group. */
  kill9(): Promise<void>;
  /** SIGTERM and the exit code once it is gone. */
  terminate(): Promise<number | null>;
  metric(name: string): Promise<number>;
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/**
 * An ingest worker the way an operator runs one: `node --import tsx search-api/src/main.ts` with
 * VIGIL_ROLE=ingest. Ready once its /health answers, which it serves after joining the group.
 */
export async function startIngestProcess(env: Record<string, string>): Promise<IngestProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    cwd: ROOT,
    env: { ...process.env, ...env, VIGIL_ROLE: 'ingest', VIGIL_METRICS_PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const metricsUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`ingest worker exited early (${child.exitCode}):\n${output}`);
    const ok = await fetch(`${metricsUrl}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`ingest worker did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    pid: child.pid ?? 0,
    metricsUrl,
    output: () => output,
    async kill9() {
      child.kill('SIGKILL');
      await exited(child);
    },
    async terminate() {
      child.kill('SIGTERM');
      return exited(child);
    },
    async metric(name: string) {
      const text = await (await fetch(`${metricsUrl}/metrics`)).text();
      // Sum over label sets: counters with labels (dead letters by stage) count as one figure here.
      return text
        .split('\n')
        .filter((line) => line.startsWith(`${name} `) || line.startsWith(`${name}{`))
        .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
    },
  };
}
