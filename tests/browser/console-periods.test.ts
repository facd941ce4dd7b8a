/**
 * Periods as a monthly report needs them (docs/contract.md §17): presets of
 * the chosen calendar and zone (this month, last month, this quarter, this
 * year), a date picker in that calendar whose end day is included (the
 * console asks the API for the day after), and the change compared with the
 * period before, the same days a month before or a year before. What the
 * console asks is read from its requests; what it means is checked with
 * Intl's own calendars, not with the console's code.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, openConsole, signIn } from './console-helpers';
import { launch } from './helpers';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
let browser: Browser;
beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launch();
});
afterAll(() => browser?.close());

const PERSIAN = { locale: 'fa-IR', timezoneId: 'Asia/Tehran' };

/** A Gregorian date (YYYY-MM-DD) as the Persian calendar numbers it, by Intl. */
function persian(iso: string): { y: number; m: number; d: number } {
  const parts = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(Date.parse(`${iso}T12:00:00Z`));
  const part = (type: string) => Number(parts.find((p) => p.type == type)!.value);
  return { y: part('year'), m: part('month'), d: part('day') };
}

/** Today and tomorrow in Tehran, YYYY-MM-DD. */
function tehranToday(): { today: string; tomorrow: string } {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran' }).format(Date.now());
  const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { today, tomorrow };
}

/** The query of the console's next scores request (the score card's: no interval, no group). */
async function scoresAsked(page: Page, act: () => Promise<unknown>): Promise<URLSearchParams> {
  const asked = page.waitForRequest((r) => {
    const url = new URL(r.url());
    return url.pathname.endsWith('/scores') && !url.searchParams.has('interval') && !url.searchParams.has('group_by');
  });
  await act();
  return new URL((await asked).url()).searchParams;
}

