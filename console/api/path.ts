/**
 * Path segments of API URLs, from values a URL hash or a form gave (`site`,
 * a survey `id`…): each is checked against its pattern before it is put
 * into a path, so a `..`, a slash or a stray character never sends a
 * request to another endpoint. A refused value is an `ApiFailure` the view
 * shows like any other, and no request is made.
 */
import { ApiFailure } from './client';
import { type SegmentName, segmentProblem } from './segments';

/** `value`, checked and percent-encoded, for the `name` segment of an API path. */
export function segment(name: SegmentName, value: string): string {
  const problem = segmentProblem(name, value);
  if (problem) throw new ApiFailure(400, 'invalid_query', `${name}: ${problem}`, [{ path: name, message: problem }]);
  return encodeURIComponent(value);
}
