/**
 * A collector behind Cloudflare Access for the console's team tests: a JWKS
 * on loopback serving one team's key, the Worker told to trust it, what
 * Access would send for a person, and the API as the admin token (or
 * another credential) calls it.
 */
import { type AccessTeams, startAccessServer } from '../access/team-server';
import { type Collector, startCollector } from './collector';
import { ADMIN_TOKEN } from './constants';

export interface AccessCollector {
  collector: Collector;
  /** What Access would send with each of this person's requests. */
  assertion(email: string): string;
  api<T>(method: string, path: string, body?: unknown, token?: string, headers?: Record<string, string>): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

export async function startAccessCollector(team: string, aud: string, domain: string, vars: Record<string, string> = {}): Promise<AccessCollector> {
  const jwks = await startAccessServer();
  const teams: AccessTeams = jwks.teams;
  const kid = teams.addKey(team);
  const collector = await startCollector({ ACCESS_AUD: aud, ACCESS_TEAM_DOMAIN: domain, ACCESS_CERTS_URL: `${jwks.url}/teams/${team}/cdn-cgi/access/certs`, ...vars });
  return {
    collector,
    assertion(email) {
      const now = Math.floor(Date.now() / 1000);
      return teams.sign(team, { kid, claims: { aud: [aud], iss: domain, email, sub: email, type: 'app', iat: now, nbf: now, exp: now + 3600 } });
    },
    async api<T>(method: string, path: string, body?: unknown, token = ADMIN_TOKEN, headers: Record<string, string> = {}) {
      const res = await fetch(collector.origin + path, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (res.status == 204 ? undefined : await res.json()) as T };
    },
    async stop() {
      await collector.stop();
      await new Promise<void>((resolve) => jwks.server.close(() => resolve()));
    },
  };
}
