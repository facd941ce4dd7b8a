/**
 * The widget's size budgets (gzip -9), on the real build: w.js, which every
 * page view pays, at most 1,536 bytes; w.js + the UI chunk(s) + a realistic
 * config (the demo site's, whose NPS survey asks reasons, as the collector
 * serves it to a visitor: in one locale, with the card's words) at most
 * 9,216 bytes, in the heaviest of en, fa and ar.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES } from '../../shared/locale';
import type { SurveyConfig } from '../../shared/schemas/survey';
import { localize } from '../../shared/survey-text';
import { buildWidget, gzipSize, type WidgetBuild } from '../../widget/build';

const LOADER_BUDGET = 1536;
const TOTAL_BUDGET = 9216;

/**
 * The demo site's config, shaped as GET /v1/sites/demo/config?locale=…
 * answers it: surveys by id, each `{ id, kind, ...definition }` without
 * `name` (worker/db/surveys.ts toConfig), narrowed to the locale
 * (shared/survey-text.ts localize, as the route does).
 */
function demoConfig(locale: string): string {
  const seed = readFileSync(fileURLToPath(new URL('../../worker/seed/demo.sql', import.meta.url)), 'utf8');
  const rows = [...seed.matchAll(/\('(demo-[\w-]+)', 'demo', '(\w+)', '(\{.*?\})', 1,/g)];
  const surveys = rows
    .map(([, id, kind, definition]) => {
      const { name: _name, ...rest } = JSON.parse(definition!) as Record<string, unknown>;
      return { id: id!, kind: kind!, ...rest };
    })
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  if (surveys.length != 3) throw new Error(`expected the demo seed's three surveys, found ${surveys.length}`);
  if (!surveys.some((survey) => 'reasons' in survey)) throw new Error('expected a demo survey with reasons');
  return JSON.stringify({ site: 'demo', cooldown_days: 0, surveys: surveys.map((survey) => localize(survey as unknown as SurveyConfig, locale, 0)) });
}

/** The heaviest locale's config, as a visitor downloads it. */
function heaviestConfig(): { locale: string; bytes: number } {
  return LOCALES.map((locale) => ({ locale, bytes: gzipSync(demoConfig(locale), { level: 9 }).length })).reduce((a, b) => (b.bytes > a.bytes ? b : a));
}

let build: WidgetBuild;
beforeAll(async () => {
  build = await buildWidget(mkdtempSync(join(tmpdir(), 'cx-widget-size-')));
}, 120_000);
afterAll(() => rmSync(build.outDir, { recursive: true, force: true }));

describe('widget size (gzip -9)', () => {
  it(`keeps w.js within ${LOADER_BUDGET} bytes`, () => {
    const loader = gzipSize(join(build.outDir, build.loader));
    console.log(`w.js: ${loader} B gzip -9 (budget ${LOADER_BUDGET})`);
    expect(loader).toBeLessThanOrEqual(LOADER_BUDGET);
  });

  it(`keeps w.js + UI + the demo config (with reasons) within ${TOTAL_BUDGET} bytes`, () => {
    const loader = gzipSize(join(build.outDir, build.loader));
    const ui = build.ui.map((file) => gzipSize(join(build.outDir, file)));
    const config = heaviestConfig();
    const total = loader + ui.reduce((a, b) => a + b, 0) + config.bytes;
    console.log(
      `w.js ${loader} B + UI ${ui.join(' + ')} B (${build.ui.join(', ')}) + config ${config.bytes} B (${config.locale}) = ${total} B (budget ${TOTAL_BUDGET})`,
    );
    expect(build.ui.length).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(TOTAL_BUDGET);
  });

  it('sends no built-in strings in the UI chunk: each visitor\'s come with the config', () => {
    const chunk = build.ui.map((file) => readFileSync(join(build.outDir, file), 'utf8')).join('');
    for (const phrase of ['Extremely likely', 'بسیار محتمل است', 'محتمل جداً', 'Thank you!']) expect(chunk).not.toContain(phrase);
  });

  it('names UI chunks by content hash under assets/ and keeps w.js stable', () => {
    expect(build.loader).toBe('w.js');
    for (const file of build.ui) expect(file).toMatch(/^assets\/[\w-]+-[\w-]{8}\.js$/);
    const loader = readFileSync(join(build.outDir, build.loader), 'utf8');
    // The loader finds its UI chunk by the hashed name, relative to its own URL.
    expect(loader).toContain(build.ui[0]!);
  });

  it('ships the static-assets headers: long cache for hashed chunks, short for w.js, CORS for both', () => {
    const headers = readFileSync(join(build.outDir, '_headers'), 'utf8');
    expect(headers).toMatch(/\/w\.js\n(\s+.+\n)*\s+Cache-Control: public, max-age=300/);
    expect(headers).toMatch(/\/assets\/\*\n(\s+.+\n)*\s+Cache-Control: public, max-age=31536000, immutable/);
    expect(headers.match(/Access-Control-Allow-Origin: \*/g)).toHaveLength(2);
  });
});
