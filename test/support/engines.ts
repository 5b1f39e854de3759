// Real Kafka, OpenSearch and Elasticsearch for tests, started by deploy/engines.sh (the same
// script people use), each on its own free ports and folder so parallel test files never share
// or stop each other's engine. Every engine runs as its own process group: stop, freeze, thaw
// and kill9 act on the whole tree, and a process exit kills whatever a test forgot to stop.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './server-process.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ENGINES_SH = join(ROOT, 'deploy/engines.sh');
/** Where test instances live; each keeps its logs after stop() so a failed test shows why. */
export const TEST_RUN_DIR = join(ROOT, 'deploy/.cache/run/test');
/** First start resolves from Maven Central (minutes); later starts take seconds. */
const DEFAULT_UP_TIMEOUT_MS = 600_000;
const STALE_INSTANCE_MS = 24 * 3600_000;

export type EngineName = 'kafka' | 'opensearch' | 'elasticsearch';

/** The environment variables deploy/engines.sh reads for each engine. */
const ENV_NAMES: Record<EngineName, { dir: string; port: string; secondPort: string }> = {
  kafka: { dir: 'KAFKA_DIR', port: 'KAFKA_PORT', secondPort: 'KAFKA_CONTROLLER_PORT' },
  opensearch: { dir: 'OPENSEARCH_DIR', port: 'OPENSEARCH_PORT', secondPort: 'OPENSEARCH_TRANSPORT_PORT' },
  elasticsearch: { dir: 'ELASTICSEARCH_DIR', port: 'ELASTICSEARCH_PORT', secondPort: 'ELASTICSEARCH_TRANSPORT_PORT' },
};

export interface EngineOptions {
  /** Client port (Kafka broker / HTTP); a free one when omitted. */
  port?: number;
  /** Instance folder (config, data, logs); TEST_RUN_DIR/<engine>-<port> when omitted. */
  dir?: string;
  /** More settings for deploy/engines.sh, e.g. { KAFKA_PARTITIONS: '3', OPENSEARCH_HEAP: '512m' }. */
  env?: Record<string, string>;
  /** How long `up` may take, first Maven resolution included. */
  timeoutMs?: number;
}

export interface Engine {
  readonly name: EngineName;
  /** Process group leader: the whole engine is this process group. Changes on restart(). */
  readonly pid: number;
  readonly port: number;
  readonly dir: string;
  readonly logDir: string;
  /** What the script wrote to <dir>/instance.env (VERSION, ISM, ...). */
  readonly info: Readonly<Record<string, string>>;
  /** Resident memory of the whole process group in KiB. */
  rssKb(): Promise<number>;
  /** Stops the engine (TERM, then KILL) and deletes its data; logs stay in logDir. */
  stop(): Promise<void>;
  /** Starts it again on the same ports and data, e.g. after kill9(). */
  restart(): Promise<void>;
  /** SIGSTOP to the group: the engine keeps its sockets but answers nothing. */
  freeze(): void;
  /** SIGCONT to the group. */
  thaw(): void;
  /** SIGKILL to the group, returns once the leader is gone; data stays for restart(). */
  kill9(): Promise<void>;
}

export interface KafkaEngine extends Engine {
  /** bootstrap servers, "127.0.0.1:<port>" */
  readonly brokers: string;
  readonly controllerPort: number;
  /** Runs a Kafka CLI main class (e.g. org.apache.kafka.tools.TopicCommand) and returns stdout. */
  tool(mainClass: string, args: string[], input?: string): Promise<string>;
}

export interface HttpEngine extends Engine {
  /** "http://127.0.0.1:<port>" */
  readonly url: string;
}

interface ScriptResult {
  stdout: string;
  stderr: string;
}

function runScript(args: string[], env: Record<string, string>, timeoutMs: number, input?: string) {
  return new Promise<ScriptResult>((resolve, reject) => {
    const child = execFile(
      'bash',
      [ENGINES_SH, ...args],
      { cwd: ROOT, env: { ...process.env, ...env }, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`deploy/engines.sh ${args.join(' ')} failed: ${error.message}\n${stderr}`));
        else resolve({ stdout, stderr });
      },
    );
    child.stdin?.end(input ?? '');
  });
}

function readInstanceEnv(dir: string): Record<string, string> {
  const file = join(dir, 'instance.env');
  if (!existsSync(file)) return {};
  const entries = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.includes('='))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const);
  return Object.fromEntries(entries);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}

/** Engines this process started and has not stopped: killed on exit, whatever the tests did. */
const live = new Map<string, number>();
let exitHookInstalled = false;

function track(dir: string, pid: number): void {
  live.set(dir, pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const pid of live.values()) signalGroup(pid, 'SIGKILL');
  });
}

let reaped: Promise<void> | undefined;

