/**
 * The one outbound request of a delivery: POST the body with its headers,
 * wait at most 10 seconds for the answer, follow no redirect (a redirect
 * could lead anywhere, past the destination check). Only a 2xx counts.
 * Errors say what happened, never the URL (a Slack URL is itself a secret).
 */
export const DELIVERY_TIMEOUT_MS = 10_000;

export type PostResult = { ok: true; status: number } | { ok: false; status: number | null; error: string };

export async function postDelivery(url: string, headers: Record<string, string>, body: string): Promise<PostResult> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'cx-feedback-webhooks/1', ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') return { ok: false, status: null, error: `no answer within ${DELIVERY_TIMEOUT_MS / 1000} s` };
    return { ok: false, status: null, error: `could not connect (${name || 'network error'})` };
  }
  // The receiver's body is not needed; let the connection go.
  await response.body?.cancel().catch(() => undefined);
  if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
  if (response.status >= 300 && response.status < 400) return { ok: false, status: response.status, error: `answered ${response.status}, a redirect, which is not followed` };
  return { ok: false, status: response.status, error: `answered ${response.status}` };
}
