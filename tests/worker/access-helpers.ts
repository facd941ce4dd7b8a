/**
 * People signed in through Cloudflare Access, in workerd tests: a team of
 * the Access stand-in (tests/access/team-server.ts, on loopback) signs their
 * assertions, and requests go to the real app with the ACCESS_* variables
 * pointing at that team's JWKS.
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { inject } from 'vitest';
import { app } from '../../worker/app';
import type { SignRequest } from '../access/types';

declare module 'vitest' {
  export interface ProvidedContext {
    accessTeams: string;
  }
}

export const AUD = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2';

export interface TestTeam {
  name: string;
  /** The team domain, the assertions' issuer. */
  domain: string;
  /** The Worker's environment behind this team's Access application. */
  env: Cloudflare.Env;
  /** The team's first signing key. */
  kid: string;
  /** An assertion for `email` with the usual claims, `claims` over them. */
  token(email: string, claims?: Record<string, unknown>, options?: Omit<SignRequest, 'claims' | 'kid'> & { kid?: string }): Promise<string>;
  addKey(publish?: boolean): Promise<string>;
  unpublish(kid: string): Promise<void>;
  /** How many times the JWKS has been fetched. */
  fetches(): Promise<number>;
}

async function server<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`${inject('accessTeams')}${path}`, init);
  if (!res.ok) throw new Error(`access stand-in ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A new team (its own JWKS URL, so its own key cache in the Worker) with one published key. */
export async function newTeam(vars: Partial<Cloudflare.Env> = {}): Promise<TestTeam> {
  const name = `team${crypto.randomUUID().slice(0, 8)}`;
  const domain = `https://${name}.cloudflareaccess.com`;
  const addKey = async (publish = true) => (await server<{ kid: string }>(`/teams/${name}/keys`, { method: 'POST', body: JSON.stringify({ publish }) })).kid;
  const kid = await addKey();
  return {
    name,
    domain,
    kid,
    env: {
      ...env,
      ACCESS_AUD: AUD,
      ACCESS_TEAM_DOMAIN: domain,
      ACCESS_CERTS_URL: `${inject('accessTeams')}/teams/${name}/cdn-cgi/access/certs`,
      ...vars,
    },
    async token(email, claims = {}, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      const all = { aud: [AUD], iss: domain, email, sub: crypto.randomUUID(), type: 'app', iat: now, nbf: now, exp: now + 3600, ...claims };
      const request: SignRequest = { kid: kid, ...options, claims: all };
      return (await server<{ token: string }>(`/teams/${name}/sign`, { method: 'POST', body: JSON.stringify(request) })).token;
    },
    addKey,
    async unpublish(key) {
      await server(`/teams/${name}/keys/${key}`, { method: 'DELETE' });
    },
    async fetches() {
      return (await server<{ fetches: number }>(`/teams/${name}/fetches`)).fetches;
    },
  };
}

/** A request to the app under `workerEnv`, with an execution context whose waitUntil work is awaited. */
export async function request(workerEnv: Cloudflare.Env, method: string, path: string, options: { headers?: Record<string, string>; body?: unknown } = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await app.request(path, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) }, workerEnv, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

/** A request as the person whose assertion this is. */
export function asPerson(team: TestTeam, assertion: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return request(team.env, method, path, { headers: { 'cf-access-jwt-assertion': assertion, ...headers }, body });
}
