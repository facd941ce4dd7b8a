/**
 * Accessibility: keyboard alone, visible focus, targets of at least 24×24
 * px, reduced motion, a polite announcement that leaves focus alone, and
 * axe-core finding no serious or critical WCAG 2.2 AA issue in any locale,
 * theme or step.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { card, createSite, createSurvey, launch, openHostPage, recordPosts, scoreButtons, type Site } from './helpers';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let browser: Browser;
let site: Site;
let nps: string;
let csat: string;

beforeAll(async () => {
  mkdirSync(fileURLToPath(new URL('./screenshots/', import.meta.url)), { recursive: true });
  browser = await launch();
  site = await createSite();
  nps = await createSurvey(site.site, 'nps');
  csat = await createSurvey(site.site, 'csat', { color: '#ffd400' }); // a pale brand colour
});
afterAll(() => browser?.close());

/** Where focus is, seen through the shadow root. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const outer = document.activeElement;
    const inner = outer?.shadowRoot?.activeElement;
    const el = inner ?? outer;
    return el ? `${inner ? 'widget ' : ''}${el.tagName.toLowerCase()}${el.className ? '.' + el.className : ''}${el.getAttribute('aria-label') ? ' ' + el.getAttribute('aria-label') : ''}` : 'none';
  });
}

interface AxeSummary {
  /** Rule ids with serious or critical violations. */
  serious: string[];
  /** Rules that passed, with how many nodes each checked. */
  passed: Record<string, number>;
  /** Rules axe could not decide (e.g. contrast over an image), with node counts. */
  undecided: Record<string, number>;
}

async function axe(page: Page): Promise<AxeSummary> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    type Result = { id: string; impact: string | null; nodes: unknown[] };
    const { axe } = window as unknown as {
      axe: { run: (context: unknown, options: unknown) => Promise<{ violations: Result[]; passes: Result[]; incomplete: Result[] }> };
    };
    const result = await axe.run(
      { include: { fromShadowDom: ['cx-survey', 'section'] } },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } },
    );
    const count = (list: Result[]) => Object.fromEntries(list.map((r) => [r.id, r.nodes.length]));
    return {
      serious: result.violations.filter((v) => v.impact == 'serious' || v.impact == 'critical').map((v) => v.id),
      passed: count(result.passes),
      undecided: count(result.incomplete),
    };
  });
}

describe('keyboard only', () => {
  it('reaches the widget with Tab, picks a score with Enter, writes and sends a comment', async () => {
    const { page, context } = await openHostPage(browser, `/?site=${site.site}&show=${nps}`);
    const posts = recordPosts(page);
    await expect.poll(() => scoreButtons(page).count()).toBe(11);
    let tabs = 0;
    while (!(await focused(page)).startsWith('widget') && tabs++ < 10) await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('widget button.x Close');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('widget button 0, Not at all likely');
    // Focus is visible: a solid 2 px outline.
    const outline = await page.evaluate(() => {
      const el = document.querySelector('cx-survey')!.shadowRoot!.activeElement!;
      const s = getComputedStyle(el);
      return `${s.outlineStyle} ${s.outlineWidth}`;
    });
    expect(outline).toBe('solid 2px');
    for (let i = 0; i < 7; i++) await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('widget button 7');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('widget textarea');
    await page.keyboard.type('Typed without a mouse.');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('widget button.s');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('widget p.q');
    await expect.poll(() => posts.find((p) => p.path.endsWith('/comment'))?.body.comment).toBe('Typed without a mouse.');
    expect(posts.find((p) => p.path == '/v1/responses')?.body.score).toBe(7);
    await context.close();
  });

  it('dismisses with Escape and says so', async () => {
    const { page, context } = await openHostPage(browser, `/?site=${site.site}&show=${nps}`);
    const posts = recordPosts(page);
    await expect.poll(() => scoreButtons(page).count()).toBe(11);
    while (!(await focused(page)).startsWith('widget')) await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    expect(await card(page).count()).toBe(0);
    await expect.poll(() => posts.map((p) => p.body.type)).toContain('dismissed');
    await context.close();
  });
});

describe('politeness and targets', () => {
  it('appears without taking focus, and announces the question politely', async () => {
    const { page, context } = await openHostPage(browser, `/?site=${site.site}`);
    await page.focus('#host-button');
    await page.evaluate((id) => (window as unknown as { cx: (...a: unknown[]) => void }).cx('show', id), nps);
    await expect.poll(() => page.locator('cx-survey #q').textContent()).toContain('recommend');
    expect(await page.locator('cx-survey #q').getAttribute('aria-live')).toBe('polite');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('host-button');
    await context.close();
  });

  it('keeps every target at least 24×24 px, even on a 320 px wide phone', async () => {
    for (const kind of [nps, csat]) {
      const { page, context } = await openHostPage(browser, `/?site=${site.site}&show=${kind}`, { viewport: { width: 320, height: 640 } });
      await expect.poll(() => scoreButtons(page).count()).toBeGreaterThan(0);
      const sizes = await page.locator('cx-survey button').evaluateAll((buttons) => buttons.map((b) => b.getBoundingClientRect()).map((r) => [r.width, r.height]));
      for (const [w, h] of sizes) {
        expect(w).toBeGreaterThanOrEqual(24);
        expect(h).toBeGreaterThanOrEqual(24);
      }
      if (kind == nps) await page.screenshot({ path: fileURLToPath(new URL('./screenshots/en-nps-320px.png', import.meta.url)) });
      // And the card fits the screen.
      const box = (await card(page).boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(320);
      await context.close();
    }
  });

  it('fades in, unless the visitor prefers reduced motion', async () => {
    for (const reducedMotion of ['no-preference', 'reduce'] as const) {
      const { page, context } = await openHostPage(browser, `/?site=${site.site}&show=${nps}`, { reducedMotion });
      await expect.poll(() => card(page).count()).toBe(1);
      // The host element fades, once: each step's card is drawn anew inside it.
      const animation = await page.locator('cx-survey').evaluate((el) => getComputedStyle(el).animationName);
      expect(animation).toBe(reducedMotion == 'reduce' ? 'none' : 'i');
      await context.close();
    }
  });
});

describe('axe-core (WCAG 2.2 AA)', () => {
  for (const locale of ['en', 'fa', 'ar']) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`finds no serious or critical issue in ${locale}, ${colorScheme}, on every step`, async () => {
        for (const survey of [nps, csat]) {
          const { page, context } = await openHostPage(browser, `/?site=${site.site}&locale=${locale}&show=${survey}`, { colorScheme });
          await expect.poll(() => scoreButtons(page).count()).toBeGreaterThan(0);
          await page.waitForTimeout(300); // past the fade-in, so contrast is measured at full opacity
          const ask = await axe(page);
          expect(ask.serious).toEqual([]);
          // The scan really looked inside the shadow root: every button's name and text contrast checked.
          expect(ask.passed['button-name']).toBe((await page.locator('cx-survey button').count()));
          expect(ask.passed['color-contrast']).toBeGreaterThan(0);
          expect(ask.undecided['color-contrast']).toBeUndefined();
          await scoreButtons(page).first().click();
          const more = await axe(page);
          expect(more.serious).toEqual([]);
          expect(more.passed['label']).toBe(1);
          await page.locator('cx-survey .s').click();
          expect((await axe(page)).serious).toEqual([]);
          await context.close();
        }
      });
    }
  }
});
