/**
 * The cheaper answers' migration changes the rollup layout (per-dimension
 * rows at three grains → visitor rows at days and hours). On a database
 * migrated step by step up to it, every migration before it applied, with
 * answers written by the old triggers and exposure counts by the old flush,
 * every answer stays counted exactly, every exposure count stays under its
 * own dimension, and scores grouped any way equal a recount. What the
 * migrations before it made (links minted, value slots, webhooks and their
 * deliveries, touchpoint labels, the other triggers on the answers) comes
 * through unchanged and still works.
 */
import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { VISITOR_FIELDS } from '../../shared/rollups';
import { bucketEdges } from '../../shared/time';
import { countLinkMints } from '../../worker/db/link-mints';
import { readRollups } from '../../worker/db/rollups';
import { computeScores, planScores, type ScoresRequest } from '../../worker/scores/compute';
import { assertRollupsMatchRaw, recount, recountGroups, type RawAnswer } from '../invariants/store';

const T0 = Date.parse('2026-03-01T00:00:00Z');
const MINUTE = 60_000;

interface OldEvent {
  at: number;
  touchpoint: string;
  locale: string;
  country: string;
  device: string;
  shown: number;
  dismissed: number;
}

/** An exposure count as the flush before this migration wrote it: every grain × (total, locale, country, device). */
function oldEventStatement(db: D1Database, e: OldEvent): D1PreparedStatement {
  const seconds = Math.floor(e.at / 1000);
  return db
    .prepare(
      `INSERT INTO rollups (survey, grain, dim, start, touchpoint, channel, value, shown, dismissed)
       SELECT 'sv_old', g.grain, d.dim, ?1 - ?1 % g.grain, ?2, 'web', d.value, ?6, ?7
         FROM (SELECT 86400 AS grain UNION ALL SELECT 3600 UNION ALL SELECT 900) AS g
        CROSS JOIN (SELECT '' AS dim, '' AS value UNION ALL SELECT 'locale', ?3 UNION ALL SELECT 'country', ?4 UNION ALL SELECT 'device', ?5) AS d
        WHERE true
       ON CONFLICT (survey, grain, dim, start, touchpoint, channel, value) DO UPDATE SET
         shown = shown + excluded.shown, dismissed = dismissed + excluded.dismissed`,
    )
    .bind(seconds, e.touchpoint, e.locale, e.country, e.device, e.shown, e.dismissed);
}

/** Exposure counts per (grain, start, touchpoint, dimension, value): from old per-dimension rows, or from visitor rows. */
async function exposureByDimension(db: D1Database, layout: 'old' | 'visitor'): Promise<Map<string, string>> {
  const counts = new Map<string, string>();
  for (const [i, field] of VISITOR_FIELDS.entries()) {
    const sql =
      layout === 'old'
        ? `SELECT grain, start, touchpoint, value, SUM(shown) AS shown, SUM(dismissed) AS dismissed FROM rollups
            WHERE dim = ?1 AND (shown != 0 OR dismissed != 0) GROUP BY 1, 2, 3, 4`
        : `SELECT grain, start, touchpoint, json_extract(value, '$[${i}]') AS value, SUM(shown) AS shown, SUM(dismissed) AS dismissed FROM rollups
            WHERE dim = 'visitor' AND ?1 = ?1 AND json_extract(value, '$[${i}]') IS NOT NULL AND (shown != 0 OR dismissed != 0) GROUP BY 1, 2, 3, 4`;
    const { results } = await db.prepare(sql).bind(field).all<{ grain: number; start: number; touchpoint: string; value: string; shown: number; dismissed: number }>();
    for (const r of results) counts.set(`${field}:${r.grain}:${r.start}:${r.touchpoint}:${r.value}`, `${r.shown}/${r.dismissed}`);
  }
  return counts;
}

async function totalRows(db: D1Database): Promise<string[]> {
  const { results } = await db.prepare("SELECT * FROM rollups WHERE dim = '' ORDER BY grain, start, touchpoint, channel").all();
  return results.map((r) => JSON.stringify(r));
}

