/** The example receiver of docs/webhooks.md accepts the Worker's signatures and refuses anything else. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signDelivery } from '../../worker/webhooks/signature';

const pathOf = (relative: string) => decodeURIComponent(new URL(relative, import.meta.url).pathname);
const EXAMPLE = pathOf('../../examples/webhook-receiver.mjs');
const DOC = pathOf('../../docs/webhooks.md');
type Verify = (secret: string, headers: Record<string, string>, body: string, now?: number) => unknown;
const { verifyWebhook } = (await import(EXAMPLE)) as { verifyWebhook: Verify };

describe('examples/webhook-receiver.mjs', () => {
  it('is the code docs/webhooks.md shows', () => {
    const doc = readFileSync(DOC, 'utf8');
    expect(doc).toContain(readFileSync(EXAMPLE, 'utf8'));
  });

  it('accepts a delivery signed by the Worker, and only that one', async () => {
    const secret = newWebhookSecret();
    const body = JSON.stringify({ type: 'response.created', data: { score: 3, comment: 'دیر رسید' } });
    const now = Date.now();
    const headers = { ...(await signDelivery(secret, 'msg_0123456789abcdef0123456789abcdef', Math.floor(now / 1000), body)) };
    expect(verifyWebhook(secret, headers, body, now)).toEqual(JSON.parse(body));
    expect(verifyWebhook(secret, headers, body.replace('3', '9'), now)).toBeNull();
    expect(verifyWebhook(newWebhookSecret(), headers, body, now)).toBeNull();
    expect(verifyWebhook(secret, { ...headers, 'webhook-id': 'msg_other' }, body, now)).toBeNull();
    expect(verifyWebhook(secret, headers, body, now + 10 * 60_000)).toBeNull(); // replayed ten minutes later
    expect(verifyWebhook(secret, { ...headers, 'webhook-signature': `v1,bogus ${headers['webhook-signature']}` }, body, now)).toEqual(JSON.parse(body));
  });

  it('agrees with the Standard Webhooks test vector', () => {
    const headers = { 'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek', 'webhook-timestamp': '1614265330', 'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' };
    expect(verifyWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', headers, '{"test": 2432232314}', 1614265330_000)).toEqual({ test: 2432232314 });
  });
});
