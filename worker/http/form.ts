/**
 * HTML form posts (the link pages): urlencoded only, size checked before
 * anything is parsed, as JSON bodies are (body.ts).
 */
import { COMMENT_MAX } from '../../shared/schemas/response';
import { readCapped } from './body';
import { ApiError } from './errors';

/**
 * A form carrying the longest comment: a browser percent-encodes each UTF-8
 * byte as three characters, and a code point is up to four bytes, so 2,000
 * characters of Persian (two bytes each) already take 12,000 bytes.
 */
export const MAX_FORM_BYTES = 'comment='.length + COMMENT_MAX * 4 * 3;

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** The fields of an `application/x-www-form-urlencoded` body, for a schema to check. */
export async function readForm(request: Request): Promise<Record<string, string>> {
  const type = request.headers.get('content-type')?.split(';', 1)[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw new ApiError('unsupported_media_type', 'Content-Type must be application/x-www-form-urlencoded');
  }
  const bytes = await readCapped(request, MAX_FORM_BYTES);
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new ApiError('invalid_body', 'body must be UTF-8');
  }
  return Object.fromEntries(new URLSearchParams(text));
}
