/**
 * The real collector on loopback for Node-side scripts (load test, bench):
 * `wrangler dev` (workerd + local D1) on a free port, with its state in a
 * throwaway directory, offline, no prompts, no telemetry. The whole process
 * tree is killed on stop and on any exit of this process.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

export const wranglerEnv = {
  ...process.env,
  CLOUDFLARE_CF_FETCH_ENABLED: 'false', // no request to Cloudflare for Request.cf
  WRANGLER_SEND_METRICS: 'false',
  CI: 'true', // never prompt
};

/** Run wrangler to completion (migrations, d1 execute, deploy --dry-run); throws with its output on failure. */
export function wrangler(args, { quiet = true } = {}) {
  const result = spawnSync('npx', ['wrangler', ...args], { cwd: root, env: wranglerEnv, encoding: 'utf8', stdio: quiet ? 'pipe' : 'inherit' });
  if (result.status !== 0) throw new Error(`wrangler ${args.join(' ')} failed (${result.status}):\n${result.stdout ?? ''}${result.stderr ?? ''}`);
  return result.stdout ?? '';
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** dist/ when it was built; else an empty directory (wrangler refuses a missing assets directory). */
export function assetsDir(stateDir) {
  const dist = join(root, 'dist');
  if (existsSync(dist)) return null;
  const empty = join(stateDir, 'no-assets');
  mkdirSync(empty, { recursive: true });
  return empty;
}

/**
 * Where state directories go: memory (/dev/shm) when the machine has it, so
 * that the figures measure the Worker and SQLite rather than this disk's
 * fsync; CX_STATE_DIR chooses another place.
 */
function stateRoot() {
  if (process.env.CX_STATE_DIR) return process.env.CX_STATE_DIR;
  return existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
}

/** A fresh state directory with the migrations applied to its local D1. */
export function freshState(prefix) {
  const dir = mkdtempSync(join(stateRoot(), `${prefix}-`));
  wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--env', 'dev', '--persist-to', dir]);
  return dir;
}

/** The SQLite file behind the local D1 binding of a state directory. */
export function d1File(stateDir) {
  const dir = join(stateDir, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const name = readdirSync(dir).find((n) => n.endsWith('.sqlite') && n !== 'metadata.sqlite');
  if (!name) throw new Error(`no D1 database under ${dir}`);
  return join(dir, name);
}

const running = new Set();
function killTree(child, signal) {
  try {
    process.kill(-child.pid, signal); // the whole group: npx, wrangler, workerd
  } catch {
    // already gone
  }
}
process.on('exit', () => {
  for (const child of running) killTree(child, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of running) killTree(child, 'SIGKILL');
    process.exit(130);
  });
}

/**
 * Start `wrangler dev --env dev` on a free loopback port over `stateDir` and
 * wait until /healthz answers. Returns its base URL, the admin token it was
 * given, and stop().
 */
export async function startCollector({ stateDir, logFile = join(stateDir, 'wrangler.log'), timeoutMs = 90_000 }) {
  const port = await freePort();
  const adminToken = `load-${crypto.randomUUID()}`;
  const assets = assetsDir(stateDir);
  const log = openSync(logFile, 'a');
  const args = [
    'wrangler', 'dev', '--env', 'dev', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', stateDir,
    '--var', `ADMIN_TOKEN:${adminToken}`, '--log-level', 'warn', '--show-interactive-dev-session=false',
    ...(assets ? ['--assets', assets] : []),
  ];
  // detached: its own process group, so that stop() can kill npx, wrangler and workerd together.
  const child = spawn('npx', args, { cwd: root, env: wranglerEnv, detached: true, stdio: ['ignore', log, log] });
  running.add(child);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
    running.delete(child);
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited) return;
    killTree(child, 'SIGTERM');
    for (let i = 0; i < 50 && !exited; i++) await new Promise((r) => setTimeout(r, 100));
    if (!exited) killTree(child, 'SIGKILL');
  };
  const started = Date.now();
  for (;;) {
    if (exited) throw new Error(`wrangler dev exited (${JSON.stringify(exited)}) before answering:\n${tail(logFile)}`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > timeoutMs) {
      await stop();
      throw new Error(`wrangler dev did not answer /healthz within ${timeoutMs / 1000} s:\n${tail(logFile)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { base, adminToken, stop, startedInMs: Date.now() - started };
}

function tail(file) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '(no log)';
  }
}

export function removeState(stateDir) {
  rmSync(stateDir, { recursive: true, force: true });
}
