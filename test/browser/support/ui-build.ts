import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The browser tests run against the built UI, served by the real server. The build runs once when
 * ui/build is missing or older than any UI source, guarded by a lock directory because test files
 * run in parallel processes (a server started during a rebuild would serve stale file names).
 */
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const UI = join(ROOT, 'ui');
const BUILT = join(UI, 'build', 'index.html');
const LOCK = join(UI, '.build-lock');
const INPUTS = ['src', 'svelte.config.js', 'vite.config.ts', 'package.json'];
const LOCK_STALE_MS = 5 * 60_000;

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

function isFresh(): boolean {
  if (!existsSync(BUILT)) return false;
  const built = statSync(BUILT).mtimeMs;
  return INPUTS.every((input) => newestMtime(join(UI, input)) <= built);
}

async function acquireLock(): Promise<void> {
  const deadline = Date.now() + LOCK_STALE_MS;
  for (;;) {
    try {
      mkdirSync(LOCK);
      return;
    } catch {
      // Another test process is building; a lock left by a killed run expires.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > LOCK_STALE_MS) rmdirSync(LOCK);
      if (Date.now() > deadline) throw new Error(`ui build lock ${LOCK} held too long`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

export async function ensureUiBuilt(): Promise<void> {
  if (isFresh()) return;
  await acquireLock();
  try {
    if (isFresh()) return;
    const vite = join(dirname(createRequire(join(UI, 'package.json')).resolve('vite/package.json')), 'bin/vite.js');
    const result = spawnSync(process.execPath, [vite, 'build'], { cwd: UI, encoding: 'utf8', timeout: 240_000 });
    if (result.status !== 0) throw new Error(`ui build failed:\n${result.stdout}\n${result.stderr}`);
  } finally {
    rmdirSync(LOCK);
  }
}
