/** Every non-2xx answer is `{ error: { code, message, issues? } }` (docs/contract.md §6). */
import { ERROR_STATUS, type ErrorBody, type ErrorCode, type ErrorIssue } from '../../shared/schemas/error';

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ErrorIssue[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

export function errorBody(code: ErrorCode, message: string, issues?: ErrorIssue[]): ErrorBody {
  return { error: issues ? { code, message, issues } : { code, message } };
}

/** 400 naming the one query parameter or body field that is wrong. */
export function invalidField(code: 'invalid_body' | 'invalid_query', path: string, message: string): ApiError {
  return new ApiError(code, `${path}: ${message}`, [{ path, message }]);
}

export const unknownSite = (site: string): ApiError => new ApiError('unknown_site', `no site ${site}`);

export const unknownSurvey = (site: string, survey: string): ApiError => new ApiError('unknown_survey', `no survey ${survey} on site ${site}`);
