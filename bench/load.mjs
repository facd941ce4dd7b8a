#!/usr/bin/env node
// `npm run test:load`: a bounded load test of the real local collector
// (wrangler dev: workerd + local D1) over loopback. It sends at least 10,000
// answers at concurrency 64, mixed with replays of the same ids (some at the
// same moment) and shown/dismissed events, then checks that nothing was lost
// or counted twice:
//   - no 5xx and no transport error;
//   - every id that got a 2xx was stored exactly once (exactly one 201), with
//     the score of its first send; nothing else was stored;
//   - scores totals and histograms equal the stored answers;
//   - rollups equal raw counts at every grain and dimension;
//   - every event answered 204 is counted (polled: events may be flushed
//     asynchronously, within about a second).
// 429s are reported, not worked around. Exit 1 on any failure.
//
// Sizes: LOAD_ANSWERS (10000), LOAD_EVENTS (2500), LOAD_CONCURRENCY (64).
import { readFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { d1File, freshState, removeState, root, startCollector } from './lib/collector.mjs';
import { httpClient, inPool, percentile, statusCounts } from './lib/http.mjs';

const ANSWERS = Number(process.env.LOAD_ANSWERS ?? 10_000);
const EVENTS = Number(process.env.LOAD_EVENTS ?? 2_500);
const CONCURRENCY = Number(process.env.LOAD_CONCURRENCY ?? 64);
/** One answer in this many is sent twice at the same moment; as many again are replayed later. */
const REPLAY_EVERY = 20;
const EVENT_WAIT_MS = 15_000;

const SCALES = { nps: [0, 10], csat: [1, 5], ces: [1, 7] };
const KINDS = Object.keys(SCALES);
const TOUCHPOINTS = ['', 'checkout', 'support', 'onboarding'];
const LOCALES = ['', 'en', 'fa', 'ar', 'en-GB'];
const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148',
  'Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15',
];
const ORIGIN = 'https://load.example';

const pick = (list, i) => list[i % list.length];
const randomInt = (lo, hi) => lo + Math.floor(Math.random() * (hi - lo + 1));
const failures = [];
const fail = (message) => failures.push(message);
const started = Date.now();
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

const stateDir = freshState('cx-load');
const collector = await startCollector({ stateDir });
console.log(`collector up at ${collector.base} in ${seconds(collector.startedInMs)} (state ${stateDir})`);
const { request, close } = httpClient(collector.base, { concurrency: CONCURRENCY });

try {
  await run();
} catch (error) {
  fail(`load test crashed: ${error?.stack ?? error}`);
} finally {
  close();
  await collector.stop();
  if (failures.length === 0) removeState(stateDir);
}
console.log(`elapsed ${seconds(Date.now() - started)}`);
if (failures.length > 0) {
  console.error(`\nLOAD TEST FAILED (${failures.length}):\n- ${failures.slice(0, 30).join('\n- ')}\n(state and wrangler.log kept in ${stateDir})`);
  process.exit(1);
}
console.log('LOAD TEST PASSED');

async function admin(method, path, body) {
  const res = await request({ method, path, headers: { authorization: `Bearer ${collector.adminToken}`, 'content-type': 'application/json' }, body });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
  return JSON.parse(res.text);
}

