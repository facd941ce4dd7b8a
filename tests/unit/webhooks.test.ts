/** Pure parts of webhooks: signing, the retry schedule, the payload and the Slack text. */
import { Webhook } from 'standardwebhooks';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { WebhookPayload } from '../../shared/schemas/webhook';
import type { DeliveryAnswer } from '../../worker/db/deliveries';
import { attemptTimes, MAX_ATTEMPTS, MAX_DELAY_S, retryBaseS, retryDelayS } from '../../worker/webhooks/backoff';
import { deliveryBody, standardPayload } from '../../worker/webhooks/payload';
import { newWebhookSecret, signDelivery } from '../../worker/webhooks/signature';
import { escapeSlack, slackText } from '../../worker/webhooks/slack';

describe('Standard Webhooks signing', () => {
  it('matches the test vector of the Standard Webhooks specification', async () => {
    const headers = await signDelivery('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}');
    expect(headers).toEqual({
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
  });

  it('new secrets are 32 random bytes, and the reference library verifies what they sign', async () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(newWebhookSecret()).not.toBe(secret);
    const body = JSON.stringify({ type: 'response.created', data: { comment: 'خیلی خوب بود 👍' } });
    const headers = await signDelivery(secret, 'msg_0123456789abcdef0123456789abcdef', Math.floor(Date.now() / 1000), body);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
    // One changed byte, or another secret, fails.
    expect(() => new Webhook(secret).verify(body.replace('👍', '👎'), { ...headers })).toThrow();
    expect(() => new Webhook(newWebhookSecret()).verify(body, { ...headers })).toThrow();
  });
});

describe('retry schedule', () => {
  it('grows fivefold from the base, at most 12 hours apart, 7 attempts in all', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelayS(n, 60))).toEqual([60, 300, 1500, 7500, 37500, MAX_DELAY_S]);
    expect(retryDelayS(MAX_ATTEMPTS, 60)).toBeNull();
    expect(MAX_ATTEMPTS).toBeGreaterThanOrEqual(6);
  });

  it('spans about a day in production (base 60 s): 0, 1 min, 6 min, 31 min, 2 h 36 min, 13 h 01 min, 25 h 01 min', () => {
    expect(attemptTimes(60)).toEqual([0, 60, 360, 1860, 9360, 46860, 90060]);
    const hours = attemptTimes(60).at(-1)! / 3600;
    expect(hours).toBeGreaterThan(20);
    expect(hours).toBeLessThan(30);
  });

  it('the local run (base 1 s) tries again after 1, 5, 25 s …', () => {
    expect(attemptTimes(1)).toEqual([0, 1, 6, 31, 156, 781, 3906]);
  });

  it('reads the base from the environment, falling back to 60 s', () => {
    expect(retryBaseS('1')).toBe(1);
    expect(retryBaseS('0.001')).toBe(0.001);
    expect(retryBaseS(undefined)).toBe(60);
    expect(retryBaseS('')).toBe(60);
    expect(retryBaseS('soon')).toBe(60);
    expect(retryBaseS('-5')).toBe(60);
  });
});

const answer: DeliveryAnswer = {
  id: 'c8f1e0a2-5b0e-4c36-9a51-0d3c2a3c9f10', site: 'acme', survey: 'sv_checkout', survey_name: 'Checkout NPS', kind: 'nps', score: 3,
  comment: null, touchpoint: 'checkout', locale: 'fa', channel: 'web', page: '/checkout', user: 'u_42', country: 'IR', device: 'mobile',
  created_at: Date.UTC(2026, 10, 28, 10, 0, 0), reasons: null,
};

describe('standard payload', () => {
  it('is the contract body, valid against the shared schema', () => {
    const payload = standardPayload('response.created', answer.created_at, answer);
    expect(payload).toEqual({
      type: 'response.created',
      timestamp: '2026-11-28T10:00:00Z',
      data: {
        id: answer.id, site: 'acme', survey: 'sv_checkout', kind: 'nps', score: 3, band: 'detractor', comment: null, touchpoint: 'checkout',
        locale: 'fa', channel: 'web', page: '/checkout', user: 'u_42', country: 'IR', device: 'mobile', created_at: '2026-11-28T10:00:00Z',
        reasons: null,
      },
    });
    expect(v.is(WebhookPayload, payload)).toBe(true);
  });

  it('carries the reasons once chosen', () => {
    const payload = standardPayload('response.commented', answer.created_at, { ...answer, reasons: '["price","delivery"]' });
    expect(payload.data.reasons).toEqual(['price', 'delivery']);
    expect(v.is(WebhookPayload, payload)).toBe(true);
  });

  it('sends unknown values as null and bands per kind', () => {
    const csat = { ...answer, kind: 'csat' as const, score: 4, touchpoint: '', locale: '', country: '' };
    const { data } = standardPayload('response.commented', answer.created_at + 60_000, { ...csat, comment: 'ok' });
    expect(data).toMatchObject({ band: 'high', touchpoint: null, locale: null, country: null, comment: 'ok' });
    expect(standardPayload('response.created', 0, { ...answer, kind: 'ces', score: 4 }).data.band).toBe('low');
    expect(standardPayload('response.created', 0, { ...answer, score: 8 }).data.band).toBe('passive');
  });
});

