import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LocalSurvey } from '../../shared/schemas/survey';
import { DISMISS_WAIT_DAYS, waitsOf } from '../../shared/waits';
import { due, globMatches, pathMatches, sampleBucket, waitOver } from '../../widget/loader/eligibility';

const DAY = 864e5;
const NOW = Date.UTC(2026, 10, 1);

type Survey = Pick<LocalSurvey, 'id' | 'trigger' | 'sample_pct' | 'waits'>;
type Overrides = Partial<Omit<Survey, 'trigger'>> & { trigger?: Partial<Survey['trigger']> };

/** A survey as the loader reads it: recontact_days 30, no cooldown. */
function survey(overrides: Overrides = {}): Survey {
  return {
    id: 'srv_1',
    sample_pct: 100,
    waits: waitsOf(30, 0),
    ...overrides,
    trigger: { on: 'load', delay_s: 0, scroll_pct: null, exit_intent: false, paths: null, ...overrides.trigger },
  };
}

describe('pathMatches', () => {
  it('matches every path when there are no globs', () => {
    expect(pathMatches(null, '/anything')).toBe(true);
    expect(pathMatches([], '/')).toBe(true);
  });

  it('reads * as any run of characters, anchored at both ends', () => {
    expect(pathMatches(['/checkout*'], '/checkout')).toBe(true);
    expect(pathMatches(['/checkout*'], '/checkout/done')).toBe(true);
    expect(pathMatches(['/checkout*'], '/cart/checkout')).toBe(false);
    expect(pathMatches(['/shop/*/done'], '/shop/shoes/done')).toBe(true);
    expect(pathMatches(['/shop/*/done'], '/shop/shoes/done/again')).toBe(false);
    expect(pathMatches(['/a', '/b*'], '/b2')).toBe(true);
  });

  it('takes every other character literally (dots, question marks, brackets)', () => {
    expect(pathMatches(['/a.b'], '/axb')).toBe(false);
    expect(pathMatches(['/a.b'], '/a.b')).toBe(true);
    expect(pathMatches(['/p?x'], '/p?x')).toBe(true);
    expect(pathMatches(['/p?x'], '/px')).toBe(false);
    expect(pathMatches(['/[id]'], '/[id]')).toBe(true);
    expect(pathMatches(['/(a|b)'], '/a')).toBe(false);
  });

  it('matches any path against its own text as a glob', () => {
    fc.assert(fc.property(fc.string().map((s) => '/' + s.replace(/\*/g, '')), (path) => pathMatches([path], path)));
  });

  it('agrees with a regular expression of the same glob on generated globs and paths', () => {
    const alphabet = fc.constantFrom('/', 'a', 'b', '-', '*');
    const asRegExp = (glob: string) => new RegExp('^' + glob.replace(/[^*]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`).replace(/\*/g, '.*') + '$');
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 8 }), fc.string({ unit: alphabet, maxLength: 12 }), (glob, path) => {
        expect(globMatches(glob, path)).toBe(asRegExp(glob).test(path));
      }),
      { numRuns: 3000 },
    );
  });

  it('matches trailing and repeated stars against an empty rest', () => {
    expect(globMatches('/a**', '/a')).toBe(true);
    expect(globMatches('*', '')).toBe(true);
    expect(globMatches('/a*b', '/a')).toBe(false);
  });

  it('answers a hostile glob against a long path in steps, not seconds', () => {
    // The regular expression this replaced took about 17 s on this pair in a browser.
    const glob = '/*-*-*-*-*/done';
    const path = '/' + '-'.repeat(200);
    const started = performance.now();
    expect(globMatches(glob, path)).toBe(false);
    expect(globMatches('*'.repeat(10) + 'x', 'a'.repeat(2048))).toBe(false);
    // Bounded by |glob| × |path| character comparisons: well under a millisecond here.
    expect(performance.now() - started).toBeLessThan(50);
  });
});

describe('sampling', () => {
  it('puts a visitor at a stable place in [0, 100) per survey', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (visitor, id) => {
        const place = sampleBucket(visitor, id);
        return place >= 0 && place < 100 && place == sampleBucket(visitor, id);
      }),
    );
  });

  it('samples about sample_pct of visitors', () => {
    const visitors = Array.from({ length: 20000 }, (_, i) => String(Math.random()) + i);
    for (const pct of [1, 10, 30, 50, 90]) {
      const share = visitors.filter((v) => sampleBucket(v, 'srv_1') < pct).length / visitors.length;
      expect(Math.abs(share - pct / 100)).toBeLessThan(0.015);
    }
  });

  it('samples each survey independently of the others', () => {
    const visitors = Array.from({ length: 20000 }, () => String(Math.random()));
    const both = visitors.filter((v) => sampleBucket(v, 'srv_a') < 50 && sampleBucket(v, 'srv_b') < 50).length;
    expect(Math.abs(both / visitors.length - 0.25)).toBeLessThan(0.02);
  });
});

describe('waitOver with waitsOf (the waits the collector sends with each survey)', () => {
  it('asks a visitor who never answered nor dismissed', () => {
    expect(waitOver({}, waitsOf(30, 0), NOW)).toBe(true);
  });

  it('waits recontact_days after an answer', () => {
    expect(waitOver({ a: NOW - 29 * DAY }, waitsOf(30, 0), NOW)).toBe(false);
    expect(waitOver({ a: NOW - 30 * DAY }, waitsOf(30, 0), NOW)).toBe(true);
  });

  it(`waits ${DISMISS_WAIT_DAYS} days after a dismissal, or recontact_days when shorter`, () => {
    expect(waitOver({ d: NOW - 6 * DAY }, waitsOf(30, 0), NOW)).toBe(false);
    expect(waitOver({ d: NOW - 7 * DAY }, waitsOf(30, 0), NOW)).toBe(true);
    expect(waitOver({ d: NOW - 2 * DAY }, waitsOf(2, 0), NOW)).toBe(true);
    expect(waitOver({ d: NOW - 1 * DAY }, waitsOf(2, 0), NOW)).toBe(false);
  });

  it('never waits when recontact_days is 0', () => {
    expect(waitOver({ a: NOW, d: NOW }, waitsOf(0, 0), NOW)).toBe(true);
  });

  it("waits the site's cooldown after an answer or a showing of any survey, when it is longer", () => {
    // Recontact 0 (the survey itself would ask again at once), cooldown 14 days.
    expect(waitOver({ a: NOW - 13 * DAY }, waitsOf(0, 14), NOW)).toBe(false);
    expect(waitOver({ a: NOW - 14 * DAY }, waitsOf(0, 14), NOW)).toBe(true);
    expect(waitOver({ d: NOW - 13 * DAY }, waitsOf(30, 14), NOW)).toBe(false);
    expect(waitOver({ d: NOW - 14 * DAY }, waitsOf(30, 14), NOW)).toBe(true);
    // A shorter cooldown changes nothing: recontact_days still counts after an answer.
    expect(waitOver({ a: NOW - 20 * DAY }, waitsOf(30, 7), NOW)).toBe(false);
  });
});

describe('due', () => {
  const state = { v: 'visitor-1' };
  it('arms automatic surveys on matching paths', () => {
    expect(due(survey(), state, '/', NOW)).toBe(true);
    expect(due(survey({ trigger: { paths: ['/checkout*'] } }), state, '/home', NOW)).toBe(false);
  });

  it('never arms a manual survey (only cx("show") opens it)', () => {
    expect(due(survey({ trigger: { on: 'manual' } }), state, '/', NOW)).toBe(false);
  });

  it('leaves out visitors outside the sample, and everyone at 0 %', () => {
    expect(due(survey({ sample_pct: 0 }), state, '/', NOW)).toBe(false);
    const place = sampleBucket('visitor-1', 'srv_1');
    expect(due(survey({ sample_pct: place }), state, '/', NOW)).toBe(false);
    expect(due(survey({ sample_pct: place + 0.01 }), state, '/', NOW)).toBe(true);
  });

  it('holds back within the recontact wait', () => {
    expect(due(survey(), { ...state, a: NOW - DAY }, '/', NOW)).toBe(false);
  });
});
