/**
 * Reasons in the scores (docs/contract.md §15): `group_by=reason` gives a
 * group per option id (an answer with two reasons in both) and `null` for
 * the answers without, `reason=ID` keeps the answers with that reason; both
 * come from rollup rows written when the reasons are posted, never at the
 * answer's insert. Recounted here from the raw rows.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { SCALES } from '../../shared/kinds';
import { rowsForReasons, REASON_GRAINS } from '../../shared/rollups';
import { app } from '../../worker/app';
import { assertRollupsMatchRaw } from '../invariants/store';
import { countingDb } from './rows-written';
import { asAdmin, createSite, createSurvey, json, postJson, postResponse, scoresJson, SHOP_ORIGIN, type MetricsBody, type TestSite } from './helpers';

const REASONS = {
  question: { en: 'Main reason?' },
  options: [
    { id: 'price', label: { en: 'Price' } },
    { id: 'delivery', label: { en: 'Delivery' } },
    { id: 'quality', label: { en: 'Quality' } },
  ],
  multiple: true,
};

/** Answers as [score, reasons | null, touchpoint]. */
const ANSWERS: [number, string[] | null, string][] = [
  [10, ['quality'], 'checkout'],
  [9, ['quality', 'price'], 'checkout'],
  [3, ['delivery', 'price'], 'delivery'],
  [0, ['delivery'], 'delivery'],
  [8, null, 'checkout'],
  [6, null, 'delivery'],
  [10, ['price'], 'checkout'],
];

async function answer(site: TestSite, survey: string, score: number, reasons: string[] | null, touchpoint: string): Promise<string> {
  const id = crypto.randomUUID();
  expect((await postResponse({ id, site: site.site, survey, score, touchpoint })).status).toBe(201);
  if (reasons) expect((await postJson(`/v1/responses/${id}/reasons`, { site: site.site, reasons })).status).toBe(200);
  return id;
}

async function seeded() {
  const site = await createSite();
  const survey = await createSurvey(site.site, 'nps', { reasons: REASONS });
  for (const [score, reasons, touchpoint] of ANSWERS) await answer(site, survey, score, reasons, touchpoint);
  // Shown four times: the total's rate; reasons have none.
  for (let i = 0; i < 4; i++) expect((await postJson('/v1/events', { site: site.site, survey, type: 'shown' })).status).toBe(204);
  return { site, survey };
}

/** The NPS distribution of a set of scores. */
const distribution = (scores: number[]) => Array.from({ length: 11 }, (_, s) => scores.filter((x) => x === s).length);
const scoresWith = (test: (reasons: string[] | null, touchpoint: string) => boolean) => ANSWERS.filter(([, r, t]) => test(r, t)).map(([s]) => s);

