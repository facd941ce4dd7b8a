/**
 * Generated bad tokens through the link routes (docs/contract.md §10, §16):
 * valid tokens of every kind (sealed, reusable, expired, the first signed
 * format) damaged, truncated, extended, respelled or sealed under another
 * key, and segments of odd shapes. Every one is a readable page, never a
 * 5xx; a damaged token is a 404; nothing is ever written.
 */
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkSealer } from '../../worker/links/token';
import { decodeSegment, isDotSegment, oddSegment } from './arbitraries';
import { createSite, createSurvey } from './helpers';
import { base64url, fromBase64url, mintOk, postForm, signV1, tokenOf } from './link-helpers';
import { Baseline, type Probe, runs, send, tally, timeout } from './probe';

const KEY = env.LINK_SIGNING_KEY!;
const TIMEOUT = timeout(120_000);
let valid: string[] = [];

beforeAll(async () => {
  const site = await createSite();
  const survey = await createSurvey(site.site, 'nps');
  const single = (await mintOk(site.site, survey, { recipients: [{ user: 'u_fuzz', touchpoint: 'delivery', locale: 'fa' }] })).links[0]!;
  const reusable = (await mintOk(site.site, survey, { channel: 'qr', reusable: true, recipients: [{ touchpoint: 'counter' }] })).links[0]!;
  const claims = { site: site.site, survey, channel: 'sms' as const, user: 'u_old', locale: 'ar' };
  valid = [
    tokenOf(single.url),
    tokenOf(reusable.url),
    await (await linkSealer(KEY))({ ...claims, expiresAt: Date.now() - 60_000 }),
    await signV1({ ...claims, expiresAt: Date.now() + 86_400_000 }, KEY),
  ];
});

afterAll(() => console.log(tally.report('link tokens')));

/** One way to break a token; each changes its bytes or its spelling. */
const damage: fc.Arbitrary<{ why: string; apply: (token: string) => Promise<string> | string }> = fc.oneof(
  fc.record({ at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }).map(({ at, bit }) => ({
    why: `bit ${bit} of byte ${at} flipped`,
    apply: (token: string) => {
      const bytes = fromBase64url(token);
      bytes[at % bytes.length]! ^= 1 << bit;
      return base64url(bytes);
    },
  })),
  fc.nat().map((n) => ({ why: `truncated to ${n} bytes`, apply: (token: string) => base64url(fromBase64url(token).subarray(0, n % fromBase64url(token).length)) })),
  fc.uint8Array({ minLength: 1, maxLength: 40 }).map((extra) => ({ why: `${extra.length} bytes appended`, apply: (token: string) => base64url(Uint8Array.from([...fromBase64url(token), ...extra])) })),
  fc.integer({ min: 0, max: 255 }).map((header) => ({
    why: `header byte ${header}`,
    apply: (token: string) => {
      const bytes = fromBase64url(token);
      if (bytes[0] === header) bytes[0] = header ^ 0x80;
      else bytes[0] = header;
      return base64url(bytes);
    },
  })),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ why: `${bytes.length} random bytes`, apply: () => base64url(bytes) })),
  fc.string({ minLength: 32, maxLength: 60 }).map((key) => ({
    why: 'sealed under another key',
    // The claims a real link of this store carries, sealed under a key this Worker does not have.
    apply: async () => {
      const [site, survey] = [await firstSite(), await firstSurvey()];
      return (await linkSealer(key))({ site, survey, channel: 'email', expiresAt: Date.now() + 60_000, user: 'u_fuzz' });
    },
  })),
  fc.constantFrom('A', 'B', '-', '_').map((last) => ({
    why: `last character respelled as ${last}`,
    apply: (token: string) => (token.at(-1) === last ? `${token.slice(0, -1)}${last === 'A' ? 'B' : 'A'}` : token.slice(0, -1) + last),
  })),
);

async function firstSite(): Promise<string> {
  return (await env.DB.prepare('SELECT key FROM sites ORDER BY created_at LIMIT 1').first<{ key: string }>())!.key;
}
async function firstSurvey(): Promise<string> {
  return (await env.DB.prepare('SELECT id FROM surveys ORDER BY created_at LIMIT 1').first<{ id: string }>())!.id;
}

/** The four routes under a token, as a browser or a scanner calls them. */
function probesOf(token: string, why: string): Probe[] {
  const form = (body: string): Probe => ({ method: 'POST', path: `/r/${token}`, headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://collector.test' }, body: new TextEncoder().encode(body), why });
  return [
    { method: 'GET', path: `/r/${token}?score=3`, headers: {}, why },
    form('score=3&comment=fuzz'),
    { ...form('comment=fuzz'), path: `/r/${token}/comment` },
    { method: 'GET', path: `/r/${token}/comment`, headers: {}, why },
  ];
}

/** A page, never a 5xx, and nothing written. */
async function expectPage(probe: Probe, baseline: Baseline, status?: number): Promise<void> {
  const res = await send(probe);
  tally.count(res.status);
  const label = `${probe.method} ${probe.path.slice(0, 120)} [${probe.why}]`;
  expect(res.status, label).toBeLessThan(500);
  if (status !== undefined) expect(res.status, label).toBe(status);
  if (res.status >= 400 && res.status !== 405) expect(res.headers.get('content-type'), label).toMatch(/^(text\/html|application\/json)/);
  await res.body?.cancel();
  expect(await baseline.changes(), `${label} changed the store`).toEqual([]);
}

describe('generated bad tokens', () => {
  it('damaged, truncated, extended, re-keyed or respelled tokens of every kind: a 404 page, nothing stored', async () => {
    const baseline = await Baseline.take();
    await fc.assert(
      fc.asyncProperty(fc.nat(), damage, async (pick, { why, apply }) => {
        const original = valid[pick % valid.length]!;
        const token = await apply(original);
        fc.pre(token !== original);
        for (const probe of probesOf(token, why)) await expectPage(probe, baseline, 404);
      }),
      runs(150),
    );
  }, TIMEOUT);

  it('segments of odd shapes (broken escapes, CR and LF, over-long) are pages or plain 404s, never a 5xx, and write nothing', async () => {
    const baseline = await Baseline.take();
    const segments = fc.oneof(oddSegment, fc.constantFrom('%0d%0a', `${'A'.repeat(20)}%0D%0ALocation:%20x`, '%E2%80%A8', 'page.css', 'theme')).filter((s) => s !== '' && !isDotSegment(s) && !decodeSegment(s).includes('/'));
    await fc.assert(
      fc.asyncProperty(segments, async (segment) => {
        for (const probe of probesOf(segment, 'odd segment')) await expectPage(probe, baseline);
      }),
      runs(150),
    );
  }, TIMEOUT);

  it('the tokens themselves still answer (the damage, not the routes, made the 404s)', async () => {
    for (const token of valid) {
      const res = await postForm(`/r/${token}/comment`, { comment: 'x' });
      expect(res.status).toBeLessThan(500);
      expect(res.status).not.toBe(404);
    }
  });
});
