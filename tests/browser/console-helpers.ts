/** The console's browser tests: open /app/ in Chromium, sign in, and read what it shows. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { ADMIN_TOKEN } from './constants';
import { collector } from './helpers';

/** The demo site the browser tests' collector is seeded with (worker/seed/). */
export const DEMO = { site: 'demo', readKey: 'cxr_demo0000_localdemo00000000000000000000000' };
export { ADMIN_TOKEN };

export interface ConsolePage {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors in the page: must stay empty. */
  errors: string[];
}

/**
 * A fresh context (fresh sessionStorage) on `/app/#<hash>`, with CSP
 * violations recorded in `window.__violations` from the first script on.
 */
export async function openConsole(browser: Browser, hash: string, options: BrowserContextOptions = {}): Promise<ConsolePage> {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC', viewport: { width: 1280, height: 900 }, ...options });
  await context.addInitScript(() => {
    const w = window as unknown as { __violations: string[]; __alerts: string[] };
    w.__violations = [];
    w.__alerts = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
    // A script injected through a comment would call these; record instead of blocking the test.
    window.alert = (message?: unknown) => void w.__alerts.push(String(message));
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`${collector()}/app/#${hash}`);
  return { context, page, errors };
}

/** Paste a token into the sign-in form and submit (the server says which site a read key opens). */
export async function signIn(page: Page, token: string): Promise<void> {
  await page.locator('#token').fill(token);
  await page.getByRole('button', { name: /sign in|ورود|دخول/i }).click();
}

export function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
}

export function alerts(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __alerts: string[] }).__alerts);
}

/** A JSON answer of the API with a bearer token, as a test reads the truth. */
export async function api<T>(path: string, token: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(collector() + path, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
  });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
  return (res.status == 204 ? undefined : await res.json()) as T;
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core over the whole page (WCAG 2.0–2.2 A and AA): the serious and critical violations, with their targets. */
export async function axeSerious(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    type Result = { id: string; impact: string | null; nodes: { target: unknown[] }[] };
    const { axe } = window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: Result[] }> } };
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations
      .filter((v) => v.impact == 'serious' || v.impact == 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  });
}

/** The local dates of the console's "last N days" in UTC: [from, to), today included. */
export function lastDaysUtc(days: number, now = Date.now()): { from: string; to: string } {
  const tomorrow = new Date(now);
  tomorrow.setUTCHours(0, 0, 0, 0);
  tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
  const from = new Date(tomorrow.getTime() - days * 86_400_000);
  return { from: from.toISOString().slice(0, 10), to: tomorrow.toISOString().slice(0, 10) };
}