describe('scores by reason', () => {
  it('group_by=reason: a group per option id (an answer with two reasons in both), null for the answers without, no response rate', async () => {
    const { site, survey } = await seeded();
    await expect.poll(async () => (await scoresJson(site, { survey })).body.total.shown, { timeout: 3000 }).toBe(4);
    const { body } = await scoresJson(site, { survey, group_by: 'reason' });
    expect(body.total).toMatchObject({ n: 7, shown: 4, response_rate: 7 / 4, distribution: distribution(ANSWERS.map(([s]) => s)) });
    const groups = Object.fromEntries(body.groups!.map((g) => [String(g.key), g]));
    expect(Object.keys(groups).sort()).toEqual(['delivery', 'null', 'price', 'quality']);
    for (const id of ['price', 'delivery', 'quality']) {
      expect(groups[id]!.distribution, id).toEqual(distribution(scoresWith((r) => !!r?.includes(id))));
      expect(groups[id], id).toMatchObject({ shown: 0, dismissed: 0, response_rate: null });
    }
    expect(groups.null!.distribution).toEqual(distribution(scoresWith((r) => r === null)));
    expect(groups.null).toMatchObject({ n: 2, shown: 0, response_rate: null });
    // Each group with its interval: price is 9, 3, 10 → P 2, D 1 of 3.
    expect(groups.price).toMatchObject({ n: 3, promoters: 2, detractors: 1, score: (100 * (2 - 1)) / 3 });
    expect(groups.price!.ci95![0]).toBeLessThan(groups.price!.score!);
    expect(groups.price!.ci95![1]).toBeGreaterThan(groups.price!.score!);
    // The null group comes last.
    expect(body.groups![body.groups!.length - 1]!.key).toBeNull();
    await assertRollupsMatchRaw(env.DB);
  });

  it('reason=ID keeps the answers with that reason, and combines with touchpoint and channel, not with locale, country or device', async () => {
    const { site, survey } = await seeded();
    const { body } = await scoresJson(site, { survey, reason: 'price' });
    expect(body).toMatchObject({ reason: 'price' });
    expect(body.total).toMatchObject({ n: 3, shown: 0, response_rate: null, distribution: distribution(scoresWith((r) => !!r?.includes('price'))) });
    const byTouchpoint = (await scoresJson(site, { survey, reason: 'price', group_by: 'touchpoint', interval: 'day' })).body;
    const groups = Object.fromEntries(byTouchpoint.groups!.map((g) => [String(g.key), (g as MetricsBody).n]));
    expect(groups).toEqual({ checkout: 2, delivery: 1 });
    expect(byTouchpoint.series!.reduce((n, b) => n + b.n, 0)).toBe(3);
    expect((await scoresJson(site, { survey, reason: 'gift' })).body.total.n).toBe(0);
    // Grouped by reason, a reason's answers are one group: its own (their other reasons are not read).
    const byReason = (await scoresJson(site, { survey, reason: 'price', group_by: 'reason' })).body;
    expect(byReason.groups!.map((g) => [g.key, (g as MetricsBody).n])).toEqual([['price', 3]]);
    for (const group_by of ['locale', 'country', 'device']) {
      const res = await (await import('./helpers')).scores(site, { survey, reason: 'price', group_by });
      expect(res.status, group_by).toBe(400);
      expect((await json<{ error: { issues: { path: string }[] } }>(res)).error.issues[0]!.path).toBe('group_by');
    }
    expect((await (await import('./helpers')).scores(site, { survey, reason: 'Not A Slug' })).status).toBe(400);
  });

  it('erasing an answer takes its reasons out of the rollups', async () => {
    const { site, survey } = await seeded();
    const id = await answer(site, survey, 2, ['delivery', 'quality'], 'delivery');
    expect((await scoresJson(site, { survey, reason: 'delivery' })).body.total.n).toBe(3);
    expect((await asAdmin('DELETE', `/v1/admin/sites/${site.site}/responses/${id}`)).status).toBe(204);
    expect((await scoresJson(site, { survey, reason: 'delivery' })).body.total.n).toBe(2);
    await assertRollupsMatchRaw(env.DB);
  });
});

describe('rows written', () => {
  /** Rows D1 reports written for one request, through the real app. */
  async function written(path: string, body: unknown): Promise<{ status: number; rows: number }> {
    const counting = countingDb(env.DB);
    const res = await app.request(`http://collector.test${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: SHOP_ORIGIN }, body: JSON.stringify(body) }, { ...env, DB: counting.db });
    return { status: res.status, rows: counting.written() };
  }

  it(`an answer writes no more rows for the reasons it may get; posting k reasons writes the answer's row and ${REASON_GRAINS.length} rollup rows a reason (and ${REASON_GRAINS.length} for the repeats when k > 1)`, async () => {
    const site = await createSite();
    const plain = await createSurvey(site.site, 'nps');
    const withReasons = await createSurvey(site.site, 'nps', { reasons: REASONS });
    const body = (survey: string) => ({ id: crypto.randomUUID(), site: site.site, survey, score: 9, touchpoint: 'checkout', locale: 'fa' });
    // Warm: the touchpoint and locale are known, so neither answer registers a value.
    await written('/v1/responses', body(plain));
    const a = await written('/v1/responses', body(plain));
    const bBody = body(withReasons);
    const b = await written('/v1/responses', bBody);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.rows).toBe(a.rows);
    const one = await written(`/v1/responses/${bBody.id}/reasons`, { site: site.site, reasons: ['price'] });
    const cBody = body(withReasons);
    await written('/v1/responses', cBody);
    const two = await written(`/v1/responses/${cBody.id}/reasons`, { site: site.site, reasons: ['price', 'quality'] });
    expect([one.status, two.status]).toEqual([200, 200]);
    // The answer's row is rewritten once; the rollups as shared/rollups.ts says.
    expect(one.rows).toBe(1 + rowsForReasons(1));
    expect(two.rows).toBe(1 + rowsForReasons(2));
    console.log(`[reasons] rows written: answer ${a.rows} (with or without reasons to come), reasons posted: 1 → ${one.rows}, 2 → ${two.rows}`);
    expect(SCALES.nps.max).toBe(10);
  });
});
