/**
 * Request bodies: size and media type are checked before anything is parsed,
 * so a flood of large or odd bodies costs no JSON parsing.
 */
import { MAX_BODY_BYTES } from '../../shared/limits';
import { ApiError } from './errors';

/** `text/plain` is accepted because `navigator.sendBeacon` cannot send JSON without a preflight. */
const JSON_MEDIA_TYPES = new Set(['application/json', 'text/plain']);

/** `application/json; charset=utf-8` → `application/json`. */
export function mediaType(header: string | null): string | null {
  if (!header) return null;
  return header.split(';', 1)[0]!.trim().toLowerCase();
}

/** Read at most `maxBytes` (default MAX_BODY_BYTES), whatever Content-Length claims. */
async function readCapped(request: Request, maxBytes = MAX_BODY_BYTES): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function tooLarge(maxBytes: number): ApiError {
  return new ApiError('payload_too_large', `body must be at most ${maxBytes} bytes`);
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** The body as UTF-8 text, at most `maxBytes` (its media type is the caller's to check). */
export async function readText(request: Request, maxBytes = MAX_BODY_BYTES): Promise<string> {
  const bytes = await readCapped(request, maxBytes);
  try {
    return decoder.decode(bytes);
  } catch {
    throw new ApiError('invalid_body', 'body must be UTF-8');
  }
}

/** The request's JSON body, as `unknown`, for a schema to check; bodies over `maxBytes` are refused. */
export async function readJson(request: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const type = mediaType(request.headers.get('content-type'));
  if (type === null || !JSON_MEDIA_TYPES.has(type)) {
    throw new ApiError('unsupported_media_type', 'Content-Type must be application/json (or text/plain holding JSON)');
  }
  const text = await readText(request, maxBytes);
  if (text.trim() === '') throw new ApiError('invalid_body', 'body must be a JSON object');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError('invalid_body', 'body is not valid JSON');
  }
}
