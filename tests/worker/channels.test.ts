/**
 * The channel of an answer (web, email, sms, qr, link): the migration that
 * adds it keeps every row and rollup, and scores filtered or grouped by
 * channel equal a recount of the raw rows.
 */
import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { KINDS, type Kind, scaleScores } from '../../shared/kinds';
import { CHANNELS } from '../../shared/schemas/channel';
import { GROUP_BYS } from '../../shared/schemas/scores';
import { call, createSite, createSurvey, eventually, json, postJson, postResponse, scoresJson, seedResponses, type ScoresBody } from './helpers';
import { assertRollupsMatchRaw, rawAnswers, recount, recountGroups } from '../invariants/store';

const HOUR = 3_600_000;

/** Every row of a table, as JSON text, in a stable order. */
async function tableRows(db: D1Database, table: string): Promise<string[]> {
  const { results } = await db.prepare(`SELECT * FROM ${table}`).all<Record<string, unknown>>();
  return results.map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).sort(([a], [b]) => a.localeCompare(b))))).sort();
}

/** Rows of a table with one more column, as they must read after the migration. */
function withColumn(rows: string[], column: string, value: unknown): string[] {
  return rows
    .map((text) => {
      const row = { ...(JSON.parse(text) as Record<string, unknown>), [column]: value };
      return JSON.stringify(Object.fromEntries(Object.entries(row).sort(([a], [b]) => a.localeCompare(b))));
    })
    .sort();
}

