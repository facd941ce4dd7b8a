/** Run a shared valibot schema over client input; failures become 400s that name the field. */
import * as v from 'valibot';
import type { ErrorIssue } from '../../shared/schemas/error';
import { ApiError } from './errors';

function messageOf(issue: v.BaseIssue<unknown>): string {
  // valibot reports unknown and missing keys of a strict object with the
  // object's own message; say which it is.
  if (issue.type === 'strict_object' || issue.type === 'object') {
    if (issue.expected === 'never') return 'is not a known field';
    if (issue.received === 'undefined') return 'is required';
    return 'must be a JSON object';
  }
  return issue.message;
}

export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): ErrorIssue[] {
  return issues.map((issue) => ({ path: v.getDotPath(issue) ?? '', message: messageOf(issue) }));
}

export function summary(issues: ErrorIssue[]): string {
  const first = issues[0];
  if (!first) return 'invalid input';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return (first.path ? `${first.path}: ${first.message}` : first.message) + more;
}

/** Parse `input` with `schema` or throw a 400 `code` error listing every issue. */
export function parseWith<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  code: 'invalid_body' | 'invalid_query',
): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  const issues = describeIssues(result.issues);
  throw new ApiError(code, summary(issues), issues);
}
