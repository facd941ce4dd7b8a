import { describe, expect, it } from 'vitest';
import { ces, csat, metrics, nps, wilson } from '../../shared/metrics';
import { studentT } from '../../shared/stats';

/** Histogram over slots 0..10 from score → count. */
function hist(counts: Record<number, number>): number[] {
  return Array.from({ length: 11 }, (_, s) => counts[s] ?? 0);
}
/** Histogram from a list of scores. */
function of(scores: number[]): number[] {
  const h = hist({});
  for (const s of scores) h[s]! += 1;
  return h;
}

describe('nps', () => {
  it('reproduces the contract example (P 215, passives 85, D 75)', () => {
    // 215 promoters split over 9/10, passives over 7/8, detractors over 0–6.
    const m = nps(hist({ 10: 120, 9: 95, 8: 45, 7: 40, 6: 25, 5: 21, 4: 9, 3: 10, 2: 5, 1: 2, 0: 3 }));
    expect(m.n).toBe(375);
    expect(m.promoters).toBe(215);
    expect(m.passives).toBe(85);
    expect(m.detractors).toBe(75);
    expect(m.score).toBeCloseTo(37.333333333333336, 12);
    // Adjusted-Wald, worked independently from the contract's formula.
    expect(m.ci95![0]).toBeCloseTo(29.01007312963746, 10);
    expect(m.ci95![1]).toBeCloseTo(45.06400094443662, 10);
    expect(m.distribution).toEqual([3, 2, 5, 10, 9, 21, 25, 40, 45, 95, 120]);
  });

  it('clips the interval to [-100, 100]', () => {
    const m = nps(hist({ 10: 3 }));
    expect(m.score).toBe(100);
    expect(m.ci95![1]).toBe(100);
    expect(m.ci95![0]).toBeGreaterThan(-100);
    expect(m.ci95![0]).toBeLessThan(100);
  });

  it('has no score and no interval with n = 0', () => {
    const m = nps(hist({}));
    expect(m).toMatchObject({ n: 0, score: null, ci95: null, promoters: 0, passives: 0, detractors: 0 });
    expect(m.distribution).toHaveLength(11);
  });
});

describe('csat', () => {
  it('uses the Wilson interval: 2 satisfied of 3', () => {
    const m = csat(hist({ 5: 1, 4: 1, 2: 1 }));
    expect(m.score).toBeCloseTo(66.66666666666667, 12);
    expect(m.satisfied).toBe(2);
    expect(m.mean).toBeCloseTo(11 / 3, 12);
    expect(m.ci95![0]).toBeCloseTo(20.765495512648787, 10);
    expect(m.ci95![1]).toBeCloseTo(93.85096847238394, 10);
    expect(m.distribution).toEqual([0, 1, 0, 1, 1]);
  });

  it('wilson stays inside [0, 1] at the edges', () => {
    expect(wilson(0, 5)[0]).toBe(0);
    expect(wilson(5, 5)[1]).toBe(1);
  });

  it('has no score, mean or interval with n = 0', () => {
    expect(csat(hist({}))).toMatchObject({ n: 0, score: null, ci95: null, mean: null, satisfied: 0 });
  });

  it('ignores slots outside 1–5', () => {
    expect(csat(hist({ 0: 4, 9: 2, 5: 1 })).n).toBe(1);
  });
});

describe('ces', () => {
  it('t(0.975) matches published quantiles', () => {
    expect(studentT(0.975, 1)).toBeCloseTo(12.706204736174705, 9);
    expect(studentT(0.975, 2)).toBeCloseTo(4.302652729749464, 9);
    expect(studentT(0.975, 29)).toBeCloseTo(2.045229642132703, 9);
  });

  it('n = 2: the interval is clipped to the 1–7 scale', () => {
    const m = ces(of([3, 5]));
    expect(m.mean).toBe(4);
    expect(m.score).toBe(4);
    // Unclipped it would be 4 ± 12.706…: [-8.706…, 16.706…].
    expect(m.ci95).toEqual([1, 7]);
  });

  it('n = 3', () => {
    const m = ces(of([5, 5, 6]));
    expect(m.mean).toBeCloseTo(5.333333333333333, 12);
    expect(m.ci95![0]).toBeCloseTo(3.8991157567501786, 9);
    expect(m.ci95![1]).toBeCloseTo(6.767550909916487, 9);
    expect(m.agree).toBe(3);
  });

  it('n = 30', () => {
    const scores = [...Array(8).fill(7), ...Array(7).fill(6), ...Array(6).fill(5), ...Array(4).fill(4), 3, 3, 3, 2, 1];
    const m = ces(of(scores));
    expect(m.n).toBe(30);
    expect(m.mean).toBeCloseTo(5.2, 12);
    expect(m.ci95![0]).toBeCloseTo(4.584475192636219, 9);
    expect(m.ci95![1]).toBeCloseTo(5.815524807363781, 9);
    expect(m.agree).toBe(21);
    expect(m.distribution).toEqual([1, 1, 3, 4, 6, 7, 8]);
  });

  it('n = 1 has a mean but no interval; n = 0 has neither', () => {
    expect(ces(of([6]))).toMatchObject({ n: 1, score: 6, mean: 6, ci95: null });
    expect(ces(of([]))).toMatchObject({ n: 0, score: null, mean: null, ci95: null, agree: 0 });
  });

  it('zero spread gives a zero-width interval', () => {
    expect(ces(of([4, 4, 4])).ci95).toEqual([4, 4]);
  });
});

describe('metrics', () => {
  it('adds exposure and the response rate', () => {
    const m = metrics('nps', hist({ 10: 3, 0: 1 }), { shown: 16, dismissed: 5 });
    expect(m).toMatchObject({ n: 4, shown: 16, dismissed: 5, response_rate: 0.25 });
  });

  it('response rate is null when nothing was shown', () => {
    expect(metrics('csat', hist({ 5: 2 }), { shown: 0, dismissed: 0 }).response_rate).toBeNull();
  });
});
