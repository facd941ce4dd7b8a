/** The browser tests' view of the world: the collector's APIs, the host pages, Chromium. */
import { eventually as retry } from '../eventually';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { inject } from 'vitest';
import type { Kind } from '../../shared/kinds';
import { ADMIN_TOKEN, CHROMIUM } from './constants';

export const collector = (): string => inject('collector');
export const host = (): string => inject('host');

export async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(collector() + path, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export interface Site {
  site: string;
  readKey: string;
}

/** A site whose widget runs on the host pages' origin. */
export async function createSite(): Promise<Site> {
  const created = await admin<{ site: string; read_key: string }>('POST', '/v1/admin/sites', {
    name: 'Host shop',
    origins: [host()],
  });
  return { site: created.site, readKey: created.read_key };
}

export const QUESTIONS: Record<Kind, Record<string, string>> = {
  nps: {
    en: 'How likely are you to recommend us to a friend?',
    fa: 'چقدر احتمال دارد ما را به یک دوست پیشنهاد کنید؟',
    ar: 'ما مدى احتمال أن توصي بنا لصديق؟',
  },
  csat: { en: 'How satisfied are you with your order?', fa: 'چقدر از سفارش خود راضی هستید؟', ar: 'ما مدى رضاك عن طلبك؟' },
  ces: { en: 'It was easy to find what I needed.', fa: 'پیدا کردن آنچه نیاز داشتم آسان بود.', ar: 'كان من السهل العثور على ما أحتاجه.' },
};

export const FOLLOW_UP = { en: 'What is the main reason for your score?', fa: 'دلیل اصلی امتیاز شما چیست؟', ar: 'ما السبب الرئيسي لتقييمك؟' };
export const FOLLOW_UP_LOW = { en: 'What should we fix first?', fa: 'اول چه چیزی را باید درست کنیم؟', ar: 'ما الذي يجب أن نصلحه أولاً؟' };

export async function createSurvey(site: string, kind: Kind, extra: Record<string, unknown> = {}): Promise<string> {
  const created = await admin<{ id: string }>('POST', `/v1/admin/sites/${site}/surveys`, {
    kind,
    question: QUESTIONS[kind],
    follow_up: FOLLOW_UP,
    follow_up_low: FOLLOW_UP_LOW,
    trigger: { on: 'manual' },
    recontact_days: 0,
    ...extra,
  });
  return created.id;
}

export interface Total {
  n: number;
  distribution: number[];
  shown: number;
  dismissed: number;
}

export async function scores(site: Site, query: Record<string, string>): Promise<Total> {
  const res = await fetch(`${collector()}/v1/sites/${site.site}/scores?${new URLSearchParams(query)}`, {
    headers: { authorization: `Bearer ${site.readKey}` },
  });
  if (!res.ok) throw new Error(`scores: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { total: Total }).total;
}

/** Poll until `check` stops throwing (the collector answers asynchronously to the page). */
export const eventually = <T>(check: () => Promise<T>, timeoutMs = 15_000): Promise<T> => retry(check, timeoutMs, 200);

/** A site's stored answers as an analyst exports them (GET /v1/sites/{site}/responses, NDJSON). */
export async function exported(site: { site: string; readKey: string }): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${collector()}/v1/sites/${site.site}/responses?limit=10000`, {
    headers: { authorization: `Bearer ${site.readKey}` },
  });
  if (!res.ok) throw new Error(`export: ${res.status} ${await res.text()}`);
  return (await res.text()).split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A page in a fresh context (fresh localStorage), with what it logs collected. */
export interface HostPage {
  context: BrowserContext;
  page: Page;
  /** console.warn lines (the widget's warnings start with "cx widget:"). */
  warnings: string[];
  /** Uncaught errors and unhandled rejections in the page: must stay empty. */
  errors: string[];
}

export async function openHostPage(browser: Browser, path: string, options: BrowserContextOptions = {}): Promise<HostPage> {
  const context = await browser.newContext({ locale: 'en-US', ...options });
  const page = await context.newPage();
  const warnings: string[] = [];
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() == 'warning') warnings.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(host() + path);
  return { context, page, warnings, errors };
}

/** The widget's card inside its shadow root (Playwright's CSS locators pierce open shadow roots). */
export const card = (page: Page) => page.locator('cx-survey section.cx');

/** The score buttons, lowest score first (DOM order). */
export const scoreButtons = (page: Page) => page.locator('cx-survey .r button');

/** Bodies the page posted to the collector, as JSON. */
export function recordPosts(page: Page): { path: string; body: Record<string, unknown>; contentType: string | null }[] {
  const posts: { path: string; body: Record<string, unknown>; contentType: string | null }[] = [];
  page.on('request', (request) => {
    if (request.method() != 'POST' || !request.url().startsWith(collector())) return;
    posts.push({
      path: new URL(request.url()).pathname,
      body: JSON.parse(request.postData() ?? '{}') as Record<string, unknown>,
      contentType: request.headers()['content-type'] ?? null,
    });
  });
  return posts;
}

/** The widget's one localStorage key, parsed. */
export function storedState(page: Page): Promise<{ v?: string; a?: number; d?: number; o?: Record<string, { u: string; b: Record<string, unknown> }> }> {
  return page.evaluate(() => JSON.parse(localStorage.getItem('cx:v1') || '{}'));
}