describe('presets in the chosen calendar and zone', () => {
  it('this month, last month, this quarter and this year of the Solar Hijri calendar in Tehran, each compared as it should be', async () => {
    const { page, context } = await openConsole(browser, '/scores?site=demo&range=30d', PERSIAN);
    await signIn(page, DEMO.readKey);
    await page.getByTestId('score').waitFor();
    const { today, tomorrow } = tehranToday();
    const now = persian(today);

    const month = await scoresAsked(page, () => page.locator('#f-range').selectOption('month'));
    expect(persian(month.get('from')!)).toEqual({ ...now, d: 1 });
    expect(month.get('to')).toBe(tomorrow);
    expect([month.get('compare'), month.get('calendar'), month.get('tz')]).toEqual(['previous_month', 'persian', 'Asia/Tehran']);
    expect(await page.locator('#f-compare').inputValue()).toBe('previous_month');

    const last = await scoresAsked(page, () => page.locator('#f-range').selectOption('last-month'));
    const before = now.m == 1 ? { y: now.y - 1, m: 12 } : { y: now.y, m: now.m - 1 };
    expect(persian(last.get('from')!)).toEqual({ ...before, d: 1 });
    expect(last.get('to')).toBe(month.get('from'));
    expect(last.get('compare')).toBe('previous_month');

    const quarter = await scoresAsked(page, () => page.locator('#f-range').selectOption('quarter'));
    expect(persian(quarter.get('from')!)).toEqual({ y: now.y, m: now.m - ((now.m - 1) % 3), d: 1 });
    expect(quarter.get('to')).toBe(tomorrow);
    expect(quarter.get('compare')).toBe('previous');

    const year = await scoresAsked(page, () => page.locator('#f-range').selectOption('year'));
    expect(persian(year.get('from')!)).toEqual({ y: now.y, m: 1, d: 1 });
    expect(year.get('compare')).toBe('previous_year');
    // The period in words, in the calendar: 1 Farvardin of this year to today.
    expect(await page.locator('.filters .hint').textContent()).toMatch(/^۱ فروردین ۱۴[۰-۹]{2} – /);
    await context.close();
  });

  it('offers a month before only for a month’s worth of days, a year before up to a year', async () => {
    const { page, context } = await openConsole(browser, '/scores?site=demo&range=30d&tz=UTC');
    await signIn(page, DEMO.readKey);
    await page.getByTestId('score').waitFor();
    const offered = () => page.locator('#f-compare option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(await offered()).toEqual(['previous', 'previous_month', 'previous_year']);
    await page.locator('#f-range').selectOption('90d');
    await expect.poll(offered).toEqual(['previous', 'previous_year']);
    // A year before: the API's comparison, and the dates it compared, said under the change.
    const asked = await scoresAsked(page, () => page.locator('#f-compare').selectOption('previous_year'));
    expect(asked.get('compare')).toBe('previous_year');
    expect(page.url()).toContain('compare=previous_year');
    await expect.poll(() => page.locator('.facts .hint').textContent()).toMatch(/^against .+ – .+2025$/);
    await context.close();
  });
});

describe('the date picker', () => {
  it('shows Aban 1405 in Solar Hijri with its last day included, and asks the API for the day after the day picked', async () => {
    // 1 Aban 1405 = 2026-10-23; Aban has 30 days, so 1 Azar = 2026-11-22 (the API's exclusive end).
    const { page, context } = await openConsole(browser, '/scores?site=demo&range=custom&from=2026-10-23&to=2026-11-22', PERSIAN);
    await signIn(page, DEMO.readKey);
    await page.getByTestId('score').waitFor();
    const shown = (id: string) => page.locator(`#${id} select`).evaluateAll((selects) => selects.map((s) => (s as HTMLSelectElement).selectedOptions[0]!.textContent));
    expect(await shown('f-from')).toEqual(['۱', 'آبان', '۱۴۰۵']);
    expect(await shown('f-to')).toEqual(['۳۰', 'آبان', '۱۴۰۵']);
    expect(await page.locator('.filters .hint').textContent()).toBe('۱ آبان ۱۴۰۵ – ۳۰ آبان ۱۴۰۵');
    // Aban has 30 days to pick from; the month names are the calendar's.
    expect(await page.locator('#f-to select').first().locator('option').count()).toBe(30);
    expect(await page.locator('#f-to select').nth(1).locator('option').allTextContents()).toEqual([
      'فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند',
    ]);
    // 10 Azar 1405 = 2026-12-01, included: the API is asked up to 2026-12-02.
    await scoresAsked(page, () => page.locator('#f-to select').nth(1).selectOption({ label: 'آذر' }));
    const asked = await scoresAsked(page, () => page.locator('#f-to select').first().selectOption({ label: '۱۰' }));
    expect([asked.get('from'), asked.get('to')]).toEqual(['2026-10-23', '2026-12-02']);
    expect(await page.locator('.filters .hint').textContent()).toBe('۱ آبان ۱۴۰۵ – ۱۰ آذر ۱۴۰۵');
    await page.locator('#filters').screenshot({ path: `${SCREENSHOTS}console-periods-fa.png` });
    await context.close();
  });

  it('has no 30 Esfand in a common year (1404), Arabic months and digits in Umm al-Qura, English month names in the Gregorian calendar', async () => {
    // 1 Esfand 1404 = 2026-02-20; 1 Farvardin 1405 = 2026-03-21: 29 days.
    const fa = await openConsole(browser, '/scores?site=demo&range=custom&from=2026-02-20&to=2026-03-21', PERSIAN);
    await signIn(fa.page, DEMO.readKey);
    await fa.page.locator('#f-to select').first().waitFor();
    expect(await fa.page.locator('#f-to select').first().locator('option').count()).toBe(29);
    await fa.context.close();

    // Umm al-Qura in Arabic: Ramadan 1446 began on 2025-03-01 and had 29 days (1 Shawwal = 2025-03-30).
    const ar = await openConsole(browser, '/scores?site=demo&range=custom&from=2025-03-01&to=2025-03-30&calendar=islamic-umalqura', { locale: 'ar-SA', timezoneId: 'Asia/Riyadh' });
    await signIn(ar.page, DEMO.readKey);
    await ar.page.locator('#f-to select').first().waitFor();
    const days = (page: Page, id: string) => page.locator(`#${id} select`).evaluateAll((selects) => selects.map((s) => (s as HTMLSelectElement).selectedOptions[0]!.textContent));
    expect(await days(ar.page, 'f-from')).toEqual(['١', 'رمضان', '١٤٤٦']);
    expect(await days(ar.page, 'f-to')).toEqual(['٢٩', 'رمضان', '١٤٤٦']);
    expect(await ar.page.locator('#f-to select').first().locator('option').count()).toBe(29);
    await ar.page.locator('#filters').screenshot({ path: `${SCREENSHOTS}console-periods-ar.png` });
    await ar.context.close();

    const en = await openConsole(browser, '/scores?site=demo&range=custom&from=2026-02-01&to=2026-03-01&tz=UTC&calendar=gregory');
    await signIn(en.page, DEMO.readKey);
    await en.page.locator('#f-to select').first().waitFor();
    const picked = await en.page.locator('#f-to select').evaluateAll((selects) => selects.map((s) => (s as HTMLSelectElement).selectedOptions[0]!.textContent));
    expect(picked).toEqual(['28', 'February', '2026']);
    expect(await en.page.locator('.filters .hint').textContent()).toBe('Feb 1, 2026 – Feb 28, 2026');
    await en.context.close();
  });
});