/** Stops instances whose owning test process died without stopping them; drops old folders. */
function reapOrphans(): Promise<void> {
  reaped ??= (async () => {
    if (!existsSync(TEST_RUN_DIR)) return;
    for (const entry of readdirSync(TEST_RUN_DIR)) {
      const dir = join(TEST_RUN_DIR, entry);
      const owner = Number(existsSync(join(dir, 'owner')) ? readFileSync(join(dir, 'owner'), 'utf8') : 0);
      if (owner && isAlive(owner)) continue;
      const name = entry.split('-')[0] as EngineName;
      const names = ENV_NAMES[name];
      if (!names) continue;
      if (existsSync(join(dir, 'pid'))) {
        await runScript(['down', name], { [names.dir]: dir }, 120_000).catch(() => undefined);
      } else if (Date.now() - statSync(dir).mtimeMs > STALE_INSTANCE_MS) {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  })();
  return reaped;
}

async function twoFreePorts(first?: number): Promise<[number, number]> {
  const a = first ?? (await freePort());
  let b = await freePort();
  while (b === a) b = await freePort();
  return [a, b];
}

/** One `ps` line per process of the group: "<state> <rss KiB>". */
function groupProcesses(pid: number): Promise<{ state: string; rssKb: number }[]> {
  return new Promise((resolve) => {
    execFile('ps', ['-o', 'stat=,rss=', '-g', String(pid)], (_error, stdout) => {
      const rows = stdout.split('\n').filter((line) => line.trim() !== '');
      resolve(
        rows.map((row) => ({ state: row.trim().split(/\s+/)[0] ?? '', rssKb: Number(row.trim().split(/\s+/)[1]) })),
      );
    });
  });
}

async function groupRssKb(pid: number): Promise<number> {
  return (await groupProcesses(pid)).reduce((sum, p) => sum + (p.rssKb || 0), 0);
}

/** Whether any process of the group still runs; zombies (which some sandbox inits never reap) do not count. */
export async function isGroupAlive(pid: number): Promise<boolean> {
  return (await groupProcesses(pid)).some((p) => !p.state.startsWith('Z'));
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (await isGroupAlive(pid)) {
    if (Date.now() > deadline) throw new Error(`process group ${pid} still alive after SIGKILL`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function startEngine(name: EngineName, options: EngineOptions): Promise<Engine> {
  await reapOrphans();
  const names = ENV_NAMES[name];
  const [port, secondPort] = await twoFreePorts(options.port);
  const dir = options.dir ?? join(TEST_RUN_DIR, `${name}-${port}`);
  const timeoutMs = options.timeoutMs ?? DEFAULT_UP_TIMEOUT_MS;
  const env = {
    ...options.env,
    [names.dir]: dir,
    [names.port]: String(port),
    [names.secondPort]: String(secondPort),
  };
  if (!options.dir) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'owner'), String(process.pid));

  let info: Record<string, string> = {};
  const up = async () => {
    await runScript(['up', name], env, timeoutMs);
    info = readInstanceEnv(dir);
    const pid = Number(info.PID);
    if (!pid) throw new Error(`${name}: no PID in ${dir}/instance.env`);
    track(dir, pid);
  };
  await up();

  const pid = () => Number(info.PID);
  return {
    name,
    port,
    dir,
    logDir: join(dir, 'logs'),
    get pid() {
      return pid();
    },
    get info() {
      return info;
    },
    rssKb: () => groupRssKb(pid()),
    async stop() {
      signalGroup(pid(), 'SIGCONT');
      await runScript(['down', name], env, 120_000);
      live.delete(dir);
      rmSync(join(dir, 'data'), { recursive: true, force: true });
    },
    restart: up,
    freeze: () => signalGroup(pid(), 'SIGSTOP'),
    thaw: () => signalGroup(pid(), 'SIGCONT'),
    async kill9() {
      signalGroup(pid(), 'SIGKILL');
      await waitUntilGone(pid(), 30_000);
      live.delete(dir);
    },
  };
}

export async function startKafka(options: EngineOptions = {}): Promise<KafkaEngine> {
  const engine = await startEngine('kafka', options);
  return Object.assign(engine, {
    brokers: `127.0.0.1:${engine.port}`,
    controllerPort: Number(engine.info.CONTROLLER_PORT),
    async tool(mainClass: string, args: string[], input?: string) {
      const { stdout } = await runScript(['kafka-run', mainClass, ...args], {}, 120_000, input);
      return stdout;
    },
  });
}

export async function startOpenSearch(options: EngineOptions = {}): Promise<HttpEngine> {
  const engine = await startEngine('opensearch', options);
  return Object.assign(engine, { url: `http://127.0.0.1:${engine.port}` });
}

export async function startElasticsearch(options: EngineOptions = {}): Promise<HttpEngine> {
  const engine = await startEngine('elasticsearch', options);
  return Object.assign(engine, { url: `http://127.0.0.1:${engine.port}` });
}
