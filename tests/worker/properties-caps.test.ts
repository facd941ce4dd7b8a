/**
 * Generated touchpoints and locales beyond a site's caps: every answer is
 * kept, stored once, with the field as sent while the site knows the value or
 * has room for it and empty otherwise; groups stay within 101; rollups equal
 * the raw rows.
 */
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOCALES_PER_SITE, MAX_GROUP_KEYS, TOUCHPOINTS_PER_SITE } from '../../shared/limits';
import { createSite, createSurvey, json, postResponse, scoresJson, seedResponses } from './helpers';
import { assertRollupsMatchRaw } from '../invariants/store';
import { runs, timeout } from './probe';

/** Room left on the site when the generated answers arrive: a few, so the caps are reached within a run. */
const ROOM = 3;

const slug = fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/);
/** Canonical BCP 47 language subtags of three letters (stored as sent). */
const language = fc.stringMatching(/^q[a-t][a-z]$/);

const answers = fc.array(fc.record({ touchpoint: slug, locale: language, score: fc.integer({ min: 0, max: 10 }) }), { minLength: 1, maxLength: 12 });

describe('generated answers beyond the caps', () => {
  it('are all kept, with the capped field empty only once the site is full', async () => {
    await fc.assert(
      fc.asyncProperty(answers, async (list) => {
        const site = await createSite();
        const survey = await createSurvey(site.site, 'nps');
        // Known values, all but ROOM of each cap (registered by the answers' own trigger).
        const knownTouchpoints = Array.from({ length: TOUCHPOINTS_PER_SITE - ROOM }, (_, i) => `known-${i}`);
        const knownLocales = Array.from({ length: LOCALES_PER_SITE - ROOM }, (_, i) => `x${String.fromCharCode(97 + Math.floor(i / 26))}${String.fromCharCode(97 + (i % 26))}`);
        await seedResponses(
          site.site,
          survey,
          'nps',
          knownTouchpoints.map((touchpoint, i) => ({ score: 5, at: Date.now() - 1000, touchpoint, locale: knownLocales[i % knownLocales.length] })),
        );
        const touchpoints = new Set(knownTouchpoints);
        const locales = new Set(knownLocales);
        const expected: { id: string; touchpoint: string; locale: string }[] = [];
        for (const a of list) {
          const id = crypto.randomUUID();
          const res = await postResponse({ id, site: site.site, survey, score: a.score, touchpoint: a.touchpoint, locale: a.locale });
          expect(res.status, JSON.stringify(await json(res))).toBe(201);
          const keep = (set: Set<string>, value: string, cap: number) => (set.has(value) || set.size < cap ? (set.add(value), value) : '');
          expected.push({ id, touchpoint: keep(touchpoints, a.touchpoint, TOUCHPOINTS_PER_SITE), locale: keep(locales, a.locale, LOCALES_PER_SITE) });
        }
        const { results } = await env.DB.prepare('SELECT id, touchpoint, locale FROM responses WHERE site = ? AND touchpoint NOT LIKE ?')
          .bind(site.site, 'known-%')
          .all<{ id: string; touchpoint: string; locale: string }>();
        const stored = new Map(results.map((r) => [r.id, r]));
        for (const e of expected) expect(stored.get(e.id)).toEqual(e);
        const { body } = await scoresJson(site, { survey, group_by: 'touchpoint' });
        expect(body.total.n).toBe(knownTouchpoints.length + list.length);
        expect(body.groups!.length).toBeLessThanOrEqual(MAX_GROUP_KEYS + 1);
        const byLocale = (await scoresJson(site, { survey, group_by: 'locale' })).body;
        expect(byLocale.groups!.length).toBeLessThanOrEqual(LOCALES_PER_SITE + 1);
      }),
      runs(12),
    );
    await assertRollupsMatchRaw(env.DB);
  }, timeout(120_000));
});
