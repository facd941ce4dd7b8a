/**
 * Demo answers for `npm run dev` (and the console's browser tests): a few
 * hundred answers over the 90 days before `now`, across the site's journey
 * (landing, signup, checkout, delivery, support), in en/fa/ar, for all three kinds, with comments in each
 * language, and "shown" events and links minted, so that response rates are real. The same
 * `now` day always gives the same data (a seeded generator).
 *
 * Rows are written by the Worker's own query functions into SQL text
 * (sql-recorder.ts): answers through `responses` (rollups follow by
 * trigger), exposure through the rollup counts as events are, links
 * minted as the mint route counts them.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kind } from '../../shared/kinds';
import type { Channel } from '../../shared/schemas/channel';
import { isLowScore, SCALES } from '../../shared/kinds';
import { countEvents } from '../db/events';
import { countLinkMints } from '../db/link-mints';
import { clearSiteAnswers } from '../db/reset';
import { addReasons, insertResponse } from '../db/responses';
import { updateSite } from '../db/sites';
import { HIGH, JOURNEY, LABELS, LOW, MID, type DemoLocale, type DemoTouchpoint, type Tone } from './demo-comments';
import { type DemoLowAnswer, workDemoCases } from './demo-cases';
import { sqlRecorder } from './sql-recorder';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const DEMO_DAYS = 90;
const SITE = 'demo';

/** mulberry32: small, seeded, good enough to scatter demo data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface SurveyPlan {
  id: string;
  kind: Kind;
  touchpoints: DemoTouchpoint[];
  /** Answers a day, on average. */
  perDay: number;
}

/** The demo survey that asks reasons (worker/seed/demo.sql). */
const REASONS_SURVEY = 'demo-nps';

const SURVEYS: SurveyPlan[] = [
  { id: 'demo-nps', kind: 'nps', touchpoints: [...JOURNEY], perDay: 6 },
  { id: 'demo-csat', kind: 'csat', touchpoints: ['checkout', 'delivery'], perDay: 1.5 },
  { id: 'demo-ces', kind: 'ces', touchpoints: ['signup', 'support'], perDay: 1.2 },
];

/**
 * Chance of a high and of a low answer at each touchpoint. Delivery is the
 * weak step; checkout gets better 40 days ago (a fix shipped), so the trend
 * and the period comparison have something to show.
 */
function odds(touchpoint: DemoTouchpoint, daysAgo: number): { high: number; low: number } {
  switch (touchpoint) {
    case 'landing':
      return { high: 0.55, low: 0.15 };
    case 'signup':
      return { high: 0.5, low: 0.2 };
    case 'checkout':
      return daysAgo > 40 ? { high: 0.35, low: 0.35 } : { high: 0.55, low: 0.15 };
    case 'delivery':
      return { high: 0.25, low: 0.5 };
    case 'support':
      return { high: 0.45, low: 0.25 };
  }
}

const LOCALES: [DemoLocale, number][] = [['en', 0.45], ['fa', 0.35], ['ar', 0.2]];
const COUNTRIES: Record<DemoLocale, [string, number][]> = {
  en: [['US', 0.5], ['GB', 0.25], ['DE', 0.15], ['', 0.1]],
  fa: [['IR', 0.8], ['DE', 0.1], ['CA', 0.1]],
  ar: [['EG', 0.4], ['SA', 0.35], ['AE', 0.25]],
};
/** After delivery and support, some customers answer from an email or a text message instead of the site. */
const CHANNELS: Record<DemoTouchpoint, [Channel, number][]> = {
  landing: [['web', 1]],
  signup: [['web', 1]],
  checkout: [['web', 0.9], ['qr', 0.1]],
  delivery: [['web', 0.5], ['email', 0.4], ['sms', 0.1]],
  support: [['web', 0.7], ['email', 0.3]],
};
const DEVICES: [string, number][] = [['mobile', 0.55], ['desktop', 0.4], ['tablet', 0.05]];
const PAGES: Record<DemoTouchpoint, string> = { landing: '/', signup: '/signup', checkout: '/checkout/done', delivery: '/orders/track', support: '/help' };

