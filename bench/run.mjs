#!/usr/bin/env node
// `npm run bench`: figures of the local runtime (wrangler dev: workerd +
// local D1), all from one run, printed as a table and written to
// bench/results.json. It asserts nothing; goals are printed beside figures.
//
//   1. ingest: answers (to a site without webhooks, and to one with an
//      active webhook) and events, requests/s, p50 and p99 at a fixed
//      concurrency, each as a ratio to POST /v1/noop of the same Worker,
//      measured in interleaved rounds so that drift hits all alike;
//      and the D1 rows written per answer and per exposure flush, as the
//      workerd test tests/worker/rows-written.test.ts measures and prints them;
//   2. scores: latency (p50) and D1 rows_read of a daily one-year series, UTC
//      and Asia/Tehran, at 10k, 100k and 1M stored answers (seeded through
//      SQLite, rollup triggers included), and of the year grouped by country
//      at the largest volume; with them, the bytes stored per answer (page
//      count × page size over answers, and per table, before the themes'
//      comments are seeded), and from it and the rows written, the answers a
//      day D1's free and paid plans take and the answers that fill one
//      database;
//   3. themes: latency (p50) and D1 rows_read of the comment themes of a
//      month with 10k and 50k comments (seeded through SQLite, see comments.mjs);
//   4. widget bytes (gzip -9): the loader, and loader + UI + the demo config;
//   5. the deployable Worker bundle (`wrangler deploy --dry-run --outdir`).
//
// Sizes: BENCH_VOLUMES (10000,100000,1000000), BENCH_THEME_VOLUMES
// (10000,50000), BENCH_CONCURRENCY (32), BENCH_ROUNDS (3) × BENCH_PER_ROUND
// (1000) requests per ingest target. BENCH_PARTS (ingest,scores,themes,
// widget,bundle) runs some of them and keeps the others' figures in
// bench/results.json.
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { gzipSync } from 'node:zlib';
import { assetsDir, d1File, freshState, removeState, root, startCollector, wrangler } from './lib/collector.mjs';
import { httpClient, inPool, percentile, statusCounts } from './lib/http.mjs';
import { seedComments } from './comments.mjs';
import { seedBench } from './seed.mjs';

const PARTS = new Set((process.env.BENCH_PARTS ?? 'ingest,scores,themes,widget,bundle').split(','));
const VOLUMES = PARTS.has('scores') ? (process.env.BENCH_VOLUMES ?? '10000,100000,1000000').split(',').map(Number) : [];
const THEME_VOLUMES = PARTS.has('themes') ? (process.env.BENCH_THEME_VOLUMES ?? '10000,50000').split(',').map(Number) : [];
const THEMES_RUNS = 7;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PER_ROUND = Number(process.env.BENCH_PER_ROUND ?? 1000);
const WARMUP = 300;
const SCORES_RUNS = 15;
const ZONES = ['UTC', 'Asia/Tehran'];
const DAY = 86_400_000;
/** D1's limits: rows written a day (free), included a month (paid), and the size of one database. */
const D1_FREE_ROWS_WRITTEN_PER_DAY = 100_000;
const D1_PAID_ROWS_WRITTEN_PER_MONTH = 50_000_000;
const D1_DATABASE_BYTES = 10 * 1000 ** 3;

const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
const round = (x, digits = 2) => (x === null ? null : Number(x.toFixed(digits)));
const log = (line) => console.log(line);
const startedAt = new Date();
const loadAtStart = os.loadavg().map((x) => round(x));

const previous = existsSync(join(root, 'bench', 'results.json')) ? JSON.parse(readFileSync(join(root, 'bench', 'results.json'), 'utf8')) : {};
const results = {
  ...previous,
  generated_at: startedAt.toISOString(),
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? null, load_average_at_start: loadAtStart, node: process.version },
  runtime: 'wrangler dev --env dev (workerd + local D1), loopback',
};

// ---------------------------------------------------------------------------
// Seed, then start the collector once for everything below.