describe('migration 0005: channels', () => {
  it('keeps every response and rollup row, as channel web, equal to a recount', async () => {
    const db = env.MIGRATION_DB;
    const before = env.TEST_MIGRATIONS.filter((m) => m.name < '0005');
    const channels = env.TEST_MIGRATIONS.filter((m) => m.name.startsWith('0005_'));
    expect(channels).toHaveLength(1);
    await applyD1Migrations(db, before);

    // A history written under the old schema: answers through its triggers, exposure counts straight into rollups.
    const t0 = Date.parse('2026-03-01T00:00:00Z');
    await db.batch([
      db.prepare("INSERT INTO sites (key, name, origins, created_at) VALUES ('old', 'Old shop', '[]', ?)").bind(t0),
      db.prepare("INSERT INTO surveys (id, site, kind, definition, active, created_at, updated_at) VALUES ('sv_old', 'old', 'nps', '{}', 1, ?, ?)").bind(t0, t0),
    ]);
    const insert = db.prepare(
      `INSERT INTO responses (id, site, survey, kind, score, touchpoint, locale, country, device, created_at)
       VALUES (?, 'old', 'sv_old', 'nps', ?, ?, ?, ?, ?, ?)`,
    );
    const statements = Array.from({ length: 400 }, (_, i) =>
      insert.bind(crypto.randomUUID(), i % 11, ['', 'checkout', 'support'][i % 3]!, ['', 'fa', 'ar', 'en'][i % 4]!, ['', 'IR', 'DE'][i % 3]!, ['desktop', 'mobile'][i % 2]!, t0 + i * 7 * 60_000),
    );
    for (let i = 0; i < statements.length; i += 100) await db.batch(statements.slice(i, i + 100));
    await db
      .prepare(
        `INSERT INTO rollups (survey, grain, dim, start, touchpoint, value, shown, dismissed)
         VALUES ('sv_old', 86400, '', ?1, 'checkout', '', 40, 9), ('sv_old', 900, 'locale', ?1 + 86400, '', 'fa', 7, 1)
         ON CONFLICT (survey, grain, dim, start, touchpoint, value) DO UPDATE SET shown = excluded.shown, dismissed = excluded.dismissed`,
      )
      .bind(t0 / 1000)
      .run();
    const responses = await tableRows(db, 'responses');
    const rollups = await tableRows(db, 'rollups');
    expect(responses).toHaveLength(400);

    // This migration's own effect; the cheaper answers' migration changes the rollup layout again (tests/worker/migration-cheaper-answers.test.ts).
    const cheaper = env.TEST_MIGRATIONS.find((m) => m.name.endsWith('_cheaper_answers.sql'))!.name;
    await applyD1Migrations(db, env.TEST_MIGRATIONS.filter((m) => m.name < cheaper));

    // Later migrations add columns of their own: the reasons (0013), none for these answers.
    expect(await tableRows(db, 'responses')).toEqual(withColumn(withColumn(responses, 'channel', 'web'), 'reasons', null));
    expect(await tableRows(db, 'rollups')).toEqual(withColumn(rollups, 'channel', 'web'));

    // The new triggers key rows by the answer's channel, and take an erased answer out again.
    await db
      .prepare(
        `INSERT INTO responses (id, site, survey, kind, score, touchpoint, locale, country, device, created_at, channel)
         VALUES ('email-answer', 'old', 'sv_old', 'nps', 3, 'delivery', 'fa', 'IR', 'mobile', ?, 'email')`,
      )
      .bind(t0)
      .run();
    const emailRows = await db.prepare("SELECT COUNT(*) AS n FROM rollups WHERE channel = 'email' AND h3 = 1").first<{ n: number }>();
    // One row per grain and dimension: 3 × 4.
    expect(emailRows?.n).toBe(12);
    await db.prepare("DELETE FROM responses WHERE id = 'email-answer'").run();
    expect(await db.prepare("SELECT COUNT(*) AS n FROM rollups WHERE channel = 'email' AND h3 != 0").first<{ n: number }>()).toEqual({ n: 0 });

    // Nothing points at the table that was dropped.
    const { results: triggers } = await db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all<{ name: string; sql: string }>();
    expect(triggers.map((t) => t.name).filter((name) => name.startsWith('responses_rollup_')).sort()).toEqual(['responses_rollup_delete', 'responses_rollup_insert']);
    expect(triggers.find((t) => t.name === 'responses_rollup_insert')!.sql).toContain('NEW.channel');
    expect(triggers.find((t) => t.name === 'responses_rollup_delete')!.sql).toContain('OLD.channel');
    expect(await db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'rollups_by_channel'").first()).toEqual({ n: 0 });

    // The migrations after it keep every answer counted (in today's layout).
    await applyD1Migrations(db, env.TEST_MIGRATIONS);
    await assertRollupsMatchRaw(db);
  });
});

describe('scores by channel', () => {
  /** Answers of every kind over two days, in every channel, with events (which count under web). */
  async function history(): Promise<{ site: Awaited<ReturnType<typeof createSite>>; surveys: Record<Kind, string> }> {
    const site = await createSite();
    const surveys = {} as Record<Kind, string>;
    const now = Date.now();
    for (const kind of KINDS) {
      surveys[kind] = await createSurvey(site.site, kind);
      const scores = scaleScores(kind);
      await seedResponses(
        site.site,
        surveys[kind],
        kind,
        Array.from({ length: 240 }, (_, i) => ({
          score: scores[(i * 7) % scores.length]!,
          at: now - 47 * HOUR + ((i * 37) % 46) * HOUR,
          channel: CHANNELS[(i * 3) % CHANNELS.length]!,
          touchpoint: ['', 'checkout', 'delivery'][i % 3]!,
          locale: ['fa', 'en', ''][(i >> 1) % 3]!,
          country: ['IR', 'SA', ''][i % 3]!,
          device: ['desktop', 'mobile'][(i >> 2) % 2]!,
        })),
      );
      for (const type of ['shown', 'shown', 'dismissed'] as const) {
        expect((await postJson('/v1/events', { site: site.site, survey: surveys[kind], type, touchpoint: 'checkout', locale: 'fa' })).status).toBe(204);
      }
    }
    return { site, surveys };
  }

  it('filters and groups by channel, with every group_by, equal to a recount of raw rows', async () => {
    const { site } = await history();
    for (const kind of KINDS) {
      // Events are written shortly after their reply.
      await eventually(async () => expect((await scoresJson(site, { kind })).body.total.shown).toBe(2));
      const raw = await rawAnswers(env.DB, site.site, kind);
      const web = { shown: 2, dismissed: 1 };
      const none = { shown: 0, dismissed: 0 };

      const byChannel = (await scoresJson(site, { kind, group_by: 'channel' })).body;
      expect(groupsOf(byChannel)).toEqual(recountGroups(kind, raw, 'channel', (key) => (key === 'web' ? web : none)));
      expect(byChannel.groups!.map((g) => g.key).sort()).toEqual([...CHANNELS].sort());
      // Only the widget shows surveys: link channels have answers but no exposure, hence no response rate.
      expect(byChannel.groups!.find((g) => g.key === 'email')).toMatchObject({ shown: 0, response_rate: null });

      for (const channel of CHANNELS) {
        const mine = raw.filter((r) => r.channel === channel);
        // A link channel's rate is over links sent (none were minted here): the basis says so.
        const exposure = channel === 'web' ? web : { ...none, sent: 0 };
        const { body } = await scoresJson(site, { kind, channel });
        expect(body.channel).toBe(channel);
        expect(body.total, `${kind} ${channel}`).toEqual(recount(kind, mine, exposure));
        // Reasons have tests of their own (reason-scores.test.ts).
        for (const by of GROUP_BYS.filter((g) => g !== 'channel' && g !== 'reason')) {
          const grouped = (await scoresJson(site, { kind, channel, group_by: by })).body;
          const eventKey = { touchpoint: 'checkout', locale: 'fa', country: '', device: 'bot' }[by];
          // Links carry a touchpoint but no locale, country or device: only touchpoint groups have a count of links sent.
          const groupExposure = (key: string) => (channel === 'web' ? (key === eventKey ? web : none) : by === 'touchpoint' ? exposure : none);
          const want = recountGroups(kind, mine, by, groupExposure, channel === 'web' ? [eventKey] : []);
          expect(groupsOf(grouped), `${kind} ${channel} by ${by}`).toEqual(want);
        }
      }
    }
  }, 20_000); // about 80 scores queries, on a runner shared with other work

  it('a channel filter combines with touchpoint and a series in any zone', async () => {
    const { site, surveys } = await history();
    const raw = await rawAnswers(env.DB, site.site, 'nps');
    const day = (offset: number) => new Date(Date.now() + offset * 24 * HOUR).toISOString().slice(0, 10);
    const { body } = await scoresJson(site, { survey: surveys.nps, channel: 'sms', touchpoint: 'delivery', interval: 'day', tz: 'Asia/Tehran', from: day(-3), to: day(2) });
    const edges = [...body.series!.map((b) => Date.parse(b.start)), Date.parse(body.to)];
    const mine = raw.filter((r) => r.channel === 'sms' && r.touchpoint === 'delivery');
    expect(mine.length).toBeGreaterThan(0);
    for (const [i, bucket] of body.series!.entries()) {
      const { start: _start, label: _label, ...metrics } = bucket;
      expect(metrics).toEqual(recount('nps', mine.filter((r) => r.created_at >= edges[i]! && r.created_at < edges[i + 1]!), { shown: 0, dismissed: 0, sent: 0 }));
    }
    expect(body.total).toEqual(recount('nps', mine, { shown: 0, dismissed: 0, sent: 0 }));
  });

  it('the widget cannot set a channel: its answers are web', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const refused = await postResponse({ site: site.site, survey, score: 9, channel: 'email' });
    expect(refused.status).toBe(400);
    expect((await json<{ error: { issues: { path: string }[] } }>(refused)).error.issues.map((i) => i.path)).toEqual(['channel']);
    expect((await postResponse({ site: site.site, survey, score: 9 })).status).toBe(201);
    const row = await env.DB.prepare('SELECT channel FROM responses WHERE site = ?').bind(site.site).first();
    expect(row).toEqual({ channel: 'web' });
  });
});