function weighted<T>(rand: () => number, options: [T, number][]): T {
  let x = rand();
  for (const [value, weight] of options) if ((x -= weight) < 0) return value;
  return options[options.length - 1]![0];
}

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;

/** A score in the band the odds chose, uniformly within it. */
function score(rand: () => number, kind: Kind, tone: Tone): number {
  const { min, max, lowMax, highMin } = SCALES[kind];
  const [lo, hi] = tone == 'low' ? [min, lowMax] : tone == 'high' ? [highMin, max] : [lowMax + 1, highMin - 1];
  // CSAT and CES have no middle band: a "mid" answer falls low or high.
  if (lo > hi) return score(rand, kind, rand() < 0.5 ? 'low' : 'high');
  return lo + Math.floor(rand() * (hi - lo + 1));
}

/** A v4-shaped UUID from the generator, so ids are stable for a given day. */
function uuid(rand: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '8';
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * The reasons of the demo's NPS answers given on the site (link pages ask
 * none), by tone: the slow delivery and the prices are what detractors name.
 */
const REASONS: Record<Tone, [string, number][]> = {
  low: [['delivery', 0.45], ['price', 0.3], ['support', 0.25]],
  mid: [['price', 0.5], ['delivery', 0.3], ['quality', 0.2]],
  high: [['quality', 0.5], ['ease', 0.3], ['support', 0.2]],
};
/** Of the answers asked, the share that tap a reason, and of those the share that tap a second. */
const REASON_SHARE = 0.7;
const SECOND_REASON_SHARE = 0.15;

/** The port `npm run dev` serves on by default; the demo site lists it, and the one a run uses. */
export const DEFAULT_PORT = 8787;

/** The demo site's origins: its pages on the local run's port (and the default one). */
export function demoOrigins(port: number): string[] {
  return [...new Set([DEFAULT_PORT, port])].flatMap((p) => [`http://localhost:${p}`, `http://127.0.0.1:${p}`]);
}

const CITIES: Record<DemoLocale, string[]> = { en: ['London', 'Berlin', 'Boston'], fa: ['تهران', 'اصفهان', 'شیراز'], ar: ['القاهرة', 'الرياض', 'دبي'] };

/** What a shop's page passes with an answer: the order after checkout and delivery, and the customer's city. */
function demoMeta(rand: () => number, touchpoint: DemoTouchpoint, locale: DemoLocale): Record<string, string> | undefined {
  if (touchpoint != 'checkout' && touchpoint != 'delivery') return undefined;
  return { order: `A-${10_000 + Math.floor(rand() * 90_000)}`, city: pick(rand, CITIES[locale]) };
}

