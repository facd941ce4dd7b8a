/**
 * The rollup table's shape is known once (shared/rollups.ts); the SQL that
 * writes it lives in migrations (triggers) and in worker/db/ (events). This
 * checks the database against that one list: the triggers name every grain
 * and dimension, and one answer or one exposure event writes exactly one row
 * per grain and dimension.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ROLLUP_DIMS, ROLLUP_GRAINS, ROWS_PER_ANSWER } from '../../shared/rollups';
import { createSite, createSurvey, eventually, postJson, postResponse } from './helpers';

async function rollupRows(survey: string): Promise<{ grain: number; dim: string }[]> {
  const { results } = await env.DB.prepare('SELECT grain, dim FROM rollups WHERE survey = ? ORDER BY grain, dim').bind(survey).all<{ grain: number; dim: string }>();
  return results;
}

const expected = ROLLUP_GRAINS.flatMap((grain) => ROLLUP_DIMS.map((dim) => ({ grain, dim }))).sort((a, b) => a.grain - b.grain || a.dim.localeCompare(b.dim));

describe('the rollup shape', () => {
  it('the rollup triggers name every grain and dimension of shared/rollups.ts', async () => {
    const { results } = await env.DB.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'responses_rollup_%'").all<{ name: string; sql: string }>();
    expect(results.map((r) => r.name).sort()).toEqual(['responses_rollup_delete', 'responses_rollup_insert']);
    for (const { name, sql } of results) {
      const grains = [...sql.matchAll(/SELECT (\d+)(?: AS grain)?\b/g)].map((m) => Number(m[1])).sort((a, b) => b - a);
      expect(grains, name).toEqual([...ROLLUP_GRAINS]);
      for (const dim of ROLLUP_DIMS.filter((d) => d !== '')) expect(sql, `${name} ${dim}`).toContain(`'${dim}'`);
    }
  });

  it(`one answer writes ${ROWS_PER_ANSWER} rollup rows, one per grain and dimension; one exposure event the same`, async () => {
    const site = await createSite();
    const answered = await createSurvey(site.site, 'nps');
    const shown = await createSurvey(site.site, 'nps');
    expect((await postResponse({ site: site.site, survey: answered, score: 9, touchpoint: 'checkout', locale: 'fa' })).status).toBe(201);
    expect(await rollupRows(answered)).toEqual(expected);
    expect((await postJson('/v1/events', { site: site.site, survey: shown, type: 'shown', touchpoint: 'checkout', locale: 'fa' })).status).toBe(204);
    await eventually(async () => expect(await rollupRows(shown)).toEqual(expected));
  });
});
