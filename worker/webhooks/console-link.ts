/**
 * Links from a chat message back into the console. The console's address is
 * CONSOLE_URL when set, else the Worker's own origin + `/app/` (the origin the
 * webhook was set up through: a queued delivery has no request to read it
 * from). Views are addressed by the console's URL hash (`#/view?params`).
 *
 * An answer opens in the comments view filtered to that one answer; when the
 * console has a view of one answer's case, only `answerLink` changes.
 */

/** The console's base URL, or null when neither CONSOLE_URL nor the webhook's origin is known. */
export function consoleBase(configured: string | undefined, workerOrigin: string | null): string | null {
  if (configured && URL.canParse(configured) && /^https?:$/.test(new URL(configured).protocol)) return configured;
  return workerOrigin ? new URL('/app/', workerOrigin).href : null;
}

function viewLink(base: string, view: string, params: Record<string, string>): string {
  const url = new URL(base);
  url.hash = `/${view}?${new URLSearchParams(params)}`;
  return url.href;
}

/** One answer in the console. */
export function answerLink(base: string, answer: { site: string; survey: string; id: string }): string {
  return viewLink(base, 'comments', { site: answer.site, survey: answer.survey, id: answer.id });
}

/** A webhook's deliveries in the console (where a test shows up). */
export function deliveriesLink(base: string, webhook: { site: string; id: string }): string {
  return viewLink(base, 'deliveries', { site: webhook.site, id: webhook.id });
}