const stateDir = freshState('cx-bench');
const today = Date.UTC(startedAt.getUTCFullYear(), startedAt.getUTCMonth(), startedAt.getUTCDate());
log(`seeding ${VOLUMES.join(' + ')} answers over one year into ${stateDir}…`);
const seeded = seedBench(d1File(stateDir), { volumes: VOLUMES, to: today, log });
if (PARTS.has('scores')) {
  results.seeding = { responses: seeded.responses, rollup_rows: seeded.rollupRows, seconds: round(seeded.seconds, 1), path: 'SQLite INSERT … SELECT into responses, rollup triggers firing' };
  log(`seeded ${seeded.responses} answers (${seeded.rollupRows} rollup rows) in ${seeded.seconds.toFixed(1)} s`);
  results.storage = storage(d1File(stateDir), seeded.responses);
}
const commented = seedComments(d1File(stateDir), { volumes: THEME_VOLUMES, to: today });

const collector = await startCollector({ stateDir });
const { request, close } = httpClient(collector.base, { concurrency: CONCURRENCY });
try {
  if (PARTS.has('ingest')) results.ingest = await ingest();
  if (PARTS.has('scores')) results.scores = await scores();
  if (PARTS.has('themes')) results.themes = await themes();
  if (PARTS.has('widget')) results.widget = await widget();
} finally {
  close();
  await collector.stop();
  removeState(stateDir);
}
if (PARTS.has('bundle')) results.bundle = bundle();
if (PARTS.has('ingest')) {
  results.ingest.rows_written = rowsWritten();
  results.ingest.rows_written_per_answer = results.ingest.rows_written.answer;
}
if (results.storage && results.ingest?.rows_written_per_answer) {
  results.storage = { ...results.storage, ...plans(results.storage.bytes_per_answer, results.ingest.rows_written_per_answer) };
}
results.machine.load_average_at_end = os.loadavg().map((x) => round(x));

