/**
 * Searching comments (docs/contract.md §4 `q`): each folding rule found
 * through the real feed, the database's fold equal to the shared one on
 * generated text, every kind searched when none is asked, and searches that
 * say too little refused before anything is read.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForSearch } from '../../shared/text/fold';
import { call, createSite, createSurvey, json, seedResponses, type TestSite } from './helpers';
import { runs } from './probe';

const T0 = Date.parse('2026-10-01T00:00:00Z');
const MINUTE = 60_000;

async function search(site: TestSite, query: Record<string, string>): Promise<{ status: number; comments: string[]; body: string }> {
  const res = await call(`/v1/sites/${site.site}/responses?${new URLSearchParams({ limit: '1000', ...query })}`, { headers: { authorization: `Bearer ${site.readKey}` } });
  const body = new TextDecoder().decode(await res.arrayBuffer());
  const comments = res.status === 200 ? body.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { comment: string }).comment) : [];
  return { status: res.status, comments, body };
}

async function siteWith(comments: string[]): Promise<TestSite> {
  const site = await createSite();
  const survey = await createSurvey(site.site, 'csat');
  await seedResponses(site.site, survey, 'csat', comments.map((comment, i) => ({ score: 1 + (i % 5), at: T0 + i * MINUTE, comment })));
  return site;
}

describe('search folding', () => {
  it('a space and a half-space (ZWNJ) match each other, and both match none', async () => {
    const comments = ['ثبت‌نام انجام نشد', 'ثبت نام خیلی طول کشید', 'ثبتنام را رها کردم', 'نام کاربری'];
    const site = await siteWith(comments);
    for (const q of ['ثبت نام', 'ثبت‌نام', 'ثبتنام']) expect((await search(site, { q })).comments, q).toEqual(comments.slice(0, 3));
  });

  it('hamza forms fold to their bare letters: أ إ → ا, ؤ → و, ئ → ی, ء drops', async () => {
    const comments = ['تأیید سفارش نیامد', 'تایید سفارش', 'إرسال سريع', 'ارسال سريع', 'مسؤول', 'مسوول', 'مسئول', 'مسیول', 'شيء جميل', 'شی جمیل'];
    const site = await siteWith(comments);
    expect((await search(site, { q: 'تایید' })).comments).toEqual(comments.slice(0, 2));
    expect((await search(site, { q: 'تأیید' })).comments).toEqual(comments.slice(0, 2));
    expect((await search(site, { q: 'ارسال' })).comments).toEqual(comments.slice(2, 4));
    expect((await search(site, { q: 'مسوول' })).comments).toEqual(comments.slice(4, 6));
    expect((await search(site, { q: 'مسئول' })).comments).toEqual(comments.slice(6, 8));
    expect((await search(site, { q: 'شی' })).comments).toEqual(comments.slice(8, 10));
  });

  it('the ezafe folds: ۀ → ه and the hamza above (U+0654) drops', async () => {
    const comments = ['شمارهٔ تلفن اشتباه است', 'شمارۀ تلفن را عوض کنید', 'شماره تلفن ندارم', 'تلفن همراه'];
    const site = await siteWith(comments);
    expect((await search(site, { q: 'شماره تلفن' })).comments).toEqual(comments.slice(0, 3));
    expect((await search(site, { q: 'شمارهٔ تلفن' })).comments).toEqual(comments.slice(0, 3));
  });

  it('Arabic diacritics drop, on either side', async () => {
    const comments = ['الخِدْمَةُ مُمْتَازَةٌ', 'الخدمة ممتازة', 'خدمات'];
    const site = await siteWith(comments);
    expect((await search(site, { q: 'الخدمة' })).comments).toEqual(comments.slice(0, 2));
    expect((await search(site, { q: 'الخِدمة' })).comments).toEqual(comments.slice(0, 2));
  });

  it('Persian and Arabic digits match ASCII ones', async () => {
    const comments = ['سفارش ۱۲۳۴ نرسید', 'الطلب ١٢٣٤ لم يصل', 'order 1234 missing', 'order 1243'];
    const site = await siteWith(comments);
    for (const q of ['1234', '۱۲۳۴', '١٢٣٤']) expect((await search(site, { q })).comments, q).toEqual(comments.slice(0, 3));
  });

  it('without a kind, q searches every kind; with one, that kind only', async () => {
    const site = await createSite();
    const nps = await createSurvey(site.site, 'nps');
    const ces = await createSurvey(site.site, 'ces');
    await seedResponses(site.site, nps, 'nps', [{ score: 3, at: T0, comment: 'the courier was rude' }]);
    await seedResponses(site.site, ces, 'ces', [{ score: 2, at: T0 + MINUTE, comment: 'courier tracking is hard' }]);
    expect((await search(site, { q: 'courier' })).comments).toEqual(['the courier was rude', 'courier tracking is hard']);
    expect((await search(site, { q: 'courier', kind: 'ces' })).comments).toEqual(['courier tracking is hard']);
  });

  it('refuses a search of one character or only of what folding drops, with a message naming q', async () => {
    const site = await siteWith(['a', 'ab']);
    for (const q of ['a', '%', 'ـ', '\u200C\u200C', 'ب\u064E', ' ی ']) {
      const res = await search(site, { q });
      expect(res.status, q).toBe(400);
      expect(JSON.parse(res.body), q).toMatchObject({ error: { code: 'invalid_query', issues: [{ path: 'q', message: expect.stringMatching(/at least 2 characters/) }] } });
    }
    expect((await search(site, { q: 'ab' })).comments).toEqual(['ab']);
  });

  it('finds exactly the comments whose folded text holds the folded search, on generated text', async () => {
    // Letters with every variant the fold knows, spaces of each kind, marks, digits, and some that fold to nothing.
    const alphabet = [...'ابپتیيىئکكهۀوؤأإآءـ‌  \u064E\u0654۱1١aAbB', '\n'];
    const text = fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 12 }).map((cs) => cs.join(''));
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 8 }), fc.nat(), async (comments, pick) => {
        const stored = comments.filter((c) => c.trim() !== '');
        fc.pre(stored.length > 0);
        // A search made from a stored comment, typed differently: its folded text cut to 2–4 characters.
        const folded = foldForSearch(stored[pick % stored.length]!);
        fc.pre([...folded].length >= 2);
        const start = pick % ([...folded].length - 1);
        const q = [...folded].slice(start, start + 2 + (pick % 3)).join('');
        const site = await siteWith(stored);
        const want = stored.filter((c) => foldForSearch(c).includes(q));
        expect(want.length).toBeGreaterThan(0);
        expect((await search(site, { q })).comments).toEqual(want);
      }),
      runs(25),
    );
  }, 120_000);
});
