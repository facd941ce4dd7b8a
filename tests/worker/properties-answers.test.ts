/**
 * Generated valid traffic: answers of every kind with random fields, replays
 * of the same ids (some at the same moment), late comments and exposure
 * events. Every answer is stored exactly once, the first write wins, rollups
 * equal the raw rows at every grain and dimension, and the scores API says
 * exactly what the shared metric functions say over the raw rows.
 */
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import * as v from 'valibot';
import { afterAll, describe, expect, it } from 'vitest';
import { CALENDARS } from '../../shared/calendar';
import { type Kind, KINDS, scaleScores } from '../../shared/kinds';
import { Locale } from '../../shared/schemas/common';
import { EVENT_TYPES, ResponseBody } from '../../shared/schemas/response';
import { localDate, startOfDay } from '../../shared/time';
import { deviceOf } from '../../worker/device';
import { MAX_BODY_BYTES } from '../../shared/limits';
import { answerFields, country, kind, locale, someText, touchpoint, userAgent } from './arbitraries';
import { SHOP_ORIGIN, call, createSite, createSurvey, json, type ScoresBody, scoresJson, seedResponses, type TestSite } from './helpers';
import { assertRollupsMatchRaw, type Dimension, type ExposureCount, rawAnswers, recount, recountGroups } from '../invariants/store';
import { runs, timeout } from './probe';

const TIMEOUT = timeout(120_000);
const DAY = 86_400_000;
const DIMENSIONS: Dimension[] = ['touchpoint', 'locale', 'country', 'device', 'channel'];
let requests = 0;
let seeded = 0;

afterAll(() => console.log(`[properties] valid traffic: ${requests} generated requests (answers, replays, comments, events) and ${seeded} seeded answers, each stored or counted exactly once`));

interface Client {
  country: string;
  ua: string;
}

function post(path: string, body: unknown, client: Client): Promise<Response> {
  requests++;
  return call(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': client.ua, origin: SHOP_ORIGIN },
    body: JSON.stringify(body),
    // The runtime's request.cf, as Cloudflare's edge fills it in.
    cf: { country: client.country || undefined },
  } as RequestInit);
}

const answerSpec = kind.chain((k) =>
  fc
    .record({ kind: fc.constant(k), id: fc.uuid(), fields: answerFields(k), country, ua: userAgent })
    // Generated fields may together pass a limit of the whole (the answer's text in bytes): keep valid answers only.
    .filter(({ id, fields }) => v.is(ResponseBody, { id, site: 'x'.repeat(12), survey: 'x'.repeat(15), ...fields }))
    .filter(({ id, fields }) => new TextEncoder().encode(JSON.stringify({ id, site: 'x'.repeat(12), survey: 'x'.repeat(15), ...fields })).length <= MAX_BODY_BYTES),
);

/** How an id is sent again: the same body, the id in capitals, another score, or the same body at the same moment as the first. */
const replay = fc.record({ of: fc.nat(), how: fc.constantFrom('same', 'upper-id', 'other-score', 'concurrent') });

const eventSpec = fc.record(
  { kind, type: fc.constantFrom(...EVENT_TYPES), touchpoint, locale, country, ua: userAgent },
  { requiredKeys: ['kind', 'type', 'country', 'ua'] },
);

const traffic = fc.record({
  answers: fc.array(answerSpec, { minLength: 1, maxLength: 30 }),
  replays: fc.array(replay, { maxLength: 12 }),
  events: fc.array(eventSpec, { maxLength: 25 }),
  lateComments: fc.array(fc.record({ of: fc.nat(), text: someText(100) }), { maxLength: 4 }),
});

/** Run `tasks` eight at a time (concurrent, like many visitors). */
async function inParallel<T>(tasks: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < tasks.length; i += 8) out.push(...(await Promise.all(tasks.slice(i, i + 8).map((t) => t()))));
  return out;
}

/** Poll the scores API until `done` holds (events may be written a moment after their 204), or give up after ~5 s. */
async function eventually(site: TestSite, query: Record<string, string>, done: (body: ScoresBody) => boolean): Promise<ScoresBody> {
  let body = (await scoresJson(site, query)).body;
  for (let i = 0; i < 50 && !done(body); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    body = (await scoresJson(site, query)).body;
  }
  return body;
}

function groupsOf(body: ScoresBody): Map<string | null, unknown> {
  return new Map((body.groups ?? []).map(({ key, ...metrics }) => [key, metrics]));
}

