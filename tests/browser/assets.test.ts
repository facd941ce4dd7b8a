/**
 * The collector serves the built widget (wrangler dev honours dist/_headers
 * as Cloudflare does): w.js briefly cached, hashed chunks cached for good, both
 * readable cross-origin, because the UI chunk is loaded with import().
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collector, host } from './helpers';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));

describe('the widget files on the collector', () => {
  it('serves w.js with a short cache and CORS', async () => {
    const res = await fetch(`${collector()}/w.js`, { headers: { origin: host() } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('serves the hashed UI chunk as immutable, with CORS', async () => {
    const [chunk] = readdirSync(`${dist}assets`).filter((file) => file.endsWith('.js'));
    const res = await fetch(`${collector()}/assets/${chunk}`, { headers: { origin: host() } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('does not serve the _headers file itself', async () => {
    expect((await fetch(`${collector()}/_headers`)).status).toBe(404);
  });
});
