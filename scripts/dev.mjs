#!/usr/bin/env node
// `npm run dev`: everything a fresh checkout needs, then the local Worker on
// http://localhost:8787 with a local D1. Offline, no prompts, no telemetry.
import { appendFileSync, copyFileSync, existsSync, readFileSync } from 'node:fs';
import { spawnSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { writeDemoSeed } from './demo-seed.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const env = {
  ...process.env,
  CLOUDFLARE_CF_FETCH_ENABLED: 'false', // no request to Cloudflare for Request.cf
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_HIDE_BANNER: 'true', // the banner asks the npm registry for a newer wrangler
  CI: process.env.CI ?? 'true', // wrangler: never prompt (migrations apply without asking)
};

function run(cmd, args, { quiet = false } = {}) {
  const result = spawnSync(cmd, args, { cwd: root, env, stdio: quiet ? 'pipe' : 'inherit', encoding: 'utf8' });
  if (result.status !== 0) {
    if (quiet) process.stderr.write(`${result.stdout}${result.stderr}`);
    process.exit(result.status ?? 1);
  }
}

if (!existsSync(`${root}.dev.vars`)) {
  copyFileSync(`${root}.dev.vars.example`, `${root}.dev.vars`);
  console.log('created .dev.vars from .dev.vars.example');
} else {
  // A checkout made before a new variable was added: give it the example's value.
  const vars = readFileSync(`${root}.dev.vars`, 'utf8');
  const have = new Set(vars.split('\n').map((line) => line.split('=', 1)[0].trim()));
  const missing = readFileSync(`${root}.dev.vars.example`, 'utf8').split('\n').filter((line) => /^[A-Z_]+=/.test(line) && !have.has(line.split('=', 1)[0]));
  if (missing.length > 0) {
    appendFileSync(`${root}.dev.vars`, `${vars.endsWith('\n') || vars === '' ? '' : '\n'}${missing.join('\n')}\n`);
    console.log(`added to .dev.vars from .dev.vars.example: ${missing.map((line) => line.split('=', 1)[0]).join(', ')}`);
  }
}
run('npm', ['run', '--silent', 'build']);
run('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--env', 'dev']);
const port = process.env.PORT ?? '8787';
// The demo site, with answers over the last 90 days regenerated relative to today; its pages on this port may embed the widget.
const seed = await writeDemoSeed(`${root}.wrangler/demo-seed.sql`, Date.now(), Number(port));
run('npx', ['wrangler', 'd1', 'execute', 'DB', '--local', '--env', 'dev', '--file', seed, '--yes'], { quiet: true });
console.log('demo site loaded: site key "demo", read key cxr_demo0000_localdemo00000000000000000000000');
console.log(`console: http://localhost:${port}/app/ (admin token in .dev.vars)`);

const dev = spawn('npx', ['wrangler', 'dev', '--env', 'dev', '--port', port, '--ip', '127.0.0.1', ...process.argv.slice(2)], {
  cwd: root,
  env,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => dev.kill(signal));
dev.on('exit', (code) => process.exit(code ?? 0));