/** What the migrations before this one made, which it must leave as it is: their tables, and every trigger but the rollups'. */
async function untouched(db: D1Database): Promise<Record<string, unknown[]>> {
  const all = async (sql: string) => (await db.prepare(sql).all()).results;
  return {
    responses: await all('SELECT * FROM responses ORDER BY id'),
    sites: await all('SELECT * FROM sites ORDER BY key'),
    site_values: await all('SELECT * FROM site_values ORDER BY site, dim, value'),
    link_mints: await all('SELECT * FROM link_mints ORDER BY survey, channel, grain, start, touchpoint'),
    webhooks: await all('SELECT * FROM webhooks ORDER BY id'),
    webhook_deliveries: await all('SELECT * FROM webhook_deliveries ORDER BY id'),
    triggers: await all("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND name NOT LIKE 'responses_rollup_%' ORDER BY name"),
  };
}

describe('the cheaper answers migration', () => {
  it('keeps every answer counted exactly, every exposure count under its own dimension, and what the migrations before it made', async () => {
    const db = env.MIGRATION_DB;
    // Found by its name: it runs after every migration numbered before it, as on a deployed database.
    const cheaper = env.TEST_MIGRATIONS.filter((m) => m.name.endsWith('_cheaper_answers.sql'));
    expect(cheaper).toHaveLength(1);
    const before = env.TEST_MIGRATIONS.filter((m) => m.name < cheaper[0]!.name);
    expect(before.map((m) => m.name.slice(0, 4))).toEqual(expect.arrayContaining(['0007', '0008', '0009', '0012', '0014']));
    await applyD1Migrations(db, before);

    await db.batch([
      db.prepare("INSERT INTO sites (key, name, origins, created_at, touchpoint_labels) VALUES ('old', 'Old shop', '[]', ?, ?)")
        .bind(T0, JSON.stringify({ checkout: { en: 'Checkout', fa: 'پرداخت' } })),
      db.prepare("INSERT INTO surveys (id, site, kind, definition, active, created_at, updated_at) VALUES ('sv_old', 'old', 'nps', '{}', 1, ?, ?)").bind(T0, T0),
      // A webhook before the answers: the outbox trigger writes their deliveries.
      db.prepare(
        `INSERT INTO webhooks (id, site, url, secret, events, format, active, created_at, updated_at)
         VALUES ('wh_old', 'old', 'https://hooks.example/cx', 'whsec_c2VjcmV0', '["response.created","response.completed"]', 'standard', 1, ?, ?)`,
      ).bind(T0, T0),
      countLinkMints(db, { survey: 'sv_old', channel: 'email', at: T0 + 90 * MINUTE, touchpoints: ['delivery', 'delivery', undefined] }),
      countLinkMints(db, { survey: 'sv_old', channel: 'qr', at: T0 + 3 * 86_400_000 + 7 * MINUTE, touchpoints: ['checkout'] }),
    ]);
    // Three weeks of answers, 37 minutes apart (so every quarter hour of a half-hour zone's day sees some), in every channel.
    const insert = db.prepare(
      `INSERT INTO responses (id, site, survey, kind, score, touchpoint, locale, country, device, created_at, channel)
       VALUES (?, 'old', 'sv_old', 'nps', ?, ?, ?, ?, ?, ?, ?)`,
    );
    const answers = Array.from({ length: 800 }, (_, i) => ({
      score: (i * 7) % 11, touchpoint: ['', 'checkout', 'support'][i % 3]!, locale: ['', 'fa', 'ar', 'en'][i % 4]!, country: ['', 'IR', 'DE'][(i >> 1) % 3]!,
      device: ['desktop', 'mobile', 'tablet'][(i >> 2) % 3]!, at: T0 + i * 37 * MINUTE, channel: ['web', 'web', 'email', 'qr'][i % 4]!,
    }));
    const statements = answers.map((a) => insert.bind(crypto.randomUUID(), a.score, a.touchpoint, a.locale, a.country, a.device, a.at, a.channel));
    for (let i = 0; i < statements.length; i += 100) await db.batch(statements.slice(i, i + 100));
    // Exposure counts of quarter hours spread over the same weeks.
    const events: OldEvent[] = Array.from({ length: 120 }, (_, i) => ({
      at: T0 + Math.floor((i * 251 * MINUTE) / 900_000) * 900_000, touchpoint: ['checkout', ''][i % 2]!, locale: ['fa', 'en', ''][i % 3]!,
      country: ['IR', 'DE', ''][(i >> 2) % 3]!, device: ['mobile', 'desktop'][(i >> 1) % 2]!, shown: 1 + (i % 4), dismissed: i % 2,
    }));
    await db.batch(events.map((e) => oldEventStatement(db, e)));
    // A survey's rows emptied by erasure stay as zeros: they carry nothing over.
    await db.prepare("DELETE FROM responses WHERE rowid IN (SELECT rowid FROM responses ORDER BY rowid LIMIT 20)").run();
    answers.splice(0, 20);

    const totalsBefore = await totalRows(db);
    const exposureBefore = await exposureByDimension(db, 'old');
    expect(exposureBefore.size).toBeGreaterThan(100);
    const kept = await untouched(db);
    expect(kept.webhook_deliveries).toHaveLength(2 * 800);
    expect(kept.link_mints).toHaveLength((2 + 1) * 3);
    expect(kept.site_values).not.toHaveLength(0);

    // This migration, and none after it: those make tables and triggers of their own (0016, follow-up cases).
    await applyD1Migrations(db, env.TEST_MIGRATIONS.filter((m) => m.name <= cheaper[0]!.name));

    expect(await db.prepare("SELECT COUNT(*) AS n FROM rollups WHERE dim NOT IN ('', 'visitor')").first()).toEqual({ n: 0 });
    expect(await totalRows(db)).toEqual(totalsBefore);
    expect(await exposureByDimension(db, 'visitor')).toEqual(exposureBefore);
    expect(await untouched(db)).toEqual(kept);
    await assertRollupsMatchRaw(db);

    // Scores from the migrated rows, through the Worker's own plan, read and computation, equal a recount.
    const raw: RawAnswer[] = answers.map((a) => ({ ...a, created_at: a.at }));
    for (const tz of ['UTC', 'Asia/Tehran', 'Asia/Kathmandu']) {
      const from = T0 + 86_400_000 - 3 * 3_600_000 - 30 * MINUTE;
      const to = T0 + 15 * 86_400_000 + 45 * MINUTE;
      const edges = bucketEdges(tz, 'day', from, to, 100);
      const inRange = raw.filter((a) => a.created_at >= from && a.created_at < to);
      const eventsInRange = events.filter((e) => e.at >= from && e.at < to);
      const exposure = (list: OldEvent[]) => ({ shown: list.reduce((n, e) => n + e.shown, 0), dismissed: list.reduce((n, e) => n + e.dismissed, 0) });
      for (const groupBy of ['locale', 'country', 'device', 'touchpoint', 'channel'] as const) {
        const request: ScoresRequest = { site: 'old', kind: 'nps', surveys: ['sv_old'], tz, interval: 'day', calendar: 'gregory', edges, groupBy };
        const plan = planScores(request);
        const result = computeScores(request, plan, await readRollups(db, plan.reads, plan.sliverReads));
        const keyOf = (e: OldEvent) => (groupBy === 'channel' ? 'web' : e[groupBy]);
        const want = recountGroups('nps', inRange, groupBy, (key) => exposure(eventsInRange.filter((e) => keyOf(e) === key)), eventsInRange.map(keyOf));
        expect(new Map(result.groups!.map(({ key, ...m }) => [key, m])), `${tz} by ${groupBy}`).toEqual(want);
        expect(result.total, `${tz} total`).toEqual(recount('nps', inRange, exposure(eventsInRange)));
      }
    }

    // The new triggers: an answer in, then out again, and the rollups still equal the answers.
    await db
      .prepare(
        `INSERT INTO responses (id, site, survey, kind, score, touchpoint, locale, country, device, created_at, channel)
         VALUES ('new-answer', 'old', 'sv_old', 'nps', 3, 'delivery', 'fa', 'IR', 'mobile', ?, 'sms')`,
      )
      .bind(T0 + 5 * MINUTE)
      .run();
    expect(await db.prepare("SELECT COUNT(*) AS n FROM rollups WHERE channel = 'sms' AND h3 = 1").first()).toEqual({ n: 5 });
    await assertRollupsMatchRaw(db);
    // The triggers of the migrations before it still fire: the outbox's two deliveries, the new touchpoint's value slot.
    expect(await db.prepare("SELECT event FROM webhook_deliveries WHERE response = 'new-answer' ORDER BY event").all().then((r) => r.results)).toEqual([
      { event: 'response.completed' },
      { event: 'response.created' },
    ]);
    expect(await db.prepare("SELECT source FROM site_values WHERE site = 'old' AND dim = 'touchpoint' AND value = 'delivery'").first()).toEqual({ source: 'link' });
    await db.prepare("DELETE FROM responses WHERE id = 'new-answer'").run();
    await assertRollupsMatchRaw(db);
  });
});
