import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, json } from './helpers';
import { changedTables, storeFingerprint } from '../invariants/store';

describe('GET /healthz', () => {
  it('answers {"ok":true} once the database answers', async () => {
    const res = await call('/healthz');
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ ok: true });
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await call('/nope');
    expect(res.status).toBe(404);
    expect(await json(res)).toMatchObject({ error: { code: 'not_found' } });
  });
});

describe('GET /v1/openapi.json', () => {
  it('serves the generated OpenAPI document', async () => {
    const res = await call('/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = await json<{ openapi: string; paths: Record<string, unknown> }>(res);
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/v1/sites/{site}/scores');
  });
});

describe('POST /v1/noop (the yardstick of npm run bench)', () => {
  it('answers 204 to anything and writes nothing', async () => {
    const before = await storeFingerprint(env.DB);
    const res = await call('/v1/noop', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"not": "read"' });
    expect(res.status).toBe(204);
    expect(changedTables(before, await storeFingerprint(env.DB))).toEqual([]);
  });
});
