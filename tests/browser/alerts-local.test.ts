/**
 * The local run (`wrangler dev`, where no Cron Trigger fires): an answer
 * that gets no comment is still sent as `response.completed` once the site's
 * complete_after_s has passed, by its queue message's delay alone; one that
 * gets its comment is sent at once. No browser: this project is where a
 * real `wrangler dev` runs. The receiver listens on 127.0.0.1 only.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, it } from 'vitest';
import { admin, collector, createSite, host } from './helpers';

interface Completed {
  at: number;
  type: string;
  data: { id: string; comment: string | null; user: string | null };
}

it('sends response.completed after complete_after_s without a comment, and at once with one, under wrangler dev', async () => {
  const received: Completed[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push({ at: Date.now(), ...(JSON.parse(body) as Omit<Completed, 'at'>) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { site } = await createSite();
    const { id: survey } = await admin<{ id: string }>('POST', `/v1/admin/sites/${site}/surveys`, { kind: 'nps', question: { en: 'Recommend us?' } });
    await admin('PATCH', `/v1/admin/sites/${site}`, { complete_after_s: 10 });
    await admin('POST', `/v1/admin/sites/${site}/webhooks`, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/cx`, events: ['response.completed'] });
    const post = (path: string, body: unknown) =>
      fetch(collector() + path, { method: 'POST', headers: { 'content-type': 'application/json', origin: host() }, body: JSON.stringify(body) });
    const silent = crypto.randomUUID();
    const talker = crypto.randomUUID();
    const start = Date.now();
    expect((await post('/v1/responses', { id: silent, site, survey, score: 2, user: 'u_silent' })).status).toBe(201);
    expect((await post('/v1/responses', { id: talker, site, survey, score: 3, user: 'u_talker' })).status).toBe(201);
    expect((await post(`/v1/responses/${talker}/comment`, { site, comment: 'The parcel never came' })).status).toBe(200);

    await expect.poll(() => received.map((r) => r.data.id), { timeout: 8_000 }).toEqual([talker]);
    expect(received[0]).toMatchObject({ type: 'response.completed', data: { comment: 'The parcel never came', user: 'u_talker' } });
    await expect.poll(() => received.length, { timeout: 20_000, interval: 250 }).toBe(2);
    expect(received[1]).toMatchObject({ type: 'response.completed', data: { id: silent, comment: null, user: 'u_silent' } });
    expect(received[1]!.at - start).toBeGreaterThanOrEqual(9_000);
    console.log(`[alerts] wrangler dev: completed with its comment after ${received[0]!.at - start} ms, without one after ${received[1]!.at - start} ms (complete_after_s 10)`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(received).toHaveLength(2);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}, 60_000);