/** SQL that replaces the demo site's answers and exposure counts with fresh ones ending at `now`. */
export async function demoAnswersSql(now: number, port = DEFAULT_PORT): Promise<string> {
  const { db, lines, add } = sqlRecorder();
  const today = Math.floor(now / DAY) * DAY;
  const rand = random(today / DAY);
  const linkRand = random(today / DAY + 0x5eed);
  // Reasons, order numbers and cities, each from a generator of its own (the answers stay those of earlier demos).
  const reasonRand = random(today / DAY + 0x2ea5);
  const metaRand = random(today / DAY + 0x3e7a);
  // The cases' own generator, so that the answers stay those of every earlier demo.
  const caseRand = random(today / DAY + 0xca5e);
  const lowAnswers: DemoLowAnswer[] = [];
  for (const statement of clearSiteAnswers(db, SITE)) add(statement);
  await updateSite(db, SITE, { journey: [...JOURNEY], origins: demoOrigins(port), touchpoint_labels: LABELS }, now, null);
  for (let daysAgo = DEMO_DAYS - 1; daysAgo >= 0; daysAgo--) {
    const dayStart = today - daysAgo * DAY;
    // Weekends are quieter; today only up to now.
    const weekday = new Date(dayStart).getUTCDay();
    const busy = weekday == 0 || weekday == 6 ? 0.6 : 1;
    const end = Math.min(dayStart + DAY, now);
    for (const survey of SURVEYS) {
      const count = Math.round(survey.perDay * busy * (0.5 + rand()));
      for (let i = 0; i < count; i++) {
        const at = dayStart + Math.floor(rand() * Math.max(1, end - dayStart - 60_000));
        const touchpoint = pick(rand, survey.touchpoints);
        const locale = weighted(rand, LOCALES);
        const { high, low } = odds(touchpoint, daysAgo);
        const roll = rand();
        const tone: Tone = roll < high ? 'high' : roll < high + low ? 'low' : 'mid';
        const value = score(rand, survey.kind, tone);
        const channel = weighted(rand, CHANNELS[touchpoint]);
        const country = weighted(rand, COUNTRIES[locale]);
        const device = weighted(rand, DEVICES);
        const comment =
          rand() < 0.75 ? (tone == 'low' ? pick(rand, LOW[locale][touchpoint]) : tone == 'mid' ? pick(rand, MID[locale]) : pick(rand, HIGH[locale])) : undefined;
        const id = uuid(rand);
        if (isLowScore(survey.kind, value)) lowAnswers.push({ id, at, locale });
        await insertResponse(
          db,
          {
          id,
          site: SITE,
          survey: survey.id,
          kind: survey.kind,
          score: value,
          comment,
          touchpoint,
          locale,
          page: PAGES[touchpoint],
          user: rand() < 0.4 ? `u_${1000 + Math.floor(rand() * 300)}` : undefined,
          meta: demoMeta(metaRand, touchpoint, locale),
          country,
          device,
            createdAt: at,
            channel,
          },
          // One generator, not a crowd of visitors: no hourly quota applies.
          { quota: null },
        );
        // A link answer (email, SMS, QR) stands for a few links minted earlier that day, counted as
        // the mint route counts them (response rates of 20–50 %), from a generator of their own so that
        // the answers stay those of every earlier demo.
        if (channel != 'web') {
          const links = 2 + Math.floor(linkRand() * 4);
          const mintedAt = Math.max(dayStart, at - Math.floor(linkRand() * 6 * HOUR));
          add(countLinkMints(db, { survey: survey.id, channel, at: mintedAt, touchpoints: Array<string>(links).fill(touchpoint) }));
          continue;
        }
        if (survey.id == REASONS_SURVEY && reasonRand() < REASON_SHARE) {
          const first = weighted(reasonRand, REASONS[tone]);
          const second = reasonRand() < SECOND_REASON_SHARE ? weighted(reasonRand, REASONS[tone]) : first;
          await addReasons(db, { id, site: SITE, reasons: second == first ? [first] : [first, second], now: at });
        }
        // A widget answer stands for a few showings of the survey (response rates of 15–50 %), some
        // closed unanswered.
        const shown = 2 + Math.floor(rand() * 5);
        const dismissed = Math.floor(rand() * (shown - 1) * 0.6);
        for (const statement of countEvents(db, { site: SITE, survey: survey.id, type: 'shown', touchpoint, locale, country, device, at }, shown, dismissed)) {
          add(statement);
        }
      }
    }
  }
  await workDemoCases(db, lowAnswers, now, caseRand);
  return lines.join('\n') + '\n';
}

/** The demo seed (site, surveys, read key) followed by fresh answers; the site lists the origins of `port` too. */
export async function demoSeedSql(now: number, port = DEFAULT_PORT): Promise<string> {
  const seed = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'demo.sql'), 'utf8');
  return `${seed.trimEnd()}\n${await demoAnswersSql(now, port)}`;
}
