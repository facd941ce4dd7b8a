/**
 * A stand-in for Cloudflare Access in tests: teams with RSA signing keys,
 * each team's JWKS served on loopback at `/teams/{team}/cdn-cgi/access/certs`
 * (counting fetches), and assertions signed with node:crypto, an
 * implementation independent of the Worker's (jose).
 *
 * The worker tests start it as a vitest globalSetup and reach it over HTTP
 * (`inject('accessTeams')`); the browser tests use it in-process. It listens
 * on 127.0.0.1 only and sends nothing anywhere.
 */
import { createHmac, createPublicKey, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { TestProject } from 'vitest/node';
import type { SignRequest } from './types';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `http://127.0.0.1:PORT` of the Access stand-in. */
    accessTeams: string;
  }
}

interface Key {
  privateKey: KeyObject;
  publicJwk: Record<string, unknown>;
  publicPem: string;
}

interface Team {
  keys: Map<string, Key>;
  /** Kids in the JWKS (a key can sign without being published: a forgery). */
  published: Set<string>;
  fetches: number;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export class AccessTeams {
  private readonly teams = new Map<string, Team>();

  team(name: string): Team {
    let team = this.teams.get(name);
    if (!team) this.teams.set(name, (team = { keys: new Map(), published: new Set(), fetches: 0 }));
    return team;
  }

  /** A new RSA-2048 key; published in the JWKS unless told otherwise. */
  addKey(name: string, publish = true): string {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const kid = randomBytes(16).toString('hex');
    const publicJwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
    this.team(name).keys.set(kid, { privateKey, publicJwk, publicPem: publicKey.export({ format: 'pem', type: 'spki' }).toString() });
    if (publish) this.team(name).published.add(kid);
    return kid;
  }

  unpublish(name: string, kid: string): void {
    this.team(name).published.delete(kid);
  }

  /** The JWKS as Access serves it (keys, plus the certificates fields it also carries). */
  certs(name: string): Record<string, unknown> {
    const team = this.team(name);
    team.fetches++;
    const keys = [...team.published].map((kid) => team.keys.get(kid)!.publicJwk);
    return { keys, public_cert: { kid: keys[0]?.kid ?? '', cert: '' }, public_certs: keys.map((k) => ({ kid: k.kid, cert: '' })) };
  }

  fetches(name: string): number {
    return this.team(name).fetches;
  }

  /** A compact JWS of `claims`: RS256 with the key `kid`, or one of the forgeries a verifier must refuse. */
  sign(name: string, request: SignRequest): string {
    const mode = request.mode ?? 'rs256';
    const key = this.team(name).keys.get(request.kid);
    if (!key) throw new Error(`no key ${request.kid} in team ${name}`);
    const alg = mode === 'none' ? 'none' : mode === 'hs256-public-key' ? 'HS256' : 'RS256';
    const header = { alg, kid: request.kid, typ: 'JWT', ...request.header };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(request.claims))}`;
    if (mode === 'none') return `${input}.`;
    // The classic confusion: the public key, which anyone has, used as an HMAC secret.
    if (mode === 'hs256-public-key') return `${input}.${b64url(createHmac('sha256', key.publicPem).update(input).digest())}`;
    return `${input}.${b64url(sign('sha256', Buffer.from(input), key.privateKey))}`;
  }

  /** The public key of `kid`, to check a test's own signatures with. */
  publicKey(name: string, kid: string): KeyObject {
    return createPublicKey(this.team(name).keys.get(kid)!.publicPem);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * The HTTP face of `teams`: `GET /teams/{team}/cdn-cgi/access/certs` (the
 * JWKS), and for tests in workerd `POST /teams/{team}/keys` (`{ publish }` →
 * `{ kid }`), `DELETE /teams/{team}/keys/{kid}` (unpublish), `POST
 * /teams/{team}/sign` (a SignRequest → `{ token }`), `GET /teams/{team}/fetches`.
 */
export function startAccessServer(teams = new AccessTeams()): Promise<{ server: Server; url: string; teams: AccessTeams }> {
  const server = createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    try {
      const [, area, name, ...rest] = new URL(req.url ?? '/', 'http://teams').pathname.split('/');
      const what = rest.join('/');
      if (area !== 'teams' || !name) return send(404, { error: 'no such path' });
      if (req.method === 'GET' && what === 'cdn-cgi/access/certs') return send(200, teams.certs(name));
      if (req.method === 'GET' && what === 'fetches') return send(200, { fetches: teams.fetches(name) });
      if (req.method === 'POST' && what === 'keys') {
        const { publish = true } = JSON.parse((await readBody(req)) || '{}') as { publish?: boolean };
        return send(200, { kid: teams.addKey(name, publish) });
      }
      if (req.method === 'DELETE' && rest[0] === 'keys' && rest[1]) {
        teams.unpublish(name, rest[1]);
        return send(200, {});
      }
      if (req.method === 'POST' && what === 'sign') return send(200, { token: teams.sign(name, JSON.parse(await readBody(req)) as SignRequest) });
      return send(404, { error: 'no such path' });
    } catch (error) {
      return send(500, { error: String(error) });
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ server, url: `http://127.0.0.1:${port}`, teams });
    });
  });
}

export default async function setup(project: TestProject) {
  const { server, url } = await startAccessServer();
  project.provide('accessTeams', url);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
