/**
 * Period comparison tests. Expected values were worked independently in
 * Python (math.erfc for z, a hand-written incomplete beta for Student's t).
 */
import { describe, expect, it } from 'vitest';
import { MIN_TEST_N, cesChange, change, csatChange, npsChange } from '../../shared/compare';

function hist(counts: Record<number, number>): number[] {
  return Array.from({ length: 11 }, (_, s) => counts[s] ?? 0);
}

describe('npsChange: difference of two independent NPS, multinomial variances', () => {
  it('P 60 / passives 25 / D 15 against P 45 / 30 / 25', () => {
    const change = npsChange(hist({ 10: 60, 8: 25, 3: 15 }), hist({ 9: 45, 7: 30, 0: 25 }));
    expect(change.method).toBe('nps-multinomial-z');
    expect(change.score).toBeCloseTo(25, 10);
    expect(change.p_value).toBeCloseTo(0.0229012046104569, 10);
  });

  it('is symmetric in sign and p-value', () => {
    const a = hist({ 10: 30, 8: 10, 2: 10 });
    const b = hist({ 10: 20, 8: 20, 2: 15 });
    expect(npsChange(a, b).score).toBeCloseTo(-npsChange(b, a).score!, 10);
    expect(npsChange(a, b).p_value).toBeCloseTo(npsChange(b, a).p_value!, 12);
  });

  it('equal periods: difference 0, p-value 1', () => {
    const a = hist({ 10: 5, 7: 5, 1: 5 });
    expect(npsChange(a, a)).toMatchObject({ score: 0, p_value: 1 });
  });

  it('an empty side or zero variance has no p-value', () => {
    expect(npsChange(hist({ 10: 3 }), hist({}))).toMatchObject({ score: null, p_value: null });
    expect(npsChange(hist({ 10: 3 }), hist({ 10: 5 }))).toMatchObject({ score: 0, p_value: null });
  });
});

describe('csatChange: pooled two-proportion z-test', () => {
  it('80 of 100 satisfied against 70 of 120', () => {
    const change = csatChange(hist({ 5: 50, 4: 30, 2: 20 }), hist({ 4: 70, 3: 30, 1: 20 }));
    expect(change.method).toBe('two-proportion-z');
    expect(change.score).toBeCloseTo(21.666666666666668, 10);
    expect(change.p_value).toBeCloseTo(0.0005912980805305915, 12);
  });

  it('an empty side has no difference and no p-value', () => {
    expect(csatChange(hist({}), hist({ 5: 2 }))).toMatchObject({ score: null, p_value: null });
  });
});

describe("cesChange: Welch's t-test", () => {
  it('two samples of 30 with unequal spreads', () => {
    const change = cesChange(hist({ 7: 10, 6: 8, 5: 6, 4: 3, 3: 2, 2: 1 }), hist({ 7: 4, 6: 6, 5: 8, 4: 6, 3: 4, 2: 2 }));
    expect(change.method).toBe('welch-t');
    expect(change.score).toBeCloseTo(0.8, 10);
    // t = 2.17224…, Welch–Satterthwaite df = 57.946…
    expect(change.p_value).toBeCloseTo(0.033941763410835, 9);
  });

  it('needs two answers a side for a p-value', () => {
    expect(cesChange(hist({ 7: 1 }), hist({ 5: 3, 6: 1 }))).toMatchObject({ score: expect.closeTo(1.75, 10), p_value: null });
  });
});

describe('too few answers to test', () => {
  const hist = (scores: number[]) => {
    const h = Array.from({ length: 11 }, () => 0);
    for (const s of scores) h[s]!++;
    return h;
  };

  it(`gives NPS and CSAT no p-value below ${MIN_TEST_N} answers in a period, the difference still`, () => {
    const two = change('nps', hist([10, 10]), hist([0]));
    expect(two).toEqual({ score: 200, p_value: null, method: 'nps-multinomial-z' });
    expect(change('csat', hist([5, 5]), hist([1])).p_value).toBeNull();
    const enough = change('nps', hist(Array(MIN_TEST_N).fill(10)), hist([...Array(MIN_TEST_N - 1).fill(0), 10]));
    expect(enough.p_value).toBeGreaterThan(0);
    expect(enough.p_value).toBeLessThan(0.001);
  });
});
