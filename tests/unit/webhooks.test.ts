/** Pure parts of webhooks: signing, the retry schedule, the payloads; chat texts are in webhook-messages.test.ts. */
import { Webhook } from 'standardwebhooks';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ErasedPayload, StandardPayload, TestPayload, WebhookPayload } from '../../shared/schemas/webhook-payload';
import type { DeliveryAnswer } from '../../worker/db/deliveries';
import { attemptTimes, MAX_ATTEMPTS, MAX_DELAY_S, retryBaseS, retryDelayS } from '../../worker/webhooks/backoff';
import { chatMessage, deliveryBody, standardPayload } from '../../worker/webhooks/payload';
import { newWebhookSecret, signDelivery } from '../../worker/webhooks/signature';
import { slackText } from '../../worker/webhooks/slack';
import { telegramText } from '../../worker/webhooks/telegram';

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
const created = (a: DeliveryAnswer = answer) => ({ event: 'response.created' as const, answer: a });

describe('standard payload', () => {
  it('is the contract body, valid against the shared schema', () => {
    const payload = standardPayload(created(), answer.created_at);
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
    const payload = standardPayload({ event: 'response.commented', answer: { ...answer, reasons: '["price","delivery"]' } }, answer.created_at) as WebhookPayload;
    expect(payload.data.reasons).toEqual(['price', 'delivery']);
    expect(v.is(WebhookPayload, payload)).toBe(true);
  });

  it('sends unknown values as null and bands per kind', () => {
    const csat = { ...answer, kind: 'csat' as const, score: 4, touchpoint: '', locale: '', country: '' };
    const { data } = standardPayload({ event: 'response.commented', answer: { ...csat, comment: 'ok' } }, answer.created_at + 60_000) as WebhookPayload;
    expect(data).toMatchObject({ band: 'high', touchpoint: null, locale: null, country: null, comment: 'ok' });
    expect((standardPayload(created({ ...answer, kind: 'ces', score: 4 }), 0) as WebhookPayload).data.band).toBe('low');
    expect((standardPayload(created({ ...answer, score: 8 }), 0) as WebhookPayload).data.band).toBe('passive');
  });

  it('response.completed carries the answer as response.created does, comment or null', () => {
    const completed = standardPayload({ event: 'response.completed', answer: { ...answer, comment: 'slow' } }, answer.created_at + 5000);
    expect(completed).toMatchObject({ type: 'response.completed', timestamp: '2026-11-28T10:00:05Z', data: { id: answer.id, comment: 'slow' } });
    expect(v.is(WebhookPayload, completed)).toBe(true);
  });

  it('response.erased carries only the id, site and survey; webhook.test the site and webhook', () => {
    const erased = standardPayload({ event: 'response.erased', erased: { id: answer.id, site: 'acme', survey: 'sv_checkout', locale: 'fa' } }, 0);
    expect(erased).toEqual({ type: 'response.erased', timestamp: '1970-01-01T00:00:00Z', data: { id: answer.id, site: 'acme', survey: 'sv_checkout' } });
    expect(v.is(ErasedPayload, erased)).toBe(true);
    const test = standardPayload({ event: 'webhook.test', test: { site: 'acme', webhook: 'wh_0123456789abcdef', locale: null } }, 0);
    expect(test).toEqual({ type: 'webhook.test', timestamp: '1970-01-01T00:00:00Z', data: { site: 'acme', webhook: 'wh_0123456789abcdef' } });
    expect(v.is(TestPayload, test)).toBe(true);
    expect([erased, test].every((p) => v.is(StandardPayload, p))).toBe(true);
  });
});

describe('the body of each format', () => {
  const base = 'https://cx.example/app/';
  it('slack is {"text"} and telegram the Bot API sendMessage, both from one message', () => {
    const message = chatMessage(created(), base);
    expect(JSON.parse(deliveryBody({ format: 'slack', telegramChatId: null, consoleBase: base }, created(), 0))).toEqual({ text: slackText(message) });
    expect(JSON.parse(deliveryBody({ format: 'telegram', telegramChatId: '-1001234567890', consoleBase: base }, created(), 0))).toEqual({
      chat_id: '-1001234567890', text: telegramText(message), parse_mode: 'HTML',
    });
  });

  it('a telegram webhook without its chat cannot be sent (the schema and the table refuse one anyway)', () => {
    expect(() => deliveryBody({ format: 'telegram', telegramChatId: null, consoleBase: null }, created(), 0)).toThrow();
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
      '/v1/admin/sites/{site}/webhooks/{id}/test',
    ]);
    const [standard, slack, telegram] = doc.webhooks.delivery.post.requestBody.content['application/json']!.schema.oneOf as { required?: string[]; oneOf?: { required: string[] }[] }[];
    // An answer event, response.erased, webhook.test and case.updated.
    expect(standard!.oneOf!.map((body) => body.required)).toEqual(Array(4).fill(['type', 'timestamp', 'data']));
    expect(slack!.required).toEqual(['text']);
    expect(telegram!.required).toEqual(['chat_id', 'text', 'parse_mode']);
  });
});
