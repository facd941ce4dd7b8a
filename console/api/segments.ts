/** The patterns of API path segments (api/path.ts), as pure checks. */
import * as v from 'valibot';
import { SiteKey, SurveyId, UserId } from '../../shared/schemas/common';
import { DeliveryId, WebhookId } from '../../shared/schemas/webhook';

const PATTERNS = {
  site: SiteKey,
  survey: SurveyId,
  webhook: WebhookId,
  delivery: DeliveryId,
  user: UserId,
  prefix: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_]{1,64}$/, 'must be a key prefix (cxr_…)')),
} satisfies Record<string, v.GenericSchema<string, string>>;

export type SegmentName = keyof typeof PATTERNS;

/** Why `value` cannot be the `name` segment of an API path, or null. */
export function segmentProblem(name: SegmentName, value: string): string | null {
  // A URL resolves `.` and `..` (encoded or not) before it is sent.
  if (/^(\.|%2e){1,2}$/i.test(value)) return 'must not be . or ..';
  const parsed = v.safeParse(PATTERNS[name], value);
  return parsed.success ? null : parsed.issues[0].message;
}

