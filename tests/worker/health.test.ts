import { describe, expect, it } from 'vitest';
import { call, json } from './helpers';

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