async function run() {
  const { site, read_key: readKey } = await admin('POST', '/v1/admin/sites', { name: 'Load test', origins: [ORIGIN] });
  const surveyOf = {};
  for (const kind of KINDS) surveyOf[kind] = (await admin('POST', `/v1/admin/sites/${site}/surveys`, { kind, question: { en: `Load ${kind}?` } })).id;

  // The plan: every answer, a concurrent replay of one in REPLAY_EVERY right behind it
  // (64 in flight, so the two race), and events spread in between.
  const answers = Array.from({ length: ANSWERS }, (_, i) => {
    const kind = pick(KINDS, i);
    const [lo, hi] = SCALES[kind];
    const body = { id: crypto.randomUUID(), site, survey: surveyOf[kind], score: randomInt(lo, hi) };
    if (TOUCHPOINTS[i % 4]) body.touchpoint = TOUCHPOINTS[i % 4];
    if (LOCALES[i % 5]) body.locale = LOCALES[i % 5];
    if (i % 7 === 0) body.meta = { plan: pick(['free', 'pro'], i), n: i };
    if (i % 11 === 0) body.comment = `comment ${i}`;
    return { kind, body, agent: pick(AGENTS, i) };
  });
  const tasks = [];
  const eventEvery = ANSWERS / Math.max(1, EVENTS);
  let events = 0;
  for (const [i, answer] of answers.entries()) {
    tasks.push({ type: 'answer', answer });
    if (i % REPLAY_EVERY === 0) tasks.push({ type: 'replay-now', answer });
    while (events < EVENTS && events * eventEvery <= i) {
      const kind = pick(KINDS, events);
      tasks.push({ type: 'event', kind, body: { site, survey: surveyOf[kind], type: events % 3 === 0 ? 'dismissed' : 'shown', ...(TOUCHPOINTS[events % 4] ? { touchpoint: TOUCHPOINTS[events % 4] } : {}) } });
      events++;
    }
  }
  // Later: the same ids again, as they are, in capitals, or with another score (the first write wins).
  const later = Array.from({ length: Math.ceil(ANSWERS / REPLAY_EVERY) }, (_, j) => {
    const answer = answers[randomInt(0, ANSWERS - 1)];
    const body = { ...answer.body };
    if (j % 3 === 1) body.id = body.id.toUpperCase();
    if (j % 3 === 2) body.score = body.score === SCALES[answer.kind][0] ? body.score + 1 : body.score - 1;
    return { type: 'replay-later', answer, body };
  });

  const send = (task) => {
    const headers = { 'content-type': task.type === 'event' || task.answer.body.id.endsWith('0') ? 'application/json' : 'text/plain;charset=UTF-8', origin: ORIGIN };
    if (task.type === 'event') return request({ method: 'POST', path: '/v1/events', headers: { ...headers, 'user-agent': AGENTS[0] }, body: task.body });
    return request({ method: 'POST', path: '/v1/responses', headers: { ...headers, 'user-agent': task.answer.agent }, body: task.body ?? task.answer.body });
  };

  console.log(`sending ${tasks.length} requests (${ANSWERS} answers, ${tasks.length - ANSWERS - events} concurrent replays, ${events} events) at concurrency ${CONCURRENCY}…`);
  let t = Date.now();
  const mixed = await inPool(tasks.length, CONCURRENCY, (i) => send(tasks[i]));
  const mixedMs = Date.now() - t;
  t = Date.now();
  const replayed = await inPool(later.length, CONCURRENCY, (i) => send(later[i]));
  const laterMs = Date.now() - t;

  const all = [...mixed.map((r, i) => ({ ...r, task: tasks[i] })), ...replayed.map((r, i) => ({ ...r, task: later[i] }))];
  report('mixed phase', mixed, mixedMs, tasks);
  report('later replays', replayed, laterMs, later);

  for (const r of all) {
    if (r.status === 0 || r.status >= 500) fail(`${r.task.type}: ${r.status} ${r.text.slice(0, 200)}`);
  }
  const limited = all.filter((r) => r.status === 429).length;
  if (limited > 0) console.log(`NOTE: ${limited} requests were answered 429 (rate limited); they are reported, not retried`);
  for (const r of all) {
    if (r.status >= 400 && r.status < 500 && r.status !== 429) fail(`${r.task.type} refused: ${r.status} ${r.text.slice(0, 200)}`);
  }

  // Answers: exactly one 201 per id that got any 2xx; stored once with its first score; nothing else stored.
  const sendsOf = new Map();
  for (const r of all) {
    if (r.task.type === 'event') continue;
    const id = r.task.answer.body.id;
    sendsOf.set(id, [...(sendsOf.get(id) ?? []), r.status]);
  }
  const accepted = new Map();
  for (const answer of answers) {
    const statuses = sendsOf.get(answer.body.id);
    if (!statuses.some((s) => s >= 200 && s < 300)) continue;
    const created = statuses.filter((s) => s === 201).length;
    if (created !== 1) fail(`id ${answer.body.id} got ${created} × 201 (statuses ${statuses.join(', ')})`);
    accepted.set(answer.body.id, answer);
  }

  const db = new DatabaseSync(d1File(stateDir));
  try {
    const rows = db.prepare('SELECT id, kind, score FROM responses WHERE site = ?').all(site);
    const stored = new Map(rows.map((r) => [r.id, r]));
    if (stored.size !== rows.length) fail(`responses holds ${rows.length} rows for ${stored.size} ids`);
    for (const [id, answer] of accepted) {
      const row = stored.get(id);
      if (!row) fail(`id ${id} got a 2xx but is not stored`);
      else if (row.score !== answer.body.score) fail(`id ${id} stored score ${row.score}, first sent ${answer.body.score}`);
    }
    for (const id of stored.keys()) if (!accepted.has(id)) fail(`id ${id} is stored but never got a 2xx`);

    const mismatches = db.prepare(readFileSync(`${root}tests/invariants/rollups-match-raw.sql`, 'utf8')).all();
    if (mismatches.length > 0) fail(`rollups differ from raw responses: ${JSON.stringify(mismatches.slice(0, 5))}`);

    // Scores: totals and histograms per kind equal the stored answers.
    const today = new Date().toISOString().slice(0, 10);
    const range = { from: new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10), to: new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10) };
    const scores = async (kind) => {
      const res = await request({ path: `/v1/sites/${site}/scores?${new URLSearchParams({ kind, ...range })}`, headers: { authorization: `Bearer ${readKey}` } });
      if (res.status !== 200) throw new Error(`scores ${kind} on ${today}: ${res.status} ${res.text}`);
      return JSON.parse(res.text).total;
    };
    const eventsSent = { nps: { shown: 0, dismissed: 0 }, csat: { shown: 0, dismissed: 0 }, ces: { shown: 0, dismissed: 0 } };
    for (const r of all) if (r.task.type === 'event' && r.status === 204) eventsSent[r.task.kind][r.task.body.type]++;
    for (const kind of KINDS) {
      const [lo, hi] = SCALES[kind];
      const histogram = Array.from({ length: hi - lo + 1 }, () => 0);
      for (const row of rows) if (row.kind === kind) histogram[row.score - lo]++;
      const total = await scores(kind);
      const n = histogram.reduce((a, b) => a + b, 0);
      if (total.n !== n) fail(`scores ${kind}: n ${total.n}, stored ${n}`);
      if (JSON.stringify(total.distribution) !== JSON.stringify(histogram)) fail(`scores ${kind}: distribution ${total.distribution}, stored ${histogram}`);
    }

    // Events: counted once flushed; poll until they match or EVENT_WAIT_MS pass.
    const waitStarted = Date.now();
    let pending = KINDS;
    while (pending.length > 0) {
      const seen = await Promise.all(pending.map(async (kind) => [kind, await scores(kind)]));
      pending = seen.filter(([kind, total]) => total.shown !== eventsSent[kind].shown || total.dismissed !== eventsSent[kind].dismissed).map(([kind]) => kind);
      if (pending.length === 0) break;
      if (Date.now() - waitStarted > EVENT_WAIT_MS) {
        for (const [kind, total] of seen.filter(([k]) => pending.includes(k))) {
          fail(`events ${kind}: counted shown ${total.shown} / dismissed ${total.dismissed}, answered 204 to ${eventsSent[kind].shown} / ${eventsSent[kind].dismissed} after ${seconds(EVENT_WAIT_MS)}`);
        }
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const eventCount = Object.values(eventsSent).reduce((a, e) => a + e.shown + e.dismissed, 0);
    if (failures.length === 0) {
      console.log(
        `verified: ${accepted.size} ids stored exactly once (${rows.length} rows); scores totals and histograms match; rollups equal raw counts; ${eventCount} events counted (within ${seconds(Date.now() - waitStarted)})`,
      );
    }
  } finally {
    db.close();
  }
}

function report(name, results, ms, tasks) {
  console.log(`${name}: ${results.length} requests in ${seconds(ms)} = ${Math.round((results.length / ms) * 1000)} req/s`);
  for (const type of [...new Set(tasks.map((t) => t.type))]) {
    const of = results.filter((_, i) => tasks[i].type === type);
    const ms = of.map((r) => r.ms);
    console.log(
      `  ${type.padEnd(13)} ${String(of.length).padStart(6)}  statuses ${JSON.stringify(statusCounts(of))}  p50 ${percentile(ms, 50).toFixed(1)} ms  p99 ${percentile(ms, 99).toFixed(1)} ms`,
    );
  }
}
