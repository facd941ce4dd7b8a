/** Reasons (docs/contract.md §15): defined with the survey, posted once after the score, refused whole when wrong. */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { asAdmin, call, createSite, createSurvey, json, postJson, postResponse } from './helpers';

const REASONS = {
  question: { en: 'What is the main reason?', fa: 'دلیل اصلی چیست؟' },
  options: [
    { id: 'price', label: { en: 'Price', fa: 'قیمت' } },
    { id: 'delivery', label: { en: 'Delivery', fa: 'ارسال' } },
    { id: 'quality', label: { en: 'Quality', fa: 'کیفیت' } },
  ],
};

async function answered(reasons: Record<string, unknown> | null = REASONS) {
  const site = await createSite();
  const survey = await createSurvey(site.site, 'nps', reasons ? { reasons } : {});
  const id = crypto.randomUUID();
  expect((await postResponse({ id, site: site.site, survey, score: 3 })).status).toBe(201);
  return { site, survey, id };
}

const stored = async (id: string) =>
  (await env.DB.prepare('SELECT reasons FROM responses WHERE id = ?').bind(id).first<{ reasons: string | null }>())?.reasons ?? null;

describe('reasons of a survey (admin)', () => {
  it('are kept with the survey and served in its config, with the defaults multiple: false and when: all', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps', { reasons: REASONS });
    const record = await json<{ reasons: unknown }>(await asAdmin('GET', `/v1/admin/sites/${site.site}/surveys/${survey}`));
    expect(record.reasons).toEqual({ ...REASONS, multiple: false, when: 'all' });
    const config = await json<{ surveys: { reasons: unknown }[] }>(await call(`/v1/sites/${site.site}/config`));
    expect(config.surveys[0]!.reasons).toEqual({ ...REASONS, multiple: false, when: 'all' });
  });

  it('refuses fewer than 2 or more than 8 options, ids that are not slugs, a reused id and a label missing in a locale of the question, naming the field', async () => {
    const site = await createSite();
    const option = (id: string) => ({ id, label: { en: id, fa: id } });
    const cases: [unknown, string, RegExp][] = [
      [{ ...REASONS, options: [option('a')] }, 'reasons.options', /2 to 8/],
      [{ ...REASONS, options: 'abcdefghi'.split('').map(option) }, 'reasons.options', /2 to 8/],
      [{ ...REASONS, options: [option('a'), option('Not a slug')] }, 'reasons.options.1.id', /slug/],
      [{ ...REASONS, options: [option('a'), option('b'), option('a')] }, 'reasons.options.2.id', /earlier option/],
      [{ ...REASONS, options: [option('a'), { id: 'b', label: { en: 'B' } }] }, 'reasons.options.1.label.fa', /label in fa/],
      [{ ...REASONS, when: 'sometimes' }, 'reasons.when', /all, low or high/],
    ];
    for (const [reasons, path, message] of cases) {
      const res = await asAdmin('POST', `/v1/admin/sites/${site.site}/surveys`, { kind: 'nps', question: { en: 'Q' }, reasons });
      expect(res.status, path).toBe(400);
      const issues = (await json<{ error: { issues: { path: string; message: string }[] } }>(res)).error.issues;
      expect(issues.find((i) => i.path === path)?.message, path).toMatch(message);
    }
  });

  it('PATCH sets, replaces and clears them (null)', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'csat');
    const path = `/v1/admin/sites/${site.site}/surveys/${survey}`;
    expect((await asAdmin('PATCH', path, { reasons: { ...REASONS, multiple: true, when: 'low' } })).status).toBe(200);
    expect((await json<{ reasons: { when: string } }>(await asAdmin('GET', path))).reasons.when).toBe('low');
    expect((await asAdmin('PATCH', path, { reasons: null })).status).toBe(200);
    expect((await json<{ reasons?: unknown }>(await asAdmin('GET', path))).reasons).toBeUndefined();
  });
});

