/**
 * A real local collector for the browser tests: `wrangler dev --env dev` on a
 * free port of 127.0.0.1, its own D1 in a temp dir (migrations applied, the
 * demo site seeded), the test's admin token, link and quota keys, and any further
 * variables a test needs (the team's tests start one behind their Access
 * stand-in). The widget and the console must be built first.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedDemo } from './demo-seed';
import { ADMIN_TOKEN, LINK_SIGNING_KEY, QUOTA_KEY } from './constants';

const root = fileURLToPath(new URL('../..', import.meta.url));
const env = {
  ...process.env,
  CLOUDFLARE_CF_FETCH_ENABLED: 'false', // no request to Cloudflare for Request.cf
  WRANGLER_SEND_METRICS: 'false',
  CI: 'true', // never prompt
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, collector: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (collector.exitCode !== null) throw new Error(`wrangler dev exited (${collector.exitCode}):\n${log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the local collector did not answer ${url} within 90 s:\n${log()}`);
}

export interface Collector {
  origin: string;
  stop(): Promise<void>;
}

export async function startCollector(vars: Record<string, string> = {}): Promise<Collector> {
  const persistTo = mkdtempSync(join(tmpdir(), 'cx-browser-d1-'));
  const migrate = spawnSync(
    'npx',
    ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--env', 'dev', '--persist-to', persistTo],
    { cwd: root, env, encoding: 'utf8' },
  );
  if (migrate.status !== 0) throw new Error(`migrations failed:\n${migrate.stdout}\n${migrate.stderr}`);
  const port = await freePort();
  // The demo site with 90 days of answers, for the console's tests; it lists this collector's origins, so /demo embeds the widget.
  await seedDemo(persistTo, Date.now(), port);

  const origin = `http://127.0.0.1:${port}`;
  const more = Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]);
  let output = '';
  const collector = spawn(
    'npx',
    [
      'wrangler', 'dev', '--env', 'dev', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', persistTo,
      '--var', `ADMIN_TOKEN:${ADMIN_TOKEN}`, '--var', `LINK_SIGNING_KEY:${LINK_SIGNING_KEY}`, '--var', `QUOTA_KEY:${QUOTA_KEY}`, ...more,
      '--show-interactive-dev-session=false', '--inspector-port', String(await freePort()),
    ],
    { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  collector.stdout!.on('data', (chunk) => (output += chunk));
  collector.stderr!.on('data', (chunk) => (output += chunk));
  const kill = () => {
    // The whole process group: npx, wrangler and its workerd children.
    if (collector.pid && collector.exitCode === null) {
      try {
        process.kill(-collector.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  };

  try {
    await waitForHealth(`${origin}/healthz`, collector, () => output.slice(-4000));
  } catch (error) {
    kill();
    throw error;
  }
  return {
    origin,
    async stop() {
      kill();
      await new Promise((r) => setTimeout(r, 500));
      rmSync(persistTo, { recursive: true, force: true });
    },
  };
}
