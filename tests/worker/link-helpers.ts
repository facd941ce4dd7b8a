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

export const answer = (url: string, score: number | string, headers: Record<string, string> = {}) =>
  postForm(pathOf(url).replace(/\?.*$/, ''), { score: String(score) }, headers);

export const comment = (url: string, text: string, headers: Record<string, string> = {}) =>
  postForm(`${pathOf(url).replace(/\?.*$/, '')}/comment`, { comment: text }, headers);

/** A page as the browser gets it: status, the HTML, and a few facts read from it. */
export async function page(path: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; html: string }> {
  const res = await call(path, { redirect: 'manual', ...init });
  return { status: res.status, headers: res.headers, html: await res.text() };
}

/** The visible labels of the score buttons, in document order. */
export function buttonLabels(html: string): string[] {
  return [...html.matchAll(/<button type="submit" name="score" value="(\d+)"[^>]*>([^<]*)<\/button>/g)].map((m) => m[2]!);
}

/** The CSP every link page carries. */
export const PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
