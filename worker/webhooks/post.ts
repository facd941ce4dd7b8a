/**
 * The one outbound request of a delivery: POST the body with its headers,
 * wait at most 10 seconds for the answer, follow no redirect (a redirect
 * could lead anywhere, past the destination check). Only a 2xx counts.
 * Errors say what happened, never the URL (a Slack URL is itself a secret,
 * a Bot API URL holds the bot's token); a refusal's `description` (the Bot
 * API's way of saying why, "Bad Request: chat not found") is kept.
 */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** Of a refusal's body, this much is read for its description. */
const REFUSAL_BYTES = 2048;
const DESCRIPTION_CHARS = 200;

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
  if (response.status < 200 || response.status >= 400) {
    const description = await refusalDescription(response);
    return { ok: false, status: response.status, error: `answered ${response.status}${description ? `: ${description}` : ''}` };
  }
  // The receiver's body is not needed; let the connection go.
  await response.body?.cancel().catch(() => undefined);
  if (response.status >= 300) return { ok: false, status: response.status, error: `answered ${response.status}, a redirect, which is not followed` };
  return { ok: true, status: response.status };
}

/** The `description` of a JSON refusal (`{"ok":false,"description":"…"}`), one line, or null. */
async function refusalDescription(response: Response): Promise<string | null> {
  try {
    const reader = response.body?.getReader();
    if (!reader) return null;
    const chunks: Uint8Array[] = [];
    let size = 0;
    while (size < REFUSAL_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
    await reader.cancel().catch(() => undefined);
    const text = new TextDecoder().decode(concat(chunks).subarray(0, REFUSAL_BYTES));
    const description = (JSON.parse(text) as { description?: unknown }).description;
    return typeof description === 'string' ? description.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').slice(0, DESCRIPTION_CHARS) : null;
  } catch {
    return null;
  }
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all;
}
