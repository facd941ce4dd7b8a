/** Minting links and using their pages as a mail client and a browser would. */
import { expect } from 'vitest';
import type { LinksMinted } from '../../shared/schemas/links';
import { asAdmin, call, json } from './helpers';

export const ORIGIN = 'http://collector.test';

export type MintedLinks = LinksMinted['links'];

export function mint(site: string, survey: string, body: unknown): Promise<Response> {
  return asAdmin('POST', `/v1/admin/sites/${site}/surveys/${survey}/links`, body);
}

export async function mintOk(site: string, survey: string, body: unknown): Promise<LinksMinted> {
  const res = await mint(site, survey, body);
  if (res.status !== 201) throw new Error(`mint: ${res.status} ${await res.text()}`);
  return json<LinksMinted>(res);
}

/** The path and query of an absolute link URL, for `call`. */
export function pathOf(url: string): string {
  const u = new URL(url);
  expect(u.origin).toBe(ORIGIN);
  return u.pathname + u.search;
}

/** The token of a minted link. */
export const tokenOf = (url: string): string => new URL(url).pathname.split('/')[2]!;

/** A form post from the link's own page (a browser sends its Origin); redirects are not followed. */
export function postForm(path: string, fields: Record<string, string> | string, headers: Record<string, string> = {}): Promise<Response> {
  return call(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, ...headers },
    body: typeof fields === 'string' ? fields : new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

/** The form of a link's page sent: the score and, when given, the comment typed with it. */
export const answer = (url: string, score: number | string, headers: Record<string, string> = {}, text?: string) =>
  postForm(pathOf(url).replace(/\?.*$/, ''), { score: String(score), ...(text === undefined ? {} : { comment: text }) }, headers);

export const comment = (url: string, text: string, headers: Record<string, string> = {}) =>
  postForm(`${pathOf(url).replace(/\?.*$/, '')}/comment`, { comment: text }, headers);

/** A page as the browser gets it: status, the HTML, and a few facts read from it. */
export async function page(path: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; html: string }> {
  const res = await call(path, { redirect: 'manual', ...init });
  return { status: res.status, headers: res.headers, html: await res.text() };
}

/** The visible digits of the score choices, in document order. */
export function scoreLabels(html: string): string[] {
  return [...html.matchAll(/<input type="radio" name="score" value="(\d+)"[^>]*><label for="score-\1">([^<]*)/g)].map((m) => m[2]!);
}

/** The score checked on the page, or null. */
export function checkedScore(html: string): number | null {
  const match = /<input type="radio" name="score" value="(\d+)"[^>]* checked>/.exec(html);
  return match ? Number(match[1]) : null;
}

/** The CSP every link page carries: no script at all. */
export const PAGE_CSP = "default-src 'none'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export { base64url, signV1 } from '../link-token-v1';

export function fromBase64url(text: string): Uint8Array {
  return Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
}
