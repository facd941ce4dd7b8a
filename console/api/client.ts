/**
 * The one way the console talks to the API: the token only ever in the
 * Authorization header, never in a URL; every non-2xx answer turned into an
 * `ApiFailure` that keeps the API's code, message and per-field issues, so a
 * view can say what went wrong beside the control that caused it. Who is
 * signed in is the caller's business: `configureClient` gives the client the
 * token and what to do when the API stops accepting it.
 */
import type { ErrorBody, ErrorIssue } from '../../shared/schemas/error';

/** A refused or failed request, in the API's own words. */
export class ApiFailure extends Error {
  constructor(
    /** HTTP status; 0 when the server did not answer at all. */
    readonly status: number,
    /** The API's error code (`invalid_query`, `unauthorized`…), or `network`. */
    readonly code: string,
    message: string,
    readonly issues: ErrorIssue[] = [],
  ) {
    super(message);
  }

  /** The message for one field or query parameter, if the API named it. */
  issue(path: string): string | undefined {
    return this.issues.find((i) => i.path == path || i.path.startsWith(path + '.'))?.message;
  }
}

/** Whatever was thrown, as an ApiFailure: the API's own, or a client-side error in the same shape (code `client`). */
export function toFailure(error: unknown): ApiFailure {
  return error instanceof ApiFailure ? error : new ApiFailure(0, 'client', String(error));
}

export interface ClientConfig {
  /** The signed-in token, read at each request; undefined when signed out or signed in through Cloudflare Access. */
  token: () => string | undefined;
  /** Is anyone signed in (with a token, or through Access)? */
  signedIn: () => boolean;
  /** The API refused the signed-in token (401): it was revoked, or the token changed. */
  onUnauthorized: (failure: ApiFailure) => void;
}

let config: ClientConfig = { token: () => undefined, signedIn: () => false, onUnauthorized: () => undefined };

/** Tell the client where the token comes from and who hears of a refused one (the entry point does, once). */
export function configureClient(next: ClientConfig): void {
  config = next;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  signal?: AbortSignal;
  /** Use this token instead of the signed-in one (signing in). */
  token?: string;
  /** More request headers (`If-Match`); never the Authorization, which is the client's own. */
  headers?: Record<string, string>;
}

/** `path` with its query string; empty values are left out. */
export function withQuery(path: string, query: RequestOptions['query'] = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(name, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * Send a request; resolve with the raw Response when it is 2xx. A 401 to the
 * signed-in token means the key was revoked (or the token changed): the
 * caller's `onUnauthorized` hears of it (it signs out with a message rather
 * than show a broken page).
 */
export async function request(pathOrUrl: string, options: RequestOptions = {}): Promise<Response> {
  const token = options.token ?? config.token();
  // Only ever send the token to this origin (Link headers are followed too).
  const url = new URL(pathOrUrl, location.origin);
  if (url.origin != location.origin) throw new ApiFailure(0, 'network', `refusing to send the token to ${url.origin}`);
  const headers: Record<string, string> = { ...options.headers };
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      // Same-origin only (checked above): behind Cloudflare Access, its session cookie is the credential.
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiFailure(0, 'network', 'the server did not answer');
  }
  if (response.ok) return response;
  const failure = await failureOf(response);
  // Still signed in: the first refusal signs out, the requests refused with it add nothing.
  if (response.status == 401 && options.token === undefined && config.signedIn()) config.onUnauthorized(failure);
  throw failure;
}

/**
 * The refusal in the API's words (ErrorBody, docs/contract.md §6). Read by
 * its shape rather than with the schema: the first screen carries no schema
 * library (about 2 KB compressed), and a code the console does not know is
 * said as "something went wrong" anyway (i18n/strings.ts `errorText`).
 */
async function failureOf(response: Response): Promise<ApiFailure> {
  try {
    const refusal = ((await response.json()) as ErrorBody | null)?.error;
    if (typeof refusal?.code == 'string' && typeof refusal.message == 'string') {
      return new ApiFailure(response.status, refusal.code, refusal.message, Array.isArray(refusal.issues) ? refusal.issues : []);
    }
  } catch {
    // not JSON: said by the status alone
  }
  return new ApiFailure(response.status, `http_${response.status}`, response.statusText || 'unexpected answer');
}

/** A JSON answer, typed by the caller with shared/'s schema types. */
export async function getJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await request(withQuery(path, options.query), options);
  return response.status == 204 ? (undefined as T) : ((await response.json()) as T);
}

/** `rel="next"` of a Link header, if any. */
export function nextLink(response: Response): string | null {
  const link = response.headers.get('link');
  const match = link && /<([^>]+)>\s*;\s*rel="?next"?/.exec(link);
  return match ? match[1]! : null;
}
