/**
 * The console's API paths: a `site` or survey `id` from the URL hash is
 * checked against its pattern before it is put into a path, so no value can
 * send a request to another endpoint.
 */
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { segmentProblem } from '../../console/api/segments';
import { UserId } from '../../shared/schemas/common';

describe('path segments', () => {
  it('pass the ids the API makes (a user id is encoded, so any text may be one)', () => {
    for (const [name, value] of [['site', 'k3v9q2m8x1zt'], ['site', 'demo'], ['survey', 'sv_4hq8w2n0c7ra'], ['webhook', 'wh_0123456789abcdef'], ['user', 'alice@example.com/x'], ['prefix', 'cxr_abcd1234']] as const) {
      expect(segmentProblem(name, value), value).toBeNull();
    }
  });

  it('refuse what would reach another path, saying why', () => {
    for (const [name, value] of [
      ['site', '..'], ['site', '.'], ['site', '%2e%2E'], ['site', 'a/b'], ['site', 'x?y=1'], ['site', 'x#y'], ['site', ''], ['site', 'x'.repeat(65)],
      ['survey', '../keys'], ['survey', 'sv_x\r\n'], ['webhook', 'new'], ['delivery', '..'], ['user', '..'], ['prefix', 'cxr_x/../y'],
    ] as const) {
      expect(segmentProblem(name, value), `${name} ${value}`).toMatch(/^must /);
    }
  });

  it('take a user id exactly when the API’s schema does (one pattern for UserId’s rules)', () => {
    const texts = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 140 }), fc.string({ unit: 'binary', maxLength: 140 }), fc.string({ maxLength: 140 }));
    fc.assert(
      fc.property(texts, (text) => {
        if (/^(\.|%2e){1,2}$/i.test(text)) return;
        expect(segmentProblem('user', text) === null, JSON.stringify(text)).toBe(v.is(UserId, text));
      }),
      { numRuns: 2000 },
    );
    for (const text of ['\u0000', 'a\nb', '\u0085', '\ud800', 'x'.repeat(128), 'x'.repeat(129), '😀'.repeat(128), '😀'.repeat(129), '']) {
      expect(segmentProblem('user', text) === null, JSON.stringify(text)).toBe(v.is(UserId, text));
    }
  });
});