describe('Slack text', () => {
  const RLI = '\u2067';
  const FSI = '\u2068';
  const PDI = '\u2069';

  it('English: score, band, touchpoint, survey, then the comment quoted', () => {
    const text = slackText('response.created', { ...answer, locale: 'en', comment: 'Too slow\nand <b>broken</b>' });
    expect(text).toBe(
      [
        '🔴 New answer: NPS 3 · Detractor',
        `Touchpoint: ${FSI}checkout${PDI} · Survey: ${FSI}Checkout NPS${PDI}`,
        `> ${FSI}Too slow${PDI}`,
        `> ${FSI}and &lt;b&gt;broken&lt;/b&gt;${PDI}`,
      ].join('\n'),
    );
  });

  it('writes a locale Intl cannot read (stored before tags were checked) in English, instead of throwing', () => {
    expect(slackText('response.created', { ...answer, locale: 'en-a', comment: null }).split('\n')[0]).toBe('🔴 New answer: NPS 3 · Detractor');
  });

  it('Persian: its own words and digits, each line a right-to-left isolate', () => {
    const text = slackText('response.commented', { ...answer, score: 10, comment: 'عالی بود' });
    const [headline, context, quote] = text.split('\n');
    expect(headline).toBe(`${RLI}🟢 نظر تازه: NPS ۱۰ · مروج${PDI}`);
    expect(context).toBe(`${RLI}نقطهٔ تماس: ${FSI}checkout${PDI} · نظرسنجی: ${FSI}Checkout NPS${PDI}${PDI}`);
    expect(quote).toBe(`> ${FSI}عالی بود${PDI}`);
  });

  it('Arabic: Arabic-Indic digits; CSAT bands are low and high', () => {
    const text = slackText('response.created', { ...answer, locale: 'ar', kind: 'csat', score: 2, touchpoint: '' });
    expect(text.split('\n')[0]).toBe(`${RLI}🔴 إجابة جديدة: CSAT ٢ · منخفض${PDI}`);
    expect(text).not.toContain('نقطة التواصل'); // no touchpoint line part when there is none
  });

  it('a language without a table is written in English, left to right', () => {
    const text = slackText('response.created', { ...answer, locale: 'ur', survey_name: null });
    expect(text).not.toContain(RLI);
    expect(text).toContain(`Survey: ${FSI}sv_checkout${PDI}`);
  });

  it('escapes Slack markup from visitors, so no mention or link can be injected', () => {
    expect(escapeSlack('<!channel> <https://evil.example|click> & co')).toBe('&lt;!channel&gt; &lt;https://evil.example|click&gt; &amp; co');
  });

  it('is the body of a slack delivery', () => {
    expect(JSON.parse(deliveryBody('slack', 'response.created', 0, answer))).toEqual({ text: slackText('response.created', answer) });
  });
});

describe('OpenAPI document', () => {
  it('documents the webhook endpoints from the shared schemas, and the delivery a receiver gets', async () => {
    const { openApiDocument } = await import('../../worker/openapi');
    const doc = openApiDocument() as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { required?: string[] } }> } }>>;
      webhooks: { delivery: { post: { requestBody: { content: Record<string, { schema: { oneOf: { required: string[] }[] } }> } } } };
    };
    const create = doc.paths['/v1/admin/sites/{site}/webhooks']!.post!;
    expect(create.requestBody!.content['application/json']!.schema.required).toEqual(['url']);
    expect(Object.keys(doc.paths).filter((p) => p.includes('/webhooks')).sort()).toEqual([
      '/v1/admin/sites/{site}/webhooks',
      '/v1/admin/sites/{site}/webhooks/{id}',
      '/v1/admin/sites/{site}/webhooks/{id}/deliveries',
      '/v1/admin/sites/{site}/webhooks/{id}/deliveries/{msgId}/retry',
    ]);
    const [standard, slack] = doc.webhooks.delivery.post.requestBody.content['application/json']!.schema.oneOf;
    expect(standard!.required).toEqual(['type', 'timestamp', 'data']);
    expect(slack!.required).toEqual(['text']);
  });
});
