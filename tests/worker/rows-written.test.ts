/**
 * Rows written per answer and per exposure flush, as D1 bills them
 * (`meta.rows_written`: every table row and index entry written), through
 * the very functions the routes call. `npm run bench` runs this file and
 * reports the line it prints.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { rowsPerWrite } from '../../shared/rollups';
import { countEvents, markFlush, type StoredEvent } from '../../worker/db/events';
import { insertResponse, type StoredResponse } from '../../worker/db/responses';
import { createSite, createSurvey } from './helpers';
import { webhookToBox } from './webhook-helpers';

/** The database, summing the meta of every batch run through it. */
function metered(): { db: D1Database; written: () => number; read: () => number } {
  let written = 0;
  let read = 0;
  const db = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === 'batch') {
        return async (statements: D1PreparedStatement[]) => {
          const results = await target.batch(statements);
          for (const r of results) {
            written += r.meta.rows_written ?? 0;
            read += r.meta.rows_read ?? 0;
          }
          return results;
        };
      }
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db, written: () => written, read: () => read };
}

/**
 * What an answer writes besides its rollup rows: its row, the index entries
 * of its id (the primary key of a rowid table) and of (site, created_at, id),
 * and its hourly quota row. A user id adds the entry of (site, user), a
 * comment that of the comments feed.
 */
const ANSWER_ROW = 3;
const QUOTA_ROW = 1;
/** A touchpoint and locale registered in the site's values: new, or first seen that UTC day. */
const NEW_VALUES = 2;
/** A matching webhook's delivery row and its three index entries. */
const DELIVERY = 4;
/** The goal for a site without webhooks, a user id included. */
const GOAL = 10;

let site: string;
let survey: string;
/** One moment for every answer here, so that all fall on one UTC day unless told otherwise. */
const NOW = Date.now();

beforeAll(async () => {
  site = (await createSite()).site;
  survey = await createSurvey(site, 'nps');
});

function answer(fields: Partial<StoredResponse> = {}, siteKey = site, surveyId = survey): StoredResponse {
  return {
    id: crypto.randomUUID(), site: siteKey, survey: surveyId, kind: 'nps', score: 9, touchpoint: 'checkout', locale: 'fa',
    country: 'IR', device: 'mobile', createdAt: NOW, ...fields,
  };
}

/** Rows written and read by storing one answer, as POST /v1/responses does. */
async function store(r: StoredResponse): Promise<{ written: number; read: number }> {
  const m = metered();
  expect(await insertResponse(m.db, r, { quota: { client: `client-${crypto.randomUUID()}`, limit: 10 } })).toBe('stored');
  return { written: m.written(), read: m.read() };
}

/** Rows written and read by one flush of one coalesced exposure key, as the event coalescer writes it. */
async function flushOne(e: StoredEvent): Promise<{ written: number; read: number }> {
  const m = metered();
  await m.db.batch([markFlush(m.db, crypto.randomUUID(), Date.now()), ...countEvents(m.db, e, 3, 1)]);
  return { written: m.written(), read: m.read() };
}

describe('rows written', () => {
  it('per answer and per exposure flush, printed for npm run bench', async () => {
    // The site's touchpoint and locale are known after its first answer.
    const first = await store(answer());
    const plain = await store(answer());
    const withUser = await store(answer({ user: 'u_1' }));
    const withComment = await store(answer({ user: 'u_2', comment: 'Quick delivery' }));
    // The first answer of a UTC day on known values marks them seen that day, once.
    const nextDay = await store(answer({ createdAt: NOW + 86_400_000 }));
    const hooked = await createSite();
    const hookedSurvey = await createSurvey(hooked.site, 'nps');
    await store(answer({}, hooked.site, hookedSurvey));
    await webhookToBox(hooked.site);
    const withWebhook = await store(answer({}, hooked.site, hookedSurvey));
    const event: StoredEvent = { site, survey, type: 'shown', touchpoint: 'checkout', locale: 'fa', country: 'IR', device: 'mobile', at: NOW };
    const eventFlush = await flushOne(event);

    const figures = {
      answer: plain.written,
      answer_with_user: withUser.written,
      answer_with_user_and_comment: withComment.written,
      answer_bringing_new_values: first.written,
      answer_first_of_a_day: nextDay.written,
      answer_with_one_webhook: withWebhook.written,
      event_flush_per_key: eventFlush.written,
      rows_read_per_answer: plain.read,
    };
    console.log(`[rows-written] ${JSON.stringify(figures)}`);
    const answerRows = ANSWER_ROW + rowsPerWrite('answers') + QUOTA_ROW;
    expect(figures).toEqual({
      answer: answerRows,
      answer_with_user: answerRows + 1,
      answer_with_user_and_comment: answerRows + 2,
      answer_bringing_new_values: answerRows + NEW_VALUES,
      answer_first_of_a_day: answerRows + NEW_VALUES,
      answer_with_one_webhook: answerRows + DELIVERY,
      event_flush_per_key: 1 + rowsPerWrite('events'),
      rows_read_per_answer: plain.read,
    });
    expect(figures.answer_with_user).toBeLessThanOrEqual(GOAL);
  });
});
