/**
 * The console's size budget (gzip -9), on the real build: the JavaScript and
 * CSS that /app/ loads before its first screen at most 40 KiB; everything it
 * may load later too (the uPlot trend chart, the admin and team views, the
 * inbox of cases, the fa and ar strings) at most 114 KiB (100 until the
 * team's members, API keys and audit views, about 7 KB in three languages;
 * 108 until the inbox, about 6 KB; 112 until the survey editor's reasons and
 * the breakdown by reason, about 2.6 KB). And the console stays out of the widget: the
 * widget's files never carry its code.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsole, gzipTotal, type ConsoleBuild } from '../../console/build';
import { buildWidget, type WidgetBuild } from '../../widget/build';

const INITIAL_BUDGET = 40 * 1024;
const TOTAL_BUDGET = 114 * 1024;

let dist: string;
let consoleBuild: ConsoleBuild;
let widgetBuild: WidgetBuild;
beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'cx-console-size-'));
  widgetBuild = await buildWidget(dist);
  consoleBuild = await buildConsole(dist);
}, 180_000);
afterAll(() => rmSync(dist, { recursive: true, force: true }));

describe('console size (gzip -9)', () => {
  it(`loads at most ${INITIAL_BUDGET} bytes of JS + CSS before its first screen`, () => {
    const initial = gzipTotal(consoleBuild.outDir, consoleBuild.initial);
    console.log(`console at load: ${initial} B (${consoleBuild.initial.join(', ')}; budget ${INITIAL_BUDGET})`);
    expect(consoleBuild.initial.some((f) => f.endsWith('.js'))).toBe(true);
    expect(consoleBuild.initial.some((f) => f.endsWith('.css'))).toBe(true);
    expect(initial).toBeLessThanOrEqual(INITIAL_BUDGET);
  });

  it(`keeps all of its JS + CSS, lazy parts included, within ${TOTAL_BUDGET} bytes`, () => {
    const initial = gzipTotal(consoleBuild.outDir, consoleBuild.initial);
    const lazy = consoleBuild.lazy.map((file) => `${file} ${gzipTotal(consoleBuild.outDir, [file])} B`);
    const total = initial + gzipTotal(consoleBuild.outDir, consoleBuild.lazy);
    console.log(`console total: ${total} B = ${initial} B at load + later: ${lazy.join(', ')} (budget ${TOTAL_BUDGET})`);
    // uPlot is not part of the first load.
    expect(consoleBuild.initial.some((f) => f.includes('trend-chart'))).toBe(false);
    expect(total).toBeLessThanOrEqual(TOTAL_BUDGET);
  });

  it('ships the fa and ar strings without their keys (console/build.ts), and nothing else loses them', () => {
    const lazy = (prefix: string) => readFileSync(join(consoleBuild.outDir, consoleBuild.lazy.find((f) => f.startsWith(`assets/${prefix}-`))!), 'utf8');
    for (const [language, text] of [['fa', 'خروج'], ['ar', 'تسجيل الخروج']] as const) {
      expect(lazy(language)).toContain(text);
      expect(lazy(language)).not.toContain('signin.title');
      // The team's strings stay keyed: their English, the source of the keys, comes later (en-team.ts).
      expect(lazy(language)).toContain('"team.everySite"');
    }
    // English, the source of the keys, keeps them.
    const initial = consoleBuild.initial.map((f) => readFileSync(join(consoleBuild.outDir, f), 'utf8')).join('');
    expect(initial).toContain('signin.title');
  });

  it('leaves the widget’s files alone: built side by side, the widget carries none of the console', () => {
    const widgetFiles = [widgetBuild.loader, ...widgetBuild.ui].map((file) => readFileSync(join(dist, file), 'utf8'));
    for (const text of widgetFiles) {
      expect(text).not.toContain('uPlot');
      expect(text).not.toContain('cx:console');
    }
    // Both builds ran into one directory: the widget's files are still there, and the merged headers hold both parts.
    expect(readdirSync(dist)).toEqual(expect.arrayContaining(['w.js', 'assets', 'app', '_headers']));
    const headers = readFileSync(join(dist, '_headers'), 'utf8');
    expect(headers).toContain('/w.js');
    expect(headers).toMatch(/\/app\/\*\n\s+Content-Security-Policy: default-src 'none'; script-src 'self'/);
  });

  it('serves no inline script or style in its HTML', () => {
    const html = readFileSync(join(consoleBuild.outDir, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|style=/);
  });
});
