/**
 * Cloudflare Access: the `Cf-Access-Jwt-Assertion` header verified here
 * (docs/contract.md §12), with jose. RS256 only, against the team's signing
 * keys, the audience tag and the team domain, `exp`/`nbf` with 60 s of leeway.
 *
 * Access rotates its keys every six weeks and keeps the old one valid for
 * seven more days, so a set can hold two keys; each token names its key by
 * `kid`. Keys are cached for at most ten minutes. A token naming a key the
 * cache lacks refetches once, but never sooner than a minute after the last
 * fetch: forged `kid`s cannot make the Worker hammer the certs URL.
 */
import { createLocalJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Env } from '../env';
import { ApiError } from './errors';

export const ACCESS_HEADER = 'cf-access-jwt-assertion';
/**
 * The cookie Access sets on the application's host, holding the same token:
 * when Access guards only the console's page (`/app`), the console's own
 * requests to the API carry the cookie but not the header.
 */
export const ACCESS_COOKIE = 'CF_Authorization';

/** Access assertions are a kilobyte or two; anything past this is refused before it is parsed. */
export const MAX_ASSERTION_BYTES = 8 * 1024;
/** How long fetched keys are trusted. */
export const KEYS_MAX_AGE_MS = 10 * 60_000;
/** The least time between two fetches caused by an unknown `kid`. */
export const UNKNOWN_KID_COOLDOWN_MS = 60_000;
/** After a failed fetch, requests wait this long before another is tried (a down certs URL is not hammered). */
const FAILED_FETCH_PAUSE_MS = 5_000;
const FETCH_TIMEOUT_MS = 5_000;
/** Clock skew allowed on `exp` and `nbf`, in seconds. */
const LEEWAY_S = 60;

export interface AccessConfig {
  aud: string;
  /** `iss` must be one of these: ACCESS_TEAM_DOMAIN as set, and with https:// and no trailing slash. */
  issuers: string[];
  certsUrl: string;
}

const unavailable = (message: string) => new ApiError('unavailable', message);

/** The Access settings, null when ACCESS_AUD is unset, or 503 when they are set but unusable. */
export function accessConfig(env: Env): AccessConfig | null {
  const aud = env.ACCESS_AUD?.trim();
  if (!aud) return null;
  const team = env.ACCESS_TEAM_DOMAIN?.trim();
  if (!team) throw unavailable('ACCESS_AUD is set but ACCESS_TEAM_DOMAIN is not: set it to https://<team>.cloudflareaccess.com');
  const domain = (/^https?:\/\//i.test(team) ? team : `https://${team}`).replace(/\/+$/, '');
  const certsUrl = env.ACCESS_CERTS_URL?.trim() || `${domain}/cdn-cgi/access/certs`;
  if (!URL.canParse(certsUrl)) throw unavailable('ACCESS_CERTS_URL is not a URL');
  const protocol = new URL(certsUrl).protocol;
  // Keys fetched in the clear could be swapped on the way; only a local run may use http (a JWKS on loopback).
  if (protocol !== 'https:' && !(protocol === 'http:' && env.ENVIRONMENT === 'development')) {
    throw unavailable('ACCESS_CERTS_URL must be an https URL (http only in local development)');
  }
  return { aud, issuers: [...new Set([team, domain])], certsUrl };
}

/** The certs URL could not be read: the deployment's problem, not the client's (503). */
class CertsUnavailable extends Error {}

/** One certs URL's keys, as cached by this isolate. */
class TeamKeys {
  private keys: JWTVerifyGetKey | null = null;
  private fetchedAt = -Infinity;
  private attemptedAt = -Infinity;
  private failedAt = -Infinity;

  constructor(private readonly url: string) {}

  /** The key a token's header names, for jwtVerify. */
  readonly resolve: JWTVerifyGetKey = async (header, token) => {
    const now = Date.now();
    if (!this.keys || now - this.fetchedAt >= KEYS_MAX_AGE_MS) await this.load(now);
    try {
      return await this.keys!(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey) || now - this.attemptedAt < UNKNOWN_KID_COOLDOWN_MS) throw error;
      await this.load(now);
      return this.keys!(header, token);
    }
  };

  private async load(now: number): Promise<void> {
    if (now - this.failedAt < FAILED_FETCH_PAUSE_MS) throw new CertsUnavailable('the last fetch failed moments ago');
    // Set before the fetch is awaited: concurrent unknown kids in this isolate see the cooldown at once.
    this.attemptedAt = now;
    try {
      const response = await fetch(this.url, {
        headers: { accept: 'application/json' },
        redirect: 'manual',
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      });
      if (response.status !== 200) throw new CertsUnavailable(`HTTP ${response.status}`);
      this.keys = createLocalJWKSet(await response.json());
      this.fetchedAt = now;
    } catch (error) {
      this.failedAt = now;
      throw error instanceof CertsUnavailable ? error : new CertsUnavailable(error instanceof Error ? error.name : 'fetch failed');
    }
  }
}

const teams = new Map<string, TeamKeys>();

function keysOf(url: string): TeamKeys {
  let keys = teams.get(url);
  if (!keys) teams.set(url, (keys = new TeamKeys(url)));
  return keys;
}

const refused = (reason: string) => new ApiError('unauthorized', `Cf-Access-Jwt-Assertion: ${reason}`);

/** Why a token was refused, in words for the 401. */
function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'is for another Access application (aud)';
    if (error.claim === 'iss') return 'was issued by another team domain (iss)';
    if (error.claim === 'nbf') return 'is not valid yet (nbf)';
    return `claim ${error.claim} is missing or wrong`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'must be signed with RS256';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'signature does not verify';
  if (error instanceof errors.JWKSNoMatchingKey) return "is signed with a key the team's certs do not have (kid)";
  if (error instanceof errors.JWKSMultipleMatchingKeys) return 'names no single key (kid)';
  return 'is not a well-formed signed token';
}

/** The verified email of an assertion (lowercased), or 401 with the reason (503 when the keys cannot be fetched). */
export async function verifyAssertion(assertion: string, config: AccessConfig): Promise<string> {
  if (assertion.length > MAX_ASSERTION_BYTES) throw refused(`is over ${MAX_ASSERTION_BYTES} bytes`);
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(assertion, keysOf(config.certsUrl).resolve, {
      algorithms: ['RS256'],
      audience: config.aud,
      issuer: config.issuers,
      clockTolerance: LEEWAY_S,
      requiredClaims: ['exp'],
    }));
  } catch (error) {
    if (error instanceof CertsUnavailable) throw unavailable(`the Access signing keys could not be fetched from ACCESS_CERTS_URL (${error.message})`);
    throw refused(reasonOf(error));
  }
  const email = payload.email;
  // A service token's assertion names no person: scripts use API keys instead.
  if (typeof email !== 'string' || !email.includes('@') || email.length > 254) throw refused('carries no email (a service token? use an API key)');
  return email.toLowerCase();
}