describe('export by channel', () => {
  it('carries the channel column and filters on it, in NDJSON and CSV', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'csat');
    const t0 = Date.parse('2026-04-01T00:00:00Z');
    await seedResponses(site.site, survey, 'csat', CHANNELS.map((channel, i) => ({ score: 1 + i, at: t0 + i * 1000, channel })));
    const get = (query: string) => call(`/v1/sites/${site.site}/responses?${query}`, { headers: { authorization: `Bearer ${site.readKey}` } });
    const all = (await (await get('')).text()).trim().split('\n').map((line) => JSON.parse(line) as { channel: string; score: number });
    expect(all.map((r) => [r.channel, r.score])).toEqual(CHANNELS.map((channel, i) => [channel, 1 + i]));
    const qr = (await (await get('channel=qr')).text()).trim().split('\n').map((line) => JSON.parse(line) as { channel: string });
    expect(qr.map((r) => r.channel)).toEqual(['qr']);
    const csv = (await (await get('channel=sms&format=csv')).text()).trim().split('\r\n');
    // Channel, then the reasons (none here).
    expect(csv[0]!.split(',').slice(-2)).toEqual(['channel', 'reasons']);
    expect(csv.slice(1).map((line) => line.split(',').slice(-2))).toEqual([['sms', '']]);
  });
});

function groupsOf(body: ScoresBody): Map<string | null, unknown> {
  return new Map(body.groups!.map(({ key, ...metrics }) => [key, metrics]));
}
