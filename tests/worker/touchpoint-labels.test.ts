/**
 * Touchpoints' names per built-in locale (docs/contract.md §17): set by the
 * admin with the site's PATCH, replaced whole, returned by the site's GET and
 * by the analyst's `/meta`; anything else refused with 400 naming it, and
 * nothing changed.
 */
import { describe, expect, it } from 'vitest';
import { TOUCHPOINT_LABEL_MAX } from '../../shared/schemas/site';
import { asAdmin, call, createSite, json } from './helpers';

const LABELS = {
  checkout: { en: 'Checkout', fa: 'پرداخت', ar: 'الدفع' },
  delivery: { fa: 'ارسال' },
};

async function meta(site: { site: string; readKey: string }): Promise<Record<string, unknown>> {
  const res = await call(`/v1/sites/${site.site}/meta`, { headers: { authorization: `Bearer ${site.readKey}` } });
  expect(res.status).toBe(200);
  return json(res);
}

describe('touchpoint labels', () => {
  it('are none until set; PATCH sets them, GET and /meta return them, a second PATCH replaces them whole', async () => {
    const site = await createSite();
    expect(await json(await asAdmin('GET', `/v1/admin/sites/${site.site}`))).toMatchObject({ touchpoint_labels: {} });
    expect(await meta(site)).toMatchObject({ touchpoint_labels: {} });

    const res = await asAdmin('PATCH', `/v1/admin/sites/${site.site}`, { touchpoint_labels: LABELS });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ touchpoint_labels: LABELS });
    expect(await json(await asAdmin('GET', `/v1/admin/sites/${site.site}`))).toMatchObject({ touchpoint_labels: LABELS });
    expect(await meta(site)).toMatchObject({ touchpoint_labels: LABELS });

    // Other fields leave them alone.
    await asAdmin('PATCH', `/v1/admin/sites/${site.site}`, { journey: ['checkout', 'delivery'] });
    expect(await meta(site)).toMatchObject({ touchpoint_labels: LABELS, journey: ['checkout', 'delivery'] });

    await asAdmin('PATCH', `/v1/admin/sites/${site.site}`, { touchpoint_labels: { support: { ar: '  الدعم ' } } });
    expect(await meta(site)).toMatchObject({ touchpoint_labels: { support: { ar: 'الدعم' } } });
    await asAdmin('PATCH', `/v1/admin/sites/${site.site}`, { touchpoint_labels: {} });
    expect(await meta(site)).toMatchObject({ touchpoint_labels: {} });
  });

  it('refuses what is not a label of a touchpoint with 400 naming it, and keeps the labels as they were', async () => {
    const site = await createSite();
    await asAdmin('PATCH', `/v1/admin/sites/${site.site}`, { touchpoint_labels: LABELS });
    const cases: [unknown, string][] = [
      [['checkout'], 'touchpoint_labels'],
      [{ 'Check Out': { en: 'x' } }, 'touchpoint_labels.Check Out'],
      [{ checkout: { de: 'Kasse' } }, 'touchpoint_labels.checkout.de'],
      [{ checkout: {} }, 'touchpoint_labels.checkout'],
      [{ checkout: { en: '   ' } }, 'touchpoint_labels.checkout.en'],
      [{ checkout: { fa: 'ب'.repeat(TOUCHPOINT_LABEL_MAX + 1) } }, 'touchpoint_labels.checkout.fa'],
      [{ checkout: 'Checkout' }, 'touchpoint_labels.checkout'],
      [Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`t${i}`, { en: 'x' }])), 'touchpoint_labels'],
    ];
    for (const [labels, path] of cases) {
      const res = await asAdmin('PATCH', `/v1/admin/sites/${site.site}`, { touchpoint_labels: labels });
      expect(res.status, JSON.stringify(labels).slice(0, 80)).toBe(400);
      const body = await json<{ error: { code: string; issues: { path: string }[] } }>(res);
      expect(body.error.code).toBe('invalid_body');
      expect(body.error.issues.map((i) => i.path), JSON.stringify(labels).slice(0, 80)).toContain(path);
    }
    expect(await meta(site)).toMatchObject({ touchpoint_labels: LABELS });
  });
});
