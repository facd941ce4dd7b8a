/**
 * What the Worker writes to its logs, in one place. Logs never carry request
 * bodies, keys, secrets, link tokens, erased user ids or webhook URLs (a URL
 * may hold a token), so an
 * error the Worker recovers from is logged by its name and message only;
 * only a bug, an error no code expected, is logged whole, for its stack.
 */
import { maskBotTokens } from '../shared/schemas/webhook';

/** The name of an error, for logs that must not carry URLs, secrets (a bot token included) or bodies. */
export function errorName(error: unknown): string {
  return error instanceof Error ? maskBotTokens(`${error.name}: ${error.message.slice(0, 200)}`) : 'unknown error';
}

/** Something failed that the Worker recovers from (a delivery waits for the sweep, counts for the next flush). */
export function logFailure(message: string, error?: unknown): void {
  console.error(error === undefined ? message : `${message}: ${errorName(error)}`);
}

/**
 * A request's path as it may be logged: a link's token (which is its
 * capability) and a user id in an erase never reach the logs.
 */
export function loggablePath(path: string): string {
  return path.replace(/^\/r\/[^/]+/, '/r/{token}').replace(/\/users\/[^/]+/, '/users/{user}');
}

/** A bug while answering a request: the request line (without a link token or user id) and the whole error. */
export function logBug(request: { method: string; path: string }, error: unknown): void {
  console.error(`${request.method} ${loggablePath(request.path)}:`, error);
}
