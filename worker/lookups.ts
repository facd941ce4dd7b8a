/**
 * Cached reads for the public endpoints: every page view fetches a config
 * and every answer or event needs its site and survey. A change an admin
 * makes reaches every isolate within PUBLIC_TTL_MS (and browsers within the
 * config's max-age=60). Reads that anyone can trigger with made-up keys call
 * `beforeMiss` before they go to the database (the route charges the
 * client's rate limit there).
 */
import type { SiteConfig } from '../shared/schemas/survey';
import { TtlCache } from './cache';
import { base64url, sha256 } from './crypto';
import { getSite, isKnownOrigin } from './db/sites';
import { hasActiveWebhooks } from './db/webhooks';
import { listSurveys, toConfig } from './db/surveys';
import { loadTarget, type Target } from './db/target';

export const PUBLIC_TTL_MS = 15_000;
/** Unknown keys are remembered briefly, so a flood of made-up keys stays off D1. */
const UNKNOWN_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

export interface PublicConfig {
  origins: string[];
  /** Every locale's texts; the route narrows it to the one a visitor asks for (shared/survey-text.ts). */
  config: SiteConfig;
  /** The bodies served, by the locale asked ('' for none), made once while this entry is cached. */
  bodies: Map<string, Promise<ConfigBody>>;
}

/** A config as served: its JSON and ETag. */
export interface ConfigBody {
  body: string;
  etag: string;
}

/** Bodies kept per site: the locales its visitors ask for are a handful; beyond, each is made on request. */
const BODIES_PER_SITE = 16;

/** The body of a site's config for one asked locale, made once per cache entry (`make` narrows the config). */
export function configBody(found: PublicConfig, locale: string, make: (config: SiteConfig) => unknown): Promise<ConfigBody> {
  let body = found.bodies.get(locale);
  if (!body) {
    body = (async () => {
      const text = JSON.stringify(make(found.config));
      return { body: text, etag: `"${base64url((await sha256(text)).subarray(0, 12))}"` };
    })();
    if (found.bodies.size < BODIES_PER_SITE) found.bodies.set(locale, body);
  }
  return body;
}

const targets = new TtlCache<Target | null>(MAX_ENTRIES);
const origins = new TtlCache<boolean>(MAX_ENTRIES);
const configs = new TtlCache<PublicConfig | null>(MAX_ENTRIES);
const webhookSites = new TtlCache<boolean>(MAX_ENTRIES);
const ttl = (value: unknown) => (value ? PUBLIC_TTL_MS : UNKNOWN_TTL_MS);

/** Site (origins) and survey (kind), or null for an unknown site. */
export function cachedTarget(db: D1Database, site: string, survey: string | null): Promise<Target | null> {
  return targets.through(`${site}\u0000${survey ?? ''}`, () => loadTarget(db, site, survey), ttl);
}

/** Called when a lookup misses the cache, before the database is asked; may throw to refuse. */
export type BeforeMiss = () => Promise<void>;

/** The config a site's widget reads; null for an unknown site. */
export function cachedConfig(db: D1Database, siteKey: string, beforeMiss: BeforeMiss): Promise<PublicConfig | null> {
  return configs.through(
    siteKey,
    async () => {
      await beforeMiss();
      const site = await getSite(db, siteKey);
      if (!site) return null;
      const surveys = await listSurveys(db, siteKey, { activeOnly: true });
      return { origins: site.origins, config: { site: site.site, cooldown_days: site.cooldown_days, surveys: surveys.map(toConfig) }, bodies: new Map() };
    },
    ttl,
  );
}

/** Does the site have an active webhook? (Answers of sites without one skip the webhook queue.) */
export function cachedHasActiveWebhooks(db: D1Database, site: string): Promise<boolean> {
  return webhookSites.through(site, () => hasActiveWebhooks(db, site), () => PUBLIC_TTL_MS);
}

/** Is `origin` one of any site's origins? (CORS preflights and error answers, which carry no site.) */
export function cachedKnownOrigin(db: D1Database, origin: string, beforeMiss: BeforeMiss): Promise<boolean> {
  return origins.through(
    origin,
    async () => {
      await beforeMiss();
      return isKnownOrigin(db, origin);
    },
    ttl,
  );
}

/** Admin writes call this; other isolates catch up within the TTL. */
export function forgetPublicLookups(): void {
  targets.clear();
  origins.clear();
  configs.clear();
  webhookSites.clear();
}
