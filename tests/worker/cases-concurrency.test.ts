/**
 * Twenty changes of one case at once (docs/contract.md §13), generated:
 * every change accepted is in the history once, the version grows by
 * exactly one per accepted change, a change made on a stale version
 * (If-Match) is refused with 412 and leaves no trace, and nothing is lost.
 */
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CASE_STATUSES } from '../../shared/schemas/case';
import { ADMIN_TOKEN, asAdmin, call, createSite, createSurvey, postResponse, json, type TestSite } from './helpers';

let site: TestSite;
let survey: string;
const members: string[] = [];

beforeAll(async () => {
  site = await createSite();
  survey = await createSurvey(site.site, 'nps');
  for (const name of ['mina', 'reza']) {
    const email = `${name}.${crypto.randomUUID().slice(0, 6)}@example.com`;
    expect((await asAdmin('PUT', `/v1/admin/members/${email}`, { role: 'analyst', sites: [site.site] })).status).toBe(200);
    members.push(email);
  }
});

interface History {
  version: number;
  tags?: string[];
}

const change = fc.record({
  status: fc.option(fc.constantFrom(...CASE_STATUSES), { nil: undefined }),
  /** Unassign, or one of the two members (by index). */
  assignee: fc.option(fc.constantFrom<null | 0 | 1>(null, 0, 1), { nil: undefined }),
  /** None, the version every change starts from (only one such can win), or one long gone. */
  ifMatch: fc.constantFrom<'none' | 'first' | 'stale'>('none', 'first', 'stale'),
});

describe('20 concurrent PATCHes of one case', () => {
  it('each accepted change is in the history once, the version +1 per accepted change; 412s leave nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 20, maxLength: 20 }), async (changes) => {
        const id = crypto.randomUUID();
        expect((await postResponse({ id, site: site.site, survey, score: 0 })).status).toBe(201);
        // One change first, so that a stale version exists.
        expect((await asAdmin('PATCH', `/v1/sites/${site.site}/cases/${id}`, { tags: ['start'] })).status).toBe(200);
        const results = await Promise.all(
          changes.map((c, i) => {
            const body: Record<string, unknown> = { tags: [`p${i}`] };
            if (c.status !== undefined) body.status = c.status;
            if (c.assignee !== undefined) body.assignee = c.assignee === null ? null : members[c.assignee];
            const headers: Record<string, string> = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
            if (c.ifMatch === 'first') headers['if-match'] = '"2"';
            if (c.ifMatch === 'stale') headers['if-match'] = '"1"';
            return call(`/v1/sites/${site.site}/cases/${id}`, { method: 'PATCH', headers, body: JSON.stringify(body) }).then((r) => r.status);
          }),
        );
        for (const status of results) expect([200, 412]).toContain(status);
        const accepted = results.flatMap((status, i) => (status === 200 ? [i] : []));
        changes.forEach((c, i) => {
          if (c.ifMatch === 'stale') expect(results[i]).toBe(412);
          if (c.ifMatch === 'none') expect(results[i]).toBe(200);
        });
        expect(accepted.filter((i) => changes[i]!.ifMatch === 'first').length).toBeLessThanOrEqual(1);

        const found = await json<{ version: number; tags: string[]; history: History[] }>(await asAdmin('GET', `/v1/sites/${site.site}/cases/${id}`));
        expect(found.version).toBe(2 + accepted.length);
        expect(found.history.map((h) => h.version)).toEqual(Array.from({ length: found.version }, (_, i) => i + 1));
        const tagged = found.history.slice(2).map((h) => h.tags?.[0]);
        expect([...tagged].sort()).toEqual(accepted.map((i) => `p${i}`).sort());
        // The case ends as the last accepted change left it.
        expect(found.tags).toEqual(found.history[found.history.length - 1]!.tags);
        const audited = await env.DB.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE target = ? AND action = 'case.updated'").bind(id).first<{ n: number }>();
        expect(audited!.n).toBe(1 + accepted.length);
      }),
      { numRuns: 6 },
    );
  }, 120_000);
});
