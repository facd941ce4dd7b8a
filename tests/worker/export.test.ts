import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, createSite, createSurvey, json, postResponse, seedResponses, type TestSite } from './helpers';

function exportCall(site: TestSite, query: Record<string, string> | string): Promise<Response> {
  const qs = typeof query === 'string' ? query : new URLSearchParams(query).toString();
  return call(`/v1/sites/${site.site}/responses?${qs}`, { headers: { authorization: `Bearer ${site.readKey}` } });
}

function nextLink(res: Response): string | null {
  const link = res.headers.get('link');
  const match = link ? /^<([^>]+)>; rel="next"$/.exec(link) : null;
  return match ? match[1]! : null;
}

async function lines(res: Response): Promise<Record<string, unknown>[]> {
  const text = await res.text();
  return text === '' ? [] : text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('GET /v1/sites/{site}/responses', () => {
  it('streams NDJSON oldest first with every field', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const id = crypto.randomUUID();
    await postResponse({ id, site: site.site, survey, score: 7, comment: 'ok', touchpoint: 'checkout', locale: 'fa', page: '/a?b=c', user: 'u1', meta: { plan: 'pro' } });
    await seedResponses(site.site, survey, 'nps', [{ score: 3, at: Date.now() - 60_000 }]);
    const res = await exportCall(site, {});
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(res.headers.get('link')).toBeNull();
    const rows = await lines(res);
    expect(rows.map((r) => r.score)).toEqual([3, 7]);
    expect(rows[1]).toEqual({
      id, survey, kind: 'nps', score: 7, comment: 'ok', touchpoint: 'checkout', locale: 'fa', page: '/a', user: 'u1',
      meta: { plan: 'pro' }, country: null, device: 'bot', created_at: expect.stringMatching(/Z$/), commented_at: expect.stringMatching(/Z$/),
      channel: 'web',
      reasons: null,
    });
  });

  it('pages with a cursor in Link rel="next" until done, without gaps or repeats', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'csat');
    const t0 = Date.parse('2026-05-01T00:00:00Z');
    // Many share a timestamp: the cursor must order by (created_at, id).
    await seedResponses(site.site, survey, 'csat', Array.from({ length: 25 }, (_, i) => ({ score: 1 + (i % 5), at: t0 + Math.floor(i / 4) * 1000 })));
    const seen: string[] = [];
    let url: string | null = `/v1/sites/${site.site}/responses?limit=7`;
    let pages = 0;
    while (url) {
      const res = await call(url.replace('http://collector.test', ''), { headers: { authorization: `Bearer ${site.readKey}` } });
      expect(res.status).toBe(200);
      const rows = await lines(res);
      seen.push(...rows.map((r) => r.id as string));
      url = nextLink(res);
      pages++;
    }
    expect(pages).toBe(4);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    const ordered = await env.DB.prepare('SELECT id FROM responses WHERE site = ? ORDER BY created_at, id').bind(site.site).all<{ id: string }>();
    expect(seen).toEqual(ordered.results.map((r) => r.id));
  });

  it('filters by from, to, survey and kind', async () => {
    const site = await createSite();
    const nps = await createSurvey(site.site, 'nps');
    const ces = await createSurvey(site.site, 'ces');
    await seedResponses(site.site, nps, 'nps', [{ score: 1, at: Date.parse('2026-01-01T10:00:00Z') }, { score: 2, at: Date.parse('2026-02-01T10:00:00Z') }]);
    await seedResponses(site.site, ces, 'ces', [{ score: 6, at: Date.parse('2026-01-15T10:00:00Z') }]);
    const scoresOf = async (query: Record<string, string>) => (await lines(await exportCall(site, query))).map((r) => r.score);
    expect(await scoresOf({ from: '2026-01-01', to: '2026-02-01' })).toEqual([1, 6]);
    expect(await scoresOf({ kind: 'nps' })).toEqual([1, 2]);
    expect(await scoresOf({ survey: ces })).toEqual([6]);
    expect(await scoresOf({ from: '2026-01-01T11:00:00Z' })).toEqual([6, 2]);
  });

  it('CSV: a header, RFC 4180 quoting, and formula cells neutralised', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const comments = ['=HYPERLINK("http://evil.example","click")', '+1 great', '-bad', '@SUM(A1)', '\tTab', 'comma, "quote"\nnewline', 'plain'];
    for (const [i, comment] of comments.entries()) {
      await seedResponses(site.site, survey, 'nps', [{ score: 5, at: Date.parse('2026-03-01T00:00:00Z') + i, comment }]);
    }
    const res = await exportCall(site, { format: 'csv' });
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const text = await res.text();
    const [header, ...rows] = text.split('\r\n');
    expect(header).toBe('id,survey,kind,score,comment,touchpoint,locale,page,user,meta,country,device,created_at,commented_at,channel,reasons');
    const commentCells = rows.filter((r) => r !== '').map((r) => r.split(',').slice(4).join(','));
    expect(commentCells[0]).toMatch(/^"'=HYPERLINK\(""http:\/\/evil.example"",""click""\)"/);
    expect(commentCells[1]).toMatch(/^'\+1 great,/);
    expect(commentCells[2]).toMatch(/^'-bad,/);
    expect(commentCells[3]).toMatch(/^'@SUM\(A1\),/);
    // A tab is a list separator to some spreadsheets, so a cell holding one is quoted too.
    expect(commentCells[4]).toMatch(/^"'\tTab",/);
    expect(text).toContain('"comma, ""quote""\nnewline"');
    expect(commentCells[6]).toMatch(/^plain,/);
  });

  it('refuses bad queries with 400 invalid_query naming the parameter', async () => {
    const site = await createSite();
    const cases: [string, string][] = [
      ['limit', 'limit=0'],
      ['limit', 'limit=10001'],
      ['limit', 'limit=ten'],
      ['cursor', 'cursor=abc'],
      ['cursor', 'cursor=***'],
      ['format', 'format=xlsx'],
      ['from', 'from=2026-02-30'],
      ['from', 'from=2026-02-01&to=2026-01-01'],
      ['kind', 'kind=stars'],
      ['channel', 'channel=fax'],
      ['foo', 'foo=1'],
    ];
    for (const [parameter, query] of cases) {
      const res = await exportCall(site, query);
      expect(res.status, query).toBe(400);
      const body = await json<{ error: { code: string; issues: { path: string }[] } }>(res);
      expect(body.error.code).toBe('invalid_query');
      expect(body.error.issues.map((i) => i.path), query).toContain(parameter);
    }
    expect((await exportCall(site, 'survey=sv_nope')).status).toBe(404);
    expect((await call(`/v1/sites/${site.site}/responses`)).status).toBe(401);
  });

  it('exports 100,000 responses in pages of 10,000, each exactly once', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const t0 = Date.parse('2025-06-01T00:00:00Z');
    await seedResponses(site.site, survey, 'nps', Array.from({ length: 100_000 }, (_, i) => ({ score: i % 11, at: t0 + i * 300, comment: i % 10 === 0 ? `comment ${i}` : undefined })));
    let url: string | null = `/v1/sites/${site.site}/responses?limit=10000`;
    let count = 0;
    let pages = 0;
    let previous = '';
    const ids = new Set<string>();
    while (url) {
      const res = await call(url.replace('http://collector.test', ''), { headers: { authorization: `Bearer ${site.readKey}` } });
      expect(res.status).toBe(200);
      const text = await res.text();
      for (const l of text.split('\n')) {
        if (l === '') continue;
        const row = JSON.parse(l) as { id: string; created_at: string };
        expect(row.created_at >= previous).toBe(true);
        previous = row.created_at;
        ids.add(row.id);
        count++;
      }
      url = nextLink(res);
      pages++;
    }
    expect(pages).toBe(10);
    expect(count).toBe(100_000);
    expect(ids.size).toBe(100_000);
  }, 120_000);
});

