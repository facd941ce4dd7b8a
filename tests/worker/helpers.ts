/** Talk to the real Worker (running in workerd, real D1) the way clients do. */
import { eventually as retry } from '../eventually';
import { exports } from 'cloudflare:workers';
import type { Kind } from '../../shared/kinds';
import type { ResponseInput } from '../../shared/schemas/response';

export const ADMIN_TOKEN = 'test-admin-token';
const BASE = 'http://collector.test';

export async function call(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`${BASE}${path}`, init));
}

export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/** The origin createSite() lists by default: public writes come from its pages. */
export const SHOP_ORIGIN = 'https://shop.example';

/**
 * POST JSON as the widget does, from a page of SHOP_ORIGIN. A header given
 * as '' is left out (`{ origin: '' }`: a client that sends no Origin).
 */
export function postJson(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const all: Record<string, string> = { 'content-type': 'application/json', origin: SHOP_ORIGIN, ...headers };
  for (const [name, value] of Object.entries(all)) if (value === '') delete all[name];
  return call(path, { method: 'POST', headers: all, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

export function asAdmin(method: string, path: string, body?: unknown): Promise<Response> {
  return call(path, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export interface TestSite {
  site: string;
  readKey: string;
  prefix: string;
}

export async function createSite(origins: string[] = [SHOP_ORIGIN]): Promise<TestSite> {
  const res = await asAdmin('POST', '/v1/admin/sites', { name: 'Test shop', origins });
  if (res.status !== 201) throw new Error(`createSite: ${res.status} ${await res.text()}`);
  const body = await json<{ site: string; read_key: string; prefix: string }>(res);
  return { site: body.site, readKey: body.read_key, prefix: body.prefix };
}

export async function createSurvey(site: string, kind: Kind, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await asAdmin('POST', `/v1/admin/sites/${site}/surveys`, {
    kind,
    question: { en: `How was it (${kind})?`, fa: 'چطور بود؟' },
    ...extra,
  });
  if (res.status !== 201) throw new Error(`createSurvey: ${res.status} ${await res.text()}`);
  return (await json<{ id: string }>(res)).id;
}

export function postResponse(body: Partial<ResponseInput> & Record<string, unknown>, headers: Record<string, string> = {}) {
  return postJson('/v1/responses', { id: crypto.randomUUID(), ...body }, headers);
}

export function scores(site: TestSite, query: Record<string, string>): Promise<Response> {
  return call(`/v1/sites/${site.site}/scores?${new URLSearchParams(query)}`, {
    headers: { authorization: `Bearer ${site.readKey}` },
  });
}

/** Count a site's stored raw rows straight from D1. */
export async function rawCount(site: string): Promise<number> {
  const { env } = await import('cloudflare:workers');
  const row = await env.DB.prepare('SELECT COUNT(*) AS n FROM responses WHERE site = ?').bind(site).first<{ n: number }>();
  return row?.n ?? 0;
}

export interface SeedRow {
  score: number;
  /** Unix ms. */
  at: number;
  touchpoint?: string;
  locale?: string;
  country?: string;
  device?: string;
  user?: string;
  comment?: string;
  /** Default `web`, as the widget's answers. */
  channel?: string;
  /** Reasons, set after the insert as the reasons route sets them (their trigger adds the reason rows). */
  reasons?: string[];
}

/**
 * Store many responses with chosen timestamps, through the same table and
 * rollup triggers the ingest route writes to (only the clock is chosen here).
 */
export async function seedResponses(site: string, survey: string, kind: Kind, rows: SeedRow[]): Promise<void> {
  const { env } = await import('cloudflare:workers');
  const insert = env.DB.prepare(
    `INSERT INTO responses (id, site, survey, kind, score, touchpoint, locale, country, device, user, comment, created_at, channel)
     SELECT json_extract(value, '$[0]'), ?2, ?3, ?4, json_extract(value, '$[1]'), json_extract(value, '$[2]'),
            json_extract(value, '$[3]'), json_extract(value, '$[4]'), json_extract(value, '$[5]'),
            json_extract(value, '$[6]'), json_extract(value, '$[7]'), json_extract(value, '$[8]'), json_extract(value, '$[9]')
       FROM json_each(?1)`,
  );
  const withReasons = env.DB.prepare(
    `UPDATE responses SET reasons = (SELECT json_extract(value, '$[1]') FROM json_each(?1) WHERE json_extract(value, '$[0]') = responses.id)
      WHERE id IN (SELECT json_extract(value, '$[0]') FROM json_each(?1))`,
  );
  const chunk = 2000;
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < rows.length; i += chunk) {
    const slice = rows.slice(i, i + chunk).map((r) => ({ ...r, id: crypto.randomUUID() }));
    const values = slice.map((r) => [
      r.id, r.score, r.touchpoint ?? '', r.locale ?? '', r.country ?? '', r.device ?? 'desktop', r.user ?? null, r.comment ?? null, r.at, r.channel ?? 'web',
    ]);
    statements.push(insert.bind(JSON.stringify(values), site, survey, kind));
    const reasons = slice.filter((r) => r.reasons !== undefined).map((r) => [r.id, JSON.stringify(r.reasons)]);
    if (reasons.length > 0) statements.push(withReasons.bind(JSON.stringify(reasons)));
  }
  for (let i = 0; i < statements.length; i += 10) await env.DB.batch(statements.slice(i, i + 10));
}

export async function scoresJson<T = ScoresBody>(site: TestSite, query: Record<string, string>): Promise<{ body: T; rowsRead: number }> {
  const res = await scores(site, query);
  if (res.status !== 200) throw new Error(`scores ${res.status}: ${await res.text()}`);
  return { body: await json<T>(res), rowsRead: Number(res.headers.get('x-rows-read')) };
}

export interface MetricsBody {
  n: number;
  score: number | null;
  ci95: [number, number] | null;
  distribution: number[];
  shown: number;
  dismissed: number;
  response_rate: number | null;
  [field: string]: unknown;
}
export interface ScoresBody {
  from: string;
  to: string;
  total: MetricsBody;
  series?: (MetricsBody & { start: string; label: string })[];
  groups?: (MetricsBody & { key: string | null })[];
  [field: string]: unknown;
}

/** Retry an assertion until it holds (exposure events are written shortly after their reply). */
export const eventually = <T>(check: () => Promise<T>, timeoutMs = 3000): Promise<T> => retry(check, timeoutMs, 20);
