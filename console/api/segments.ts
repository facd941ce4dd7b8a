/**
 * The patterns of API path segments (api/path.ts), as pure checks: the ids'
 * patterns are the schemas' own (shared/id-patterns.ts), read without the
 * schema library, which the console's first screen does not load.
 */
import { DELIVERY_ID, type IdPattern, SITE_KEY, SURVEY_ID, WEBHOOK_ID } from '../../shared/id-patterns';

const PATTERNS = {
  site: SITE_KEY,
  survey: SURVEY_ID,
  webhook: WEBHOOK_ID,
  delivery: DELIVERY_ID,
  // UserId's rules (shared/schemas/common.ts) as one pattern: 1–128 characters, no control
  // characters or line breaks, no lone surrogates (tests/unit/console-path.test.ts holds them equal).
  user: { pattern: /^[^\p{Cc}\p{Cs}]{1,128}$/u, message: 'must be 1–128 characters without control characters' },
  prefix: { pattern: /^[A-Za-z0-9_]{1,64}$/, message: 'must be a key prefix (cxr_…)' },
} satisfies Record<string, IdPattern>;

export type SegmentName = keyof typeof PATTERNS;

/** Why `value` cannot be the `name` segment of an API path, or null. */
export function segmentProblem(name: SegmentName, value: string): string | null {
  // A URL resolves `.` and `..` (encoded or not) before it is sent.
  if (/^(\.|%2e){1,2}$/i.test(value)) return 'must not be . or ..';
  const { pattern, message } = PATTERNS[name];
  return pattern.test(value) ? null : message;
}
