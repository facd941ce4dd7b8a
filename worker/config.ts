/**
 * The Worker's secrets, read in one place. Each reader returns its secret or
 * throws 503 naming it, never runs open or with a guessable value: outside
 * an explicit local run (`ENVIRONMENT=development`; a missing or misspelt
 * ENVIRONMENT counts as production) a secret must be at least 32 characters
 * and must not be one of the values `.dev.vars.example` publishes.
 */
import type { Env } from './env';
import { ApiError } from './http/errors';

export const MIN_SECRET_LENGTH = 32;

/**
 * The values `.dev.vars.example` ships (a unit test keeps the two equal).
 * They are public, so a deployment that copied one runs with no secret at
 * all: every one of them is refused for every secret outside development.
 */
export const EXAMPLE_SECRETS: Readonly<Record<'ADMIN_TOKEN' | 'LINK_SIGNING_KEY' | 'QUOTA_KEY', string>> = {
  ADMIN_TOKEN: 'dev-admin-token',
  LINK_SIGNING_KEY: 'dev-link-signing-key-not-for-production-use',
  QUOTA_KEY: 'dev-quota-key-not-for-production-use-0000',
};

const EXAMPLE_VALUES = new Set(Object.values(EXAMPLE_SECRETS));

type SecretName = 'ADMIN_TOKEN' | 'LINK_SIGNING_KEY' | 'LINK_SIGNING_KEY_PREVIOUS' | 'QUOTA_KEY';

const isDevelopment = (env: Env): boolean => env.ENVIRONMENT === 'development';

/** Why `value` may not serve as the secret `name` here, or null when it may. */
export function secretProblem(env: Env, name: SecretName, value: string): string | null {
  if (isDevelopment(env)) return null;
  if (value.length < MIN_SECRET_LENGTH) return `${name} must be at least ${MIN_SECRET_LENGTH} characters`;
  if (EXAMPLE_VALUES.has(value)) return `${name} is a published example value (.dev.vars.example): set a secret of your own`;
  return null;
}

function required(env: Env, name: SecretName, unset: string): string {
  const value = env[name];
  if (!value) throw new ApiError('unavailable', `${unset}: set the ${name} secret`);
  const problem = secretProblem(env, name, value);
  if (problem) throw new ApiError('unavailable', problem);
  return value;
}

/** The admin token, or why admin access is unavailable. */
export function adminToken(env: Env): string {
  return required(env, 'ADMIN_TOKEN', 'admin access is not configured');
}

/** The keys of link tokens: the one that seals new links, and the one before a rotation, if any. */
export interface LinkKeys {
  current: string;
  previous?: string;
}

/**
 * The keys of link-survey tokens, or why links are unavailable.
 * `LINK_SIGNING_KEY_PREVIOUS` keeps links minted before a rotation
 * answering; it is held to the same rules when set.
 */
export function linkKeys(env: Env): LinkKeys {
  const current = required(env, 'LINK_SIGNING_KEY', 'link surveys are not configured');
  const previous = env.LINK_SIGNING_KEY_PREVIOUS;
  if (!previous) return { current };
  const problem = secretProblem(env, 'LINK_SIGNING_KEY_PREVIOUS', previous);
  if (problem) throw new ApiError('unavailable', problem);
  return { current, previous };
}

/**
 * Each link key that is set and allowed, else null (an erase works without
 * links). One refused key does not hide the other: an erase while it is
 * refused must still suppress under the key that sealed the user's links,
 * which answer again once the refused one is fixed.
 */
export function linkKeysIfSet(env: Env): LinkKeys | null {
  const usable = (['LINK_SIGNING_KEY', 'LINK_SIGNING_KEY_PREVIOUS'] as const).flatMap((name) => {
    const value = env[name];
    return value && !secretProblem(env, name, value) ? [value] : [];
  });
  const [current, previous] = usable;
  if (current === undefined) return null;
  return previous === undefined ? { current } : { current, previous };
}

/** Used only in a local run whose .dev.vars predates QUOTA_KEY: quotas there guard nothing. */
const DEVELOPMENT_QUOTA_KEY = 'development-quota-key';

/**
 * The key of the hourly answer quota's address hash. Its own secret, so that
 * the quota's rows say nothing even to someone holding another one.
 */
export function quotaKey(env: Env): string {
  if (!env.QUOTA_KEY && isDevelopment(env)) return DEVELOPMENT_QUOTA_KEY;
  return required(env, 'QUOTA_KEY', 'answers cannot be counted');
}
