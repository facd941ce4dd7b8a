/** The one shape of every non-2xx answer (docs/contract.md §6). */
import * as v from 'valibot';

export const ERROR_STATUS = {
  invalid_body: 400,
  invalid_query: 400,
  unauthorized: 401,
  forbidden: 403,
  not_a_member: 403,
  unknown_site: 404,
  unknown_survey: 404,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  survey_paused: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export const ErrorIssue = v.object({ path: v.string(), message: v.string() });
export type ErrorIssue = v.InferOutput<typeof ErrorIssue>;

export const ErrorBody = v.object({
  error: v.object({
    code: v.picklist(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
    message: v.string(),
    issues: v.optional(v.array(ErrorIssue)),
  }),
});
export type ErrorBody = v.InferOutput<typeof ErrorBody>;
