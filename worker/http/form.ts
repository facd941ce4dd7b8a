/**
 * HTML form posts (the link pages): urlencoded only, size checked before
 * anything is parsed, as JSON bodies are (body.ts).
 */
import { COMMENT_MAX } from '../../shared/schemas/response';
import { mediaType, readText } from './body';
import { ApiError } from './errors';

/**
 * A link page's form carrying the longest comment: a browser percent-encodes
 * each UTF-8 byte as three characters, and a code point is up to four bytes,
 * so 2,000 characters of Persian (two bytes each) already take 12,000 bytes.
 * The score and a reusable link's answer id come with it.
 */
export const MAX_FORM_BYTES = 'score=10&answer=00000000-0000-0000-0000-000000000000&comment='.length + COMMENT_MAX * 4 * 3;

/** The fields of an `application/x-www-form-urlencoded` body, for a schema to check. */
export async function readForm(request: Request): Promise<Record<string, string>> {
  if (mediaType(request.headers.get('content-type')) !== 'application/x-www-form-urlencoded') {
    throw new ApiError('unsupported_media_type', 'Content-Type must be application/x-www-form-urlencoded');
  }
  return Object.fromEntries(new URLSearchParams(await readText(request, MAX_FORM_BYTES)));
}
