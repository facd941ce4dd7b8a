import { describe, expect, it } from 'vitest';
import { KINDS, bandOf, bands, scaleScores } from '../../shared/kinds';

describe('score bands', () => {
  it('split NPS into detractors 0–6, passives 7–8, promoters 9–10', () => {
    expect(bands('nps')).toEqual([
      { band: 'detractor', min: 0, max: 6 },
      { band: 'passive', min: 7, max: 8 },
      { band: 'promoter', min: 9, max: 10 },
    ]);
  });

  it('split CSAT into low 1–3 and high 4–5, CES into low 1–4 and high 5–7', () => {
    expect(bands('csat')).toEqual([{ band: 'low', min: 1, max: 3 }, { band: 'high', min: 4, max: 5 }]);
    expect(bands('ces')).toEqual([{ band: 'low', min: 1, max: 4 }, { band: 'high', min: 5, max: 7 }]);
  });

  it.each(KINDS)('cover every score of %s exactly once', (kind) => {
    for (const score of scaleScores(kind)) {
      expect(bands(kind).filter((b) => score >= b.min && score <= b.max)).toHaveLength(1);
    }
  });

  it('name the band of a score', () => {
    expect([0, 6, 7, 8, 9, 10].map((s) => bandOf('nps', s))).toEqual(['detractor', 'detractor', 'passive', 'passive', 'promoter', 'promoter']);
    expect([3, 4].map((s) => bandOf('csat', s))).toEqual(['low', 'high']);
    expect([4, 5].map((s) => bandOf('ces', s))).toEqual(['low', 'high']);
  });
});