mkdirSync(join(root, 'bench'), { recursive: true });
writeFileSync(join(root, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
printTable(results);
log(`\nwritten to bench/results.json (${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s in all)`);

// ---------------------------------------------------------------------------

async function ingest() {
  const answer = () => ({ id: crypto.randomUUID(), site: 'demo', survey: 'demo-nps', score: Math.floor(Math.random() * 11), touchpoint: 'checkout', locale: 'fa' });
  const event = () => ({ site: 'demo', survey: 'demo-nps', type: Math.random() < 0.8 ? 'shown' : 'dismissed', touchpoint: 'checkout', locale: 'fa' });
  // From a page of the demo site (public writes need a listed Origin).
  const headers = { 'content-type': 'application/json', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36', origin: 'http://localhost:8787' };
  const hooked = await siteWithWebhook();
  const targets = {
    // The same body as an answer, so that only the work behind the route differs.
    noop: () => request({ method: 'POST', path: '/v1/noop', headers, body: answer() }),
    answers: () => request({ method: 'POST', path: '/v1/responses', headers, body: answer() }),
    // Answers to a site with one active webhook (every answer matches it): outbox row, queue hand-off, delivery.
    answers_webhook: () => request({ method: 'POST', path: '/v1/responses', headers, body: { ...answer(), site: hooked.site, survey: hooked.survey } }),
    events: () => request({ method: 'POST', path: '/v1/events', headers, body: event() }),
  };
  const expected = { noop: 204, answers: 201, answers_webhook: 201, events: 204 };
  for (const [name, send] of Object.entries(targets)) await inPool(WARMUP, CONCURRENCY, send).then((rs) => check(name, rs, expected[name]));
  const seen = Object.fromEntries(Object.keys(targets).map((name) => [name, { ms: 0, latencies: [], statuses: {} }]));
  for (let r = 0; r < ROUNDS; r++) {
    for (const [name, send] of Object.entries(targets)) {
      const t = performance.now();
      const rs = await inPool(PER_ROUND, CONCURRENCY, send);
      seen[name].ms += performance.now() - t;
      seen[name].latencies.push(...rs.map((x) => x.ms));
      for (const [s, n] of Object.entries(statusCounts(rs))) seen[name].statuses[s] = (seen[name].statuses[s] ?? 0) + n;
    }
    log(`  ingest round ${r + 1}/${ROUNDS} done`);
  }
  const figures = Object.fromEntries(
    Object.entries(seen).map(([name, s]) => [
      name,
      {
        requests: s.latencies.length,
        statuses: s.statuses,
        rps: round((s.latencies.length / s.ms) * 1000, 0),
        p50_ms: round(percentile(s.latencies, 50)),
        p99_ms: round(percentile(s.latencies, 99)),
      },
    ]),
  );
  for (const name of ['answers', 'answers_webhook', 'events']) {
    const f = figures[name];
    f.rps_vs_noop = round(f.rps / figures.noop.rps);
    f.p50_vs_noop = round(f.p50_ms / figures.noop.p50_ms);
    f.p99_vs_noop = round(f.p99_ms / figures.noop.p99_ms);
  }
  figures.answers.goal = 'rps_vs_noop >= 0.5';
  figures.events.goal = 'rps_vs_noop >= 0.8';
  const delivered = await hooked.delivered();
  hooked.close();
  return { concurrency: CONCURRENCY, rounds: ROUNDS, requests_per_round: PER_ROUND, warmup: WARMUP, webhook_deliveries_received: delivered, ...figures };
}

/**
 * A site whose answers all match one active webhook, posted to a receiver on
 * loopback that answers 204 at once: the answer path pays for the outbox row
 * and the queue hand-off; delivery happens beside it, as in production.
 */
async function siteWithWebhook() {
  let received = 0;
  const receiver = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(204).end();
    });
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const admin = async (method, path, body) => {
    const res = await request({ method, path, headers: { authorization: `Bearer ${collector.adminToken}`, 'content-type': 'application/json' }, body });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text.slice(0, 200)}`);
    return JSON.parse(res.text);
  };
  const { site } = await admin('POST', '/v1/admin/sites', { name: 'Bench webhooks', origins: ['http://localhost:8787'] });
  const { id: survey } = await admin('POST', `/v1/admin/sites/${site}/surveys`, { kind: 'nps', question: { en: 'Bench?' } });
  await admin('POST', `/v1/admin/sites/${site}/webhooks`, { url: `http://127.0.0.1:${receiver.address().port}/hook` });
  return {
    site,
    survey,
    /** Deliveries received so far, after a moment for the queue to drain. */
    delivered: async () => {
      await new Promise((resolve) => setTimeout(resolve, 3000));
      return received;
    },
    close: () => receiver.close(),
  };
}

function check(name, rs, status) {
  const wrong = rs.filter((r) => r.status !== status);
  if (wrong.length > 0) log(`  NOTE ${name}: ${wrong.length} answers other than ${status}: ${JSON.stringify(statusCounts(wrong))} ${wrong[0].text.slice(0, 120)}`);
}

/** p50 latency and D1 rows_read of one scores query, after three warm-up runs. */
async function timedScores(site, query) {
  const path = `/v1/sites/${site}/scores?${new URLSearchParams(query)}`;
  const get = () => request({ path, headers: { authorization: `Bearer ${collector.adminToken}` } });
  for (let i = 0; i < 3; i++) await get();
  const runs = [];
  for (let i = 0; i < SCORES_RUNS; i++) runs.push(await get());
  const bad = runs.find((r) => r.status !== 200);
  if (bad) throw new Error(`scores ${path}: ${bad.status} ${bad.text.slice(0, 200)}`);
  return { body: JSON.parse(runs[0].text), p50_ms: round(percentile(runs.map((r) => r.ms), 50)), rows_read: Number(runs[0].headers['x-rows-read']) };
}

async function scores() {
  const from = new Date(today - 365 * DAY).toISOString().slice(0, 10);
  const to = new Date(today).toISOString().slice(0, 10);
  const rows = [];
  for (const volume of VOLUMES) {
    for (const tz of ZONES) {
      const { body, p50_ms, rows_read } = await timedScores(seeded.sites[volume], { kind: 'nps', interval: 'day', from, to, tz });
      rows.push({ responses: volume, tz, buckets: body.series.length, n: body.total.n, p50_ms, rows_read });
      log(`  scores ${volume} ${tz}: p50 ${p50_ms} ms, rows_read ${rows_read}`);
    }
  }
  const at = (volume, tz) => rows.find((r) => r.responses === volume && r.tz === tz);
  const largest = Math.max(...VOLUMES);
  const smallest = Math.min(...VOLUMES);
  const ratios = Object.fromEntries(ZONES.map((tz) => [tz, round(at(largest, tz).p50_ms / at(smallest, tz).p50_ms)]));
  // The same year grouped by a dimension (series and groups), at the largest volume.
  const grouped = [];
  for (const tz of ZONES) {
    const { body, p50_ms, rows_read } = await timedScores(seeded.sites[largest], { kind: 'nps', interval: 'day', from, to, tz, group_by: 'country' });
    grouped.push({ responses: largest, tz, group_by: 'country', groups: body.groups.length, n: body.total.n, p50_ms, rows_read });
    log(`  scores ${largest} ${tz} by country: p50 ${p50_ms} ms, rows_read ${rows_read}`);
  }
  return {
    query: `kind=nps&interval=day&from=${from}&to=${to}`,
    runs: SCORES_RUNS,
    rows,
    [`p50_${largest}_vs_${smallest}`]: ratios,
    goal: 'p50 at 1M within 1.5x of 10k',
    grouped,
  };
}

/**
 * D1 rows written per answer and per exposure flush: the workerd test that
 * measures them through the routes' own functions prints one JSON line.
 */
function rowsWritten() {
  const run = spawnSync('npx', ['vitest', 'run', '--project', 'worker', 'tests/worker/rows-written.test.ts'], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  const line = /\[rows-written\] (\{.*\})/.exec(`${run.stdout}${run.stderr}`);
  if (run.status !== 0 || !line) throw new Error(`tests/worker/rows-written.test.ts failed (${run.status}):\n${run.stdout.slice(-2000)}${run.stderr.slice(-2000)}`);
  return JSON.parse(line[1]);
}

/** Bytes of the seeded database (page count × page size) per answer, and per table and index (SQLite's dbstat). */
function storage(file, answers) {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const pages = db.prepare('PRAGMA page_count').get().page_count;
    const pageSize = db.prepare('PRAGMA page_size').get().page_size;
    const tables = db.prepare("SELECT name, SUM(pgsize) AS bytes FROM dbstat WHERE aggregate = FALSE GROUP BY name HAVING bytes >= 1048576 ORDER BY bytes DESC").all();
    return {
      answers,
      page_count: pages,
      page_size: pageSize,
      bytes: pages * pageSize,
      bytes_per_answer: round((pages * pageSize) / answers, 0),
      by_table_bytes_per_answer: Object.fromEntries(tables.map((t) => [t.name, round(t.bytes / answers, 1)])),
    };
  } finally {
    db.close();
  }
}

function plans(bytesPerAnswer, rowsPerAnswer) {
  return {
    d1_limits: { free_rows_written_per_day: D1_FREE_ROWS_WRITTEN_PER_DAY, paid_rows_written_per_month_included: D1_PAID_ROWS_WRITTEN_PER_MONTH, database_bytes: D1_DATABASE_BYTES },
    answers_per_day_free_plan: Math.floor(D1_FREE_ROWS_WRITTEN_PER_DAY / rowsPerAnswer),
    answers_per_day_paid_plan_included: Math.floor(D1_PAID_ROWS_WRITTEN_PER_MONTH / 30 / rowsPerAnswer),
    answers_per_database: Math.floor(D1_DATABASE_BYTES / bytesPerAnswer),
  };
}

/**
 * The comment themes of the seeded month, each side, for each volume: p50
 * of THEMES_RUNS runs after two warm-ups, rows read, comments counted.
 */
async function themes() {
  const from = new Date(today - 30 * DAY).toISOString().slice(0, 10);
  const to = new Date(today).toISOString().slice(0, 10);
  const rows = [];
  for (const volume of THEME_VOLUMES) {
    for (const side of ['low', 'high']) {
      const path = `/v1/sites/${commented.sites[volume]}/themes?${new URLSearchParams({ kind: 'nps', from, to, side })}`;
      const get = () => request({ path, headers: { authorization: `Bearer ${collector.adminToken}` } });
      for (let i = 0; i < 2; i++) await get();
      const runs = [];
      for (let i = 0; i < THEMES_RUNS; i++) runs.push(await get());
      const bad = runs.find((r) => r.status !== 200);
      if (bad) throw new Error(`themes ${volume} ${side}: ${bad.status} ${bad.text.slice(0, 200)}`);
      const body = JSON.parse(runs[0].text);
      rows.push({
        comments: body.comments,
        side,
        terms: body.terms.length,
        p50_ms: round(percentile(runs.map((r) => r.ms), 50)),
        min_ms: round(Math.min(...runs.map((r) => r.ms))),
        rows_read: Number(runs[0].headers['x-rows-read']),
      });
      log(`  themes ${volume} ${side}: p50 ${rows.at(-1).p50_ms} ms, rows_read ${rows.at(-1).rows_read}`);
    }
  }
  return {
    // Its own time and load: BENCH_PARTS=themes updates this part alone.
    measured_at: new Date().toISOString(),
    load_average: os.loadavg().map((x) => round(x)),
    query: `kind=nps&from=${from}&to=${to}&side=low|high`,
    seeded: { comments: commented.comments, mean_characters: round(commented.meanCharacters, 1), path: 'SQLite INSERT into responses (bench/comments.mjs)' },
    runs: THEMES_RUNS,
    rows,
    goal: 'p50 at 50k comments ≤ 2000 ms; rows_read ≈ comments',
  };
}

async function widget() {
  const config = await request({ path: '/v1/sites/demo/config' });
  const configGzip = gz(Buffer.from(config.text));
  const build = readPackage().scripts?.['build:widget'];
  if (build) spawnSync('npm', ['run', '--silent', 'build:widget'], { cwd: root, stdio: 'ignore' });
  const dist = join(root, 'dist');
  const loader = join(dist, 'w.js');
  if (!existsSync(loader)) return { status: 'n/a (widget not built)', config_gzip: configGzip };
  const assets = join(dist, 'assets');
  const chunks = existsSync(assets) ? readdirSync(assets).filter((n) => n.endsWith('.js')) : [];
  const loaderGzip = gz(readFileSync(loader));
  const uiGzip = chunks.reduce((sum, n) => sum + gz(readFileSync(join(assets, n))), 0);
  return {
    loader_gzip: loaderGzip,
    ui_gzip: uiGzip,
    ui_chunks: chunks,
    config_gzip: configGzip,
    loader_ui_config_gzip: loaderGzip + uiGzip + configGzip,
    budgets: { loader_gzip: 1536, loader_ui_config_gzip: 9216 },
  };
}

function readPackage() {
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
}

/** The production build (top-level config) as `wrangler deploy` would upload it; --dry-run needs no network. */
function bundle() {
  const out = mkdtempSync(join(os.tmpdir(), 'cx-bundle-'));
  try {
    const assets = assetsDir(out);
    const printed = wrangler(['deploy', '--dry-run', '--outdir', out, '--env', '', ...(assets ? ['--assets', assets] : [])]);
    const files = readdirSync(out).filter((n) => n.endsWith('.js'));
    const bytes = files.reduce((sum, n) => sum + readFileSync(join(out, n)).length, 0);
    const gzipBytes = files.reduce((sum, n) => sum + gz(readFileSync(join(out, n))), 0);
    return { files, bytes, gzip_bytes: gzipBytes, wrangler_says: /Total Upload: .*/.exec(printed)?.[0] ?? null };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function printTable(r) {
  const kb = (b) => `${(b / 1024).toFixed(1)} KiB`;
  const pad = (s, n) => String(s).padEnd(n);
  const lpad = (s, n) => String(s).padStart(n);
  log('');
  log(`npm run bench — ${r.generated_at} — ${r.machine.cpus} CPUs, load ${r.machine.load_average_at_start.join(' ')} → ${r.machine.load_average_at_end.join(' ')}, ${r.runtime}`);
  log('');
  log(`Ingest (concurrency ${r.ingest.concurrency}, ${r.ingest.rounds} × ${r.ingest.requests_per_round} requests each, interleaved)`);
  log(`  ${pad('route', 22)}${lpad('req/s', 8)}${lpad('p50 ms', 9)}${lpad('p99 ms', 9)}${lpad('× no-op req/s', 15)}${lpad('× p50', 8)}${lpad('× p99', 8)}  goal`);
  for (const [name, route] of [['noop', 'POST /v1/noop'], ['answers', 'POST /v1/responses'], ['answers_webhook', '  … one webhook'], ['events', 'POST /v1/events']]) {
    const f = r.ingest[name];
    log(`  ${pad(route, 22)}${lpad(f.rps, 8)}${lpad(f.p50_ms, 9)}${lpad(f.p99_ms, 9)}${lpad(f.rps_vs_noop ?? '1', 15)}${lpad(f.p50_vs_noop ?? '1', 8)}${lpad(f.p99_vs_noop ?? '1', 8)}  ${f.goal ?? ''}`);
  }
  log('');
  log(`  webhook deliveries received by the loopback receiver: ${r.ingest.webhook_deliveries_received}`);
  log('');
  log(`Scores: daily series over one year (${r.scores.query.replace(/kind=nps&/, '')}), p50 of ${r.scores.runs} runs`);
  log(`  seeded ${r.seeding.responses} answers, ${r.seeding.rollup_rows} rollup rows, in ${r.seeding.seconds} s`);
  log(`  ${pad('answers', 10)}${pad('tz', 13)}${lpad('buckets', 8)}${lpad('p50 ms', 9)}${lpad('rows_read', 11)}`);
  for (const row of r.scores.rows) log(`  ${pad(row.responses, 10)}${pad(row.tz, 13)}${lpad(row.buckets, 8)}${lpad(row.p50_ms, 9)}${lpad(row.rows_read, 11)}`);
  const ratioKey = Object.keys(r.scores).find((k) => k.startsWith('p50_'));
  log(`  p50 largest ÷ smallest: ${Object.entries(r.scores[ratioKey]).map(([tz, x]) => `${tz} ${x}×`).join(', ')}  (goal ≤ 1.5×)`);
  for (const g of r.scores.grouped ?? []) log(`  ${pad(g.responses, 10)}${pad(g.tz, 13)}${lpad(g.groups, 8)}${lpad(g.p50_ms, 9)}${lpad(g.rows_read, 11)}  grouped by ${g.group_by} (groups, p50 ms, rows_read)`);
  const w8 = r.ingest.rows_written;
  if (w8) {
    log('');
    log(`D1 rows written: ${w8.answer} per answer (${w8.answer_with_user} with a user id, ${w8.answer_with_user_and_comment} with a comment too, ${w8.answer_with_one_webhook} with one webhook), ${w8.event_flush_per_key} per exposure flush key  (goal ≤ 10)`);
  }
  const st = r.storage;
  if (st) {
    log(`Storage: ${st.bytes_per_answer} B per answer (${st.page_count} pages × ${st.page_size} B over ${st.answers} answers): ${Object.entries(st.by_table_bytes_per_answer).map(([t, b]) => `${t} ${b}`).join(', ')}`);
    log(`  answers a day: ${st.answers_per_day_free_plan} on the free plan, ${st.answers_per_day_paid_plan_included} within the paid plan's included writes; ${st.answers_per_database} answers fill one 10 GB database`);
  }
  if (r.themes) {
    log('');
    log(`Themes: a month of comments (${r.themes.seeded.mean_characters} characters on average), p50 of ${r.themes.runs} runs`);
    log(`  ${pad('comments', 10)}${pad('side', 6)}${lpad('terms', 7)}${lpad('p50 ms', 9)}${lpad('min ms', 9)}${lpad('rows_read', 11)}`);
    for (const row of r.themes.rows) log(`  ${pad(row.comments, 10)}${pad(row.side, 6)}${lpad(row.terms, 7)}${lpad(row.p50_ms, 9)}${lpad(row.min_ms, 9)}${lpad(row.rows_read, 11)}`);
    log(`  goal: ${r.themes.goal}`);
  }
  log('');
  const w = r.widget;
  if (w.status) log(`Widget (gzip -9): ${w.status}; demo config ${w.config_gzip} B`);
  else log(`Widget (gzip -9): loader ${w.loader_gzip} B (budget 1536), loader + UI + config ${w.loader_ui_config_gzip} B = ${w.loader_gzip} + ${w.ui_gzip} + ${w.config_gzip} (budget 9216)`);
  log(`Worker bundle (wrangler deploy --dry-run): ${kb(r.bundle.bytes)}, gzip -9 ${kb(r.bundle.gzip_bytes)}  [${r.bundle.wrangler_says}]`);
}