describe('generated valid traffic', () => {
  it('stores every answer exactly once and scores equal a recount of raw rows', async () => {
    await fc.assert(
      fc.asyncProperty(traffic, async ({ answers, replays, events, lateComments }) => {
        const site = await createSite();
        const surveyOf = {} as Record<Kind, string>;
        for (const k of KINDS) surveyOf[k] = await createSurvey(site.site, k);
        const bodyOf = (a: (typeof answers)[number]) => ({ id: a.id, site: site.site, survey: surveyOf[a.kind], ...a.fields });

        // Originals, each with its concurrent replays sent at the same moment.
        const concurrent = new Map<number, number>();
        for (const r of replays) if (r.how === 'concurrent') concurrent.set(r.of % answers.length, (concurrent.get(r.of % answers.length) ?? 0) + 1);
        const firsts = await inParallel(
          answers.map((a, i) => async () => {
            const sends = Array.from({ length: 1 + (concurrent.get(i) ?? 0) }, () => post('/v1/responses', bodyOf(a), a));
            return Promise.all(
              sends.map(async (sending) => {
                const res = await sending;
                return { status: res.status, body: await json<{ id: string; duplicate?: true }>(res) };
              }),
            );
          }),
        );
        for (const [i, outcomes] of firsts.entries()) {
          // Exactly one send stores the answer; the others are harmless duplicates.
          expect(outcomes.map((o) => o.status).sort()).toEqual([...Array(outcomes.length - 1).fill(200), 201]);
          for (const o of outcomes) expect(o.body.id).toBe(answers[i]!.id);
        }

        // Later replays: a duplicate whatever they carry; the first write wins.
        const later = replays.filter((r) => r.how !== 'concurrent');
        const replayed = await inParallel(
          later.map((r) => () => {
            const a = answers[r.of % answers.length]!;
            const body = bodyOf(a);
            if (r.how === 'upper-id') body.id = a.id.toUpperCase();
            if (r.how === 'other-score') body.score = scaleScores(a.kind).find((s) => s !== a.fields.score)!;
            return post('/v1/responses', body, a);
          }),
        );
        for (const [i, res] of replayed.entries()) {
          expect(res.status).toBe(200);
          expect(await json(res)).toEqual({ id: answers[later[i]!.of % answers.length]!.id, duplicate: true });
        }

        // Late comments: once, and only where the answer came without one.
        const comments = new Map<string, string>(answers.filter((a) => a.fields.comment).map((a) => [a.id, a.fields.comment!.trim()]));
        for (const c of lateComments) {
          const a = answers[c.of % answers.length]!;
          const res = await post(`/v1/responses/${a.id}/comment`, { site: site.site, comment: c.text }, a);
          if (comments.has(a.id)) expect(res.status).toBe(409);
          else {
            expect(res.status).toBe(200);
            comments.set(a.id, c.text.trim());
          }
        }

        const sent = await inParallel(events.map((e) => () => post('/v1/events', { site: site.site, survey: surveyOf[e.kind], type: e.type, touchpoint: e.touchpoint, locale: e.locale }, e)));
        for (const res of sent) expect(res.status).toBe(204);

        // Raw rows: each id once, as first sent.
        const { results: rows } = await env.DB.prepare('SELECT id, score, comment, touchpoint, page, user, meta, country, device FROM responses WHERE site = ?')
          .bind(site.site)
          .all<{ id: string; score: number; comment: string | null; touchpoint: string; page: string | null; user: string | null; meta: string | null; country: string; device: string }>();
        expect(rows.map((r) => r.id).sort()).toEqual(answers.map((a) => a.id).sort());
        const byId = new Map(rows.map((r) => [r.id, r]));
        for (const a of answers) {
          const row = byId.get(a.id)!;
          expect(row).toMatchObject({
            score: a.fields.score,
            comment: comments.get(a.id) ?? null,
            touchpoint: a.fields.touchpoint ?? '',
            page: a.fields.page?.replace(/[?#][\s\S]*$/, '') ?? null,
            // Text reads back exactly as sent.
            user: a.fields.user ?? null,
            meta: a.fields.meta === undefined ? null : JSON.stringify(a.fields.meta),
            country: a.country,
            device: deviceOf(a.ua),
          });
        }
        await assertRollupsMatchRaw(env.DB);

        // Scores: total and every grouping, against the raw rows and the events sent.
        const exposure = (k: Kind, dim?: Dimension, key?: string): ExposureCount => {
          const counted = events.filter((e) => e.kind === k && (dim === undefined || eventValue(e, dim) === key));
          return { shown: counted.filter((e) => e.type === 'shown').length, dismissed: counted.filter((e) => e.type === 'dismissed').length };
        };
        for (const k of KINDS) {
          const raw = await rawAnswers(env.DB, site.site, k);
          const expected = recount(k, raw, exposure(k));
          const total = (await eventually(site, { kind: k }, (b) => b.total.shown === expected.shown && b.total.dismissed === expected.dismissed)).total;
          expect(total).toEqual(expected);
          for (const dim of DIMENSIONS) {
            const eventKeys = events.filter((e) => e.kind === k).map((e) => eventValue(e, dim));
            const want = recountGroups(k, raw, dim, (key) => exposure(k, dim, key), eventKeys);
            expect(groupsOf((await scoresJson(site, { kind: k, group_by: dim })).body), `${k} by ${dim}`).toEqual(want);
          }
        }
      }),
      runs(15),
    );
  }, TIMEOUT);

  const ZONES = ['UTC', 'Asia/Tehran', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/New_York', 'America/St_Johns', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Europe/London'];

  it('series in any zone and interval equal a recount of raw rows per local bucket', async () => {
    const site = await createSite();
    const surveyOf = {} as Record<Kind, string>;
    for (const k of KINDS) surveyOf[k] = await createSurvey(site.site, k);
    const now = Date.now();
    const history = kind.chain((k) =>
      fc.record({
        kind: fc.constant(k),
        rows: fc.array(
          fc.record({
            score: fc.constantFrom(...scaleScores(k)),
            at: fc.integer({ min: now - 400 * DAY, max: now }),
            touchpoint: fc.constantFrom('', 'checkout', 'support'),
            locale: fc.constantFrom('', 'fa', 'en'),
          }),
          { minLength: 1, maxLength: 150 },
        ),
      }),
    );
    const query = fc.record({
      tz: fc.constantFrom(...ZONES),
      interval: fc.constantFrom('hour', 'day', 'week', 'month'),
      calendar: fc.constantFrom(...CALENDARS),
      daysBack: fc.integer({ min: 1, max: 400 }),
      span: fc.integer({ min: 1, max: 400 }),
    }).filter(({ interval, span }) => interval !== 'hour' || span <= 30);

    await fc.assert(
      fc.asyncProperty(history, query, async (h, q) => {
        // Each run adds history to the same survey; the recount reads it all back.
        await seedResponses(site.site, surveyOf[h.kind], h.kind, h.rows);
        seeded += h.rows.length;
        const from = new Date(now - q.daysBack * DAY).toISOString().slice(0, 10);
        const to = new Date(now - q.daysBack * DAY + q.span * DAY).toISOString().slice(0, 10);
        const { body } = await scoresJson(site, { kind: h.kind, from, to, tz: q.tz, interval: q.interval, calendar: q.calendar });
        const series = body.series!;
        const edges = [...series.map((b) => Date.parse(b.start)), Date.parse(body.to)];
        const raw = await rawAnswers(env.DB, site.site, h.kind);
        for (const [i, bucket] of series.entries()) {
          const { start: _start, label: _label, ...metrics } = bucket;
          const inside = raw.filter((r) => r.created_at >= edges[i]! && r.created_at < edges[i + 1]!);
          expect(metrics, `${q.interval} bucket ${bucket.start} in ${q.tz} (${q.calendar})`).toEqual(recount(h.kind, inside));
          // Inner edges are local boundaries of the zone: midnights for day, week and month.
          if (i > 0 && q.interval !== 'hour') expect(startOfDay(q.tz, localDate(q.tz, edges[i]!)), `${bucket.start} in ${q.tz}`).toBe(edges[i]);
        }
        expect(body.total).toEqual(recount(h.kind, raw.filter((r) => r.created_at >= edges[0]! && r.created_at < edges[edges.length - 1]!)));
      }),
      runs(15),
    );
    await assertRollupsMatchRaw(env.DB);
  }, TIMEOUT);
});

/** The value an event is counted under for a dimension, as the Worker stores it. */
function eventValue(e: { touchpoint?: string; locale?: string; country: string; ua: string }, dim: Dimension): string {
  if (dim === 'touchpoint') return e.touchpoint ?? '';
  if (dim === 'locale') return e.locale === undefined ? '' : v.parse(Locale, e.locale);
  if (dim === 'country') return e.country;
  // Only the widget shows surveys: every exposure counts under web.
  if (dim === 'channel') return 'web';
  return deviceOf(e.ua);
}