/** The body's bytes as UTF-8 text, keeping a byte-order mark (`Response.text()` drops it). */
async function rawText(res: Response): Promise<string> {
  return new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(await res.arrayBuffer());
}

describe('exports for spreadsheets and local calendars', () => {
  it('a CSV starts with a UTF-8 byte-order mark, on every page, unless bom=0; NDJSON never does', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    await seedResponses(site.site, survey, 'nps', [0, 1, 2].map((i) => ({ score: 9, at: Date.parse('2026-03-01T00:00:00Z') + i, comment: 'ارسال دیر رسید' })));
    const first = await exportCall(site, { format: 'csv', limit: '2' });
    const bytes = new Uint8Array(await first.clone().arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = await rawText(first);
    expect(text.startsWith('\uFEFFid,survey,')).toBe(true);
    expect(text).toContain('ارسال دیر رسید');
    const second = await call(nextLink(first)!.replace('http://collector.test', ''), { headers: { authorization: `Bearer ${site.readKey}` } });
    expect((await rawText(second)).startsWith('\uFEFFid,')).toBe(true);
    const bare = await rawText(await exportCall(site, { format: 'csv', bom: '0' }));
    expect(bare.startsWith('id,survey,')).toBe(true);
    expect((await rawText(await exportCall(site, { format: 'csv', bom: '1' }))).startsWith('\uFEFF')).toBe(true);
    expect((await rawText(await exportCall(site, {}))).startsWith('{')).toBe(true);
  });

  it('tz adds local_time and calendar adds local_date, after channel and reasons: 1 Aban 1405 begins at 20:30 UTC in Tehran', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    await seedResponses(site.site, survey, 'nps', [
      { score: 3, at: Date.parse('2026-10-22T20:29:59.500Z') },
      { score: 9, at: Date.parse('2026-10-22T20:30:00Z') },
    ]);
    const csv = (query: Record<string, string>) => exportCall(site, { format: 'csv', ...query }).then(rawText);
    const tehran = (await csv({ tz: 'Asia/Tehran', calendar: 'persian' })).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(tehran[0]).toBe('id,survey,kind,score,comment,touchpoint,locale,page,user,meta,country,device,created_at,commented_at,channel,reasons,local_time,local_date');
    expect(tehran.slice(1).map((line) => line.split(',').slice(-4))).toEqual([
      ['web', '', '2026-10-22T23:59:59', '1405-07-30'],
      ['web', '', '2026-10-23T00:00:00', '1405-08-01'],
    ]);
    // A calendar alone names the UTC day; a zone alone adds only the time.
    const utc = (await csv({ calendar: 'persian' })).trimEnd().split('\r\n');
    expect(utc[0]!.endsWith(',channel,reasons,local_date')).toBe(true);
    expect(utc.slice(1).map((line) => line.split(',').at(-1))).toEqual(['1405-07-30', '1405-07-30']);
    const timeOnly = (await csv({ tz: 'Asia/Kathmandu' })).trimEnd().split('\r\n');
    expect(timeOnly[0]!.endsWith(',channel,reasons,local_time')).toBe(true);
    expect(timeOnly.slice(1).map((line) => line.split(',').at(-1))).toEqual(['2026-10-23T02:14:59', '2026-10-23T02:15:00']);
    // NDJSON carries the same fields; in Riyadh's Umm al-Qura calendar these days are in 1448.
    const rows = await lines(await exportCall(site, { tz: 'Asia/Riyadh', calendar: 'islamic-umalqura' }));
    expect(rows.map((r) => [r.local_time, r.local_date])).toEqual([
      ['2026-10-22T23:29:59', expect.stringMatching(/^1448-\d{2}-\d{2}$/)],
      ['2026-10-22T23:30:00', expect.stringMatching(/^1448-\d{2}-\d{2}$/)],
    ]);
    expect((await lines(await exportCall(site, {})))[0]).not.toHaveProperty('local_time');
  });

  it('takes every feed filter: band (of the kind, or of every kind that has it), score range, comments, text', async () => {
    const site = await createSite();
    const nps = await createSurvey(site.site, 'nps');
    const csat = await createSurvey(site.site, 'csat');
    const ces = await createSurvey(site.site, 'ces');
    const t0 = Date.parse('2026-05-01T00:00:00Z');
    await seedResponses(site.site, nps, 'nps', Array.from({ length: 11 }, (_, score) => ({ score, at: t0 + score, comment: score % 2 ? 'the courier was late' : undefined })));
    await seedResponses(site.site, csat, 'csat', [1, 2, 3, 4, 5].map((score) => ({ score, at: t0 + 100 + score })));
    await seedResponses(site.site, ces, 'ces', [1, 2, 3, 4, 5, 6, 7].map((score) => ({ score, at: t0 + 200 + score })));
    const picked = async (query: Record<string, string>) => (await lines(await exportCall(site, query))).map((r) => `${r.kind as string}${r.score as number}`);
    expect(await picked({ kind: 'nps', band: 'detractor' })).toEqual(['nps0', 'nps1', 'nps2', 'nps3', 'nps4', 'nps5', 'nps6']);
    expect(await picked({ band: 'promoter' })).toEqual(['nps9', 'nps10']);
    expect(await picked({ band: 'low' })).toEqual(['csat1', 'csat2', 'csat3', 'ces1', 'ces2', 'ces3', 'ces4']);
    expect(await picked({ band: 'low', min_score: '4' })).toEqual(['ces4']);
    expect(await picked({ survey: ces, band: 'high' })).toEqual(['ces5', 'ces6', 'ces7']);
    expect(await picked({ kind: 'nps', band: 'detractor', min_score: '2', has_comment: 'true', q: 'COURIER' })).toEqual(['nps3', 'nps5']);
    expect(await picked({ kind: 'nps', has_comment: 'false', max_score: '4' })).toEqual(['nps0', 'nps2', 'nps4']);
    // The same filters, as CSV.
    const csv = (await rawText(await exportCall(site, { format: 'csv', kind: 'nps', band: 'passive' }))).trimEnd().split('\r\n');
    expect(csv.slice(1).map((line) => line.split(',')[3])).toEqual(['7', '8']);
  });

  it('refuses contradictory filters with 400 naming the parameter', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const cases: [string, Record<string, string>][] = [
      ['band', { kind: 'nps', band: 'promoter', max_score: '3' }],
      ['band', { band: 'promoter', max_score: '3' }],
      ['band', { kind: 'csat', band: 'detractor' }],
      ['band', { survey, band: 'low' }],
      ['band', { band: 'low', min_score: '5' }],
      ['band', { band: 'excellent' }],
      ['min_score', { min_score: '7', max_score: '3' }],
      ['min_score', { kind: 'csat', min_score: '6' }],
      ['max_score', { kind: 'ces', max_score: '0' }],
      ['q', { has_comment: 'false', q: 'late' }],
      ['kind', { survey, kind: 'csat' }],
      ['bom', { format: 'csv', bom: 'no' }],
      ['calendar', { calendar: 'julian' }],
      ['tz', { tz: 'Mars/Olympus' }],
      ['from', { from: '2026-13-01' }],
      ['to', { to: '1404-12-30' }],
    ];
    for (const [parameter, query] of cases) {
      const res = await exportCall(site, query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      const body = await json<{ error: { code: string; issues: { path: string }[] } }>(res);
      expect(body.error.code).toBe('invalid_query');
      expect(body.error.issues.map((i) => i.path), JSON.stringify(query)).toEqual([parameter]);
    }
  });
});
