/**
 * Response rates by channel (docs/contract.md §17): web answers over `shown`
 * events by default, a link channel's answers over the links minted for it
 * when the query filters that channel. Every figure below is worked out by
 * hand from the table of answers, events and mints in `history()`.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { countEvents } from '../../worker/db/events';
import { countLinkMints } from '../../worker/db/link-mints';
import { createSite, createSurvey, scoresJson, seedResponses, type MetricsBody, type ScoresBody, type TestSite } from './helpers';
import { answer, mintOk } from './link-helpers';

const at = (iso: string) => Date.parse(iso);

/**
 * One NPS survey, 2026-02-28 to 2026-03-02 (UTC):
 *
 * | when (UTC)   | web answers             | shown         | email answers | sms answers | email links minted        | sms links |
 * |--------------|-------------------------|---------------|---------------|-------------|---------------------------|-----------|
 * | Feb 28       |                         |               | delivery ×1   |             | 12:00 delivery ×6         |           |
 * | Mar 1        | checkout ×3, delivery ×1| checkout 10, delivery 5 | delivery ×2 | delivery ×1 | 10:00 delivery ×8, none ×2; 20:15 delivery ×1; 20:45 support ×1 | 09:00 delivery ×4 |
 * | Mar 2        | checkout ×1             | checkout 4, delivery 2  | support ×1  |             | 21:00 support ×4          |           |
 *
 * 20:15 and 20:45 UTC on Mar 1 straddle Tehran's midnight (20:30 UTC); 21:00 on Mar 2 is after it.
 */
async function history(): Promise<{ site: TestSite; survey: string }> {
  const site = await createSite();
  const survey = await createSurvey(site.site, 'nps');
  await seedResponses(site.site, survey, 'nps', [
    { score: 10, at: at('2026-03-01T08:00:00Z'), touchpoint: 'checkout' },
    { score: 10, at: at('2026-03-01T09:00:00Z'), touchpoint: 'checkout' },
    { score: 3, at: at('2026-03-01T10:00:00Z'), touchpoint: 'checkout' },
    { score: 9, at: at('2026-03-01T11:00:00Z'), touchpoint: 'delivery' },
    { score: 7, at: at('2026-03-02T09:00:00Z'), touchpoint: 'checkout' },
    { score: 6, at: at('2026-02-28T13:00:00Z'), touchpoint: 'delivery', channel: 'email' },
    { score: 2, at: at('2026-03-01T11:00:00Z'), touchpoint: 'delivery', channel: 'email' },
    { score: 10, at: at('2026-03-01T12:00:00Z'), touchpoint: 'delivery', channel: 'email' },
    { score: 8, at: at('2026-03-02T12:00:00Z'), touchpoint: 'support', channel: 'email' },
    { score: 5, at: at('2026-03-01T12:30:00Z'), touchpoint: 'delivery', channel: 'sms' },
  ]);
  const shown = (touchpoint: string, iso: string, count: number) =>
    countEvents(env.DB, { site: site.site, survey, type: 'shown', touchpoint, locale: 'fa', country: 'IR', device: 'mobile', at: at(iso) }, count, 0);
  await env.DB.batch([
    ...shown('checkout', '2026-03-01T08:00:00Z', 10),
    ...shown('delivery', '2026-03-01T11:00:00Z', 5),
    ...shown('checkout', '2026-03-02T09:00:00Z', 4),
    ...shown('delivery', '2026-03-02T10:00:00Z', 2),
  ]);
  const minted = (channel: 'email' | 'sms', iso: string, touchpoints: (string | undefined)[]) =>
    countLinkMints(env.DB, { survey, channel, at: at(iso), touchpoints });
  await env.DB.batch([
    minted('email', '2026-02-28T12:00:00Z', Array(6).fill('delivery')),
    minted('email', '2026-03-01T10:00:00Z', [...Array(8).fill('delivery'), undefined, undefined]),
    minted('email', '2026-03-01T20:15:00Z', ['delivery']),
    minted('email', '2026-03-01T20:45:00Z', ['support']),
    minted('email', '2026-03-02T21:00:00Z', Array(4).fill('support')),
    minted('sms', '2026-03-01T09:00:00Z', Array(4).fill('delivery')),
  ]);
  return { site, survey };
}

const RANGE = { kind: 'nps', from: '2026-03-01', to: '2026-03-03' };

/** [n, shown, sent (absent: undefined), response_rate] of a total, bucket or group. */
const figures = (m: MetricsBody) => [m.n, m.shown, m.sent, m.response_rate];
const groups = (body: ScoresBody) => body.groups!.map((g) => [g.key, ...figures(g)]);

