/**
 * Form validation with the API's own valibot schemas (shared/schemas): the
 * same rules before the request as after it. Issues from either side are
 * keyed by their dot path (`trigger.scroll_pct`, `origins.1`), so each field
 * shows its own message, whether the browser or the API found it.
 */
import * as v from 'valibot';
import type { ErrorIssue } from '../../shared/schemas/error';

export type Issues = Record<string, string>;

/** Issues of `input` under `schema`, or null when it passes. */
export function check<S extends v.GenericSchema>(schema: S, input: unknown): { output: v.InferOutput<S>; issues: null } | { output: null; issues: Issues } {
  const result = v.safeParse(schema, input);
  if (result.success) return { output: result.output, issues: null };
  const issues: Issues = {};
  for (const issue of result.issues) {
    const path = v.getDotPath(issue) ?? '';
    issues[path] ??= messageOf(issue);
  }
  return { output: null, issues };
}

/** valibot's own words for a strict object's unknown or missing key are vague; say which. */
function messageOf(issue: v.BaseIssue<unknown>): string {
  if (issue.type == 'strict_object' || issue.type == 'object') {
    if (issue.expected == 'never') return 'is not a known field';
    if (issue.received == 'undefined') return 'is required';
  }
  return issue.message;
}

/** The API's issues of a refused request (an ApiFailure), keyed the same way. */
export function issuesOf(failure: { issues: ErrorIssue[] }): Issues {
  const issues: Issues = {};
  for (const issue of failure.issues) issues[issue.path] ??= issue.message;
  return issues;
}

/** The message for a field: its own path, or the first of its parts (`origins` shows `origins.1`). */
export function issueAt(issues: Issues | null, path: string): string | undefined {
  if (!issues) return undefined;
  if (issues[path]) return issues[path];
  const child = Object.keys(issues).find((key) => key.startsWith(path + '.'));
  return child ? issues[child] : undefined;
}