describe('POST /v1/responses/{id}/reasons', () => {
  it('stores the chosen ids once: 200, then 409 to a second post, the first kept', async () => {
    const { site, id } = await answered();
    const first = await postJson(`/v1/responses/${id}/reasons`, { site: site.site, reasons: ['price'] });
    expect(first.status).toBe(200);
    expect(await json(first)).toEqual({ id, reasons: ['price'] });
    expect(await stored(id)).toBe('["price"]');
    const second = await postJson(`/v1/responses/${id}/reasons`, { site: site.site, reasons: ['delivery'] });
    expect(second.status).toBe(409);
    expect(await json(second)).toMatchObject({ error: { code: 'conflict', message: expect.stringContaining('once') } });
    expect(await stored(id)).toBe('["price"]');
  });

  it('takes several when the survey says multiple', async () => {
    const { site, id } = await answered({ ...REASONS, multiple: true });
    expect((await postJson(`/v1/responses/${id}/reasons`, { site: site.site, reasons: ['quality', 'price'] })).status).toBe(200);
    expect(await stored(id)).toBe('["quality","price"]');
  });

  it('answers 409 after 60 minutes and writes nothing', async () => {
    const { site, id } = await answered();
    await env.DB.prepare('UPDATE responses SET created_at = created_at - 3600001 WHERE id = ?').bind(id).run();
    expect((await postJson(`/v1/responses/${id}/reasons`, { site: site.site, reasons: ['price'] })).status).toBe(409);
    expect(await stored(id)).toBeNull();
  });

  it('refuses unknown or repeated ids, several without multiple, and a survey without reasons: 400 naming the reason, nothing written', async () => {
    const { site, id } = await answered();
    const cases: [unknown, RegExp][] = [
      [['price', 'gift'], /gift is not one of the survey's options/],
      [['price', 'price'], /each option once/],
      [['price', 'delivery'], /takes one reason/],
      [[], /at least one/],
      [['Price!'], /slug/],
    ];
    for (const [reasons, message] of cases) {
      const res = await postJson(`/v1/responses/${id}/reasons`, { site: site.site, reasons });
      expect(res.status, String(reasons)).toBe(400);
      expect((await json<{ error: { message: string } }>(res)).error.message).toMatch(message);
    }
    expect(await stored(id)).toBeNull();
    const bare = await answered(null);
    const res = await postJson(`/v1/responses/${bare.id}/reasons`, { site: bare.site.site, reasons: ['price'] });
    expect(res.status).toBe(400);
    expect((await json<{ error: { message: string } }>(res)).error.message).toMatch(/asks no reasons/);
    expect(await stored(bare.id)).toBeNull();
  });

  it('needs the site\'s Origin (403), a known answer of that site (404), and reads no unknown field (400)', async () => {
    const { site, id } = await answered();
    expect((await postJson(`/v1/responses/${id}/reasons`, { site: site.site, reasons: ['price'] }, { origin: '' })).status).toBe(403);
    expect((await postJson(`/v1/responses/${id}/reasons`, { site: site.site, reasons: ['price'] }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await postJson(`/v1/responses/${crypto.randomUUID()}/reasons`, { site: site.site, reasons: ['price'] })).status).toBe(404);
    expect((await postJson(`/v1/responses/not-a-uuid/reasons`, { site: site.site, reasons: ['price'] })).status).toBe(404);
    const other = await createSite();
    expect((await postJson(`/v1/responses/${id}/reasons`, { site: other.site, reasons: ['price'] })).status).toBe(404);
    expect((await postJson(`/v1/responses/${id}/reasons`, { site: site.site, reasons: ['price'], score: 9 })).status).toBe(400);
    expect(await stored(id)).toBeNull();
  });
});

describe('the feed and exports carry reasons', () => {
  it('as a reasons column (NDJSON: a list or null; CSV: a JSON array), and filter on one', async () => {
    const { site, id } = await answered({ ...REASONS, multiple: true });
    const other = crypto.randomUUID();
    const survey = (await json<{ surveys: { id: string }[] }>(await asAdmin('GET', `/v1/admin/sites/${site.site}/surveys`))).surveys[0]!.id;
    expect((await postResponse({ id: other, site: site.site, survey, score: 9 })).status).toBe(201);
    expect((await postJson(`/v1/responses/${id}/reasons`, { site: site.site, reasons: ['price', 'delivery'] })).status).toBe(200);
    const get = (query: string) => call(`/v1/sites/${site.site}/responses?${query}`, { headers: { authorization: `Bearer ${site.readKey}` } });
    const lines = (await (await get('format=ndjson')).text()).trim().split('\n').map((line) => JSON.parse(line) as { id: string; reasons: string[] | null });
    expect(Object.fromEntries(lines.map((l) => [l.id, l.reasons]))).toEqual({ [id]: ['price', 'delivery'], [other]: null });
    const csv = (await (await get('format=csv')).text()).replace(/^\uFEFF/, '').split('\r\n');
    const header = csv[0]!.split(',');
    expect(header).toContain('reasons');
    const row = csv.find((line) => line.startsWith(id))!;
    expect(row.endsWith('"[""price"",""delivery""]"')).toBe(true);
    const filtered = (await (await get('reason=delivery')).text()).trim().split('\n');
    expect(filtered.map((line) => (JSON.parse(line) as { id: string }).id)).toEqual([id]);
    expect((await get('reason=Delivery!')).status).toBe(400);
  });
});