describe('response_rate_basis shown (the default)', () => {
  it('divides web answers by shown events: link answers stay in n, out of the rate', async () => {
    const { site } = await history();
    const { body } = await scoresJson(site, { ...RANGE, interval: 'day' });
    expect(body.response_rate_basis).toBe('shown');
    // 5 web, 3 email, 1 sms answers; 10 + 5 + 4 + 2 shown.
    expect(figures(body.total)).toEqual([9, 21, undefined, 5 / 21]);
    expect(body.series!.map(figures)).toEqual([
      [7, 15, undefined, 4 / 15],
      [2, 6, undefined, 1 / 6],
    ]);
  });

  it('by touchpoint and by channel: each group its web answers over its shown', async () => {
    const { site } = await history();
    const byTouchpoint = (await scoresJson(site, { ...RANGE, group_by: 'touchpoint' })).body;
    expect(groups(byTouchpoint)).toEqual([
      ['checkout', 4, 14, undefined, 4 / 14],
      ['delivery', 4, 7, undefined, 1 / 7],
      ['support', 1, 0, undefined, null],
    ]);
    const byChannel = (await scoresJson(site, { ...RANGE, group_by: 'channel' })).body;
    expect(byChannel.response_rate_basis).toBe('shown');
    expect(groups(byChannel)).toEqual([
      ['web', 5, 21, undefined, 5 / 21],
      ['email', 3, 0, undefined, null],
      ['sms', 1, 0, undefined, null],
    ]);
  });

  it('channel=web is the same basis', async () => {
    const { site } = await history();
    const { body } = await scoresJson(site, { ...RANGE, channel: 'web' });
    expect(body.response_rate_basis).toBe('shown');
    expect(figures(body.total)).toEqual([5, 21, undefined, 5 / 21]);
  });
});

describe('response_rate_basis sent (a link channel)', () => {
  it('divides the channel answers by the links minted for it, per day', async () => {
    const { site } = await history();
    const { body } = await scoresJson(site, { ...RANGE, channel: 'email', interval: 'day' });
    expect(body.response_rate_basis).toBe('sent');
    // Mar 1: 8 + 2 + 1 + 1 links, Mar 2: 4 (the 6 of Feb 28 are before the range).
    expect(figures(body.total)).toEqual([3, 0, 16, 3 / 16]);
    expect(body.series!.map(figures)).toEqual([
      [2, 0, 12, 2 / 12],
      [1, 0, 4, 1 / 4],
    ]);
    const sms = (await scoresJson(site, { ...RANGE, channel: 'sms' })).body;
    expect(figures(sms.total)).toEqual([1, 0, 4, 1 / 4]);
  });

  it('by touchpoint (links minted without one are the null group), by channel, and not by locale', async () => {
    const { site } = await history();
    const byTouchpoint = (await scoresJson(site, { ...RANGE, channel: 'email', group_by: 'touchpoint' })).body;
    expect(groups(byTouchpoint)).toEqual([
      ['delivery', 2, 0, 9, 2 / 9],
      ['support', 1, 0, 5, 1 / 5],
      [null, 0, 0, 2, 0],
    ]);
    const byChannel = (await scoresJson(site, { ...RANGE, channel: 'email', group_by: 'channel' })).body;
    expect(groups(byChannel)).toEqual([['email', 3, 0, 16, 3 / 16]]);
    // A link knows no locale, country or device: those groups have no count of links sent.
    const byLocale = (await scoresJson(site, { ...RANGE, channel: 'email', group_by: 'locale' })).body;
    expect(byLocale.response_rate_basis).toBe('sent');
    expect(figures(byLocale.total)).toEqual([3, 0, 16, 3 / 16]);
    expect(byLocale.groups!.map((g) => [g.n, g.sent, g.response_rate])).toEqual([[3, undefined, null]]);
  });

  it('with a touchpoint filter, and against the previous period', async () => {
    const { site } = await history();
    const delivery = (await scoresJson(site, { ...RANGE, channel: 'email', touchpoint: 'delivery' })).body;
    expect(figures(delivery.total)).toEqual([2, 0, 9, 2 / 9]);
    const compared = (await scoresJson(site, { ...RANGE, channel: 'email', compare: 'previous' })).body;
    // Feb 27–28: one email answer, 6 links.
    expect(figures(compared.total.previous as MetricsBody)).toEqual([1, 0, 6, 1 / 6]);
    expect(figures(compared.total)).toEqual([3, 0, 16, 3 / 16]);
  });

  it('follows local midnight: Tehran days hold the links minted on them, to the quarter hour', async () => {
    const { site } = await history();
    const { body } = await scoresJson(site, { ...RANGE, channel: 'email', interval: 'day', tz: 'Asia/Tehran' });
    // Tehran's Mar 1 is 20:30 Feb 28 – 20:30 Mar 1 UTC: 8 + 2 (10:00) and 1 (20:15); its Mar 2 holds 20:45's one link.
    expect(body.series!.map(figures)).toEqual([
      [2, 0, 11, 2 / 11],
      [1, 0, 1, 1],
    ]);
    expect(figures(body.total)).toEqual([3, 0, 12, 3 / 12]);
  });
});

describe('links minted through the API', () => {
  it('count towards their channel: 1 answer of 3 links sent is a third', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'csat');
    const { links } = await mintOk(site.site, survey, { channel: 'sms', recipients: [{ touchpoint: 'delivery' }, { touchpoint: 'delivery' }, {}] });
    expect((await answer(links[0]!.url, 5)).status).toBe(303);
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const query = { survey, channel: 'sms', from: today, to: tomorrow };
    expect(figures((await scoresJson(site, query)).body.total)).toEqual([1, 0, 3, 1 / 3]);
    const byTouchpoint = (await scoresJson(site, { ...query, group_by: 'touchpoint' })).body;
    expect(groups(byTouchpoint)).toEqual([
      ['delivery', 1, 0, 2, 1 / 2],
      [null, 0, 0, 1, 0],
    ]);
    // The widget's rate is untouched by links: nothing was shown, nothing is rated.
    expect(figures((await scoresJson(site, { survey, from: today, to: tomorrow })).body.total)).toEqual([1, 0, undefined, null]);
  });
});
