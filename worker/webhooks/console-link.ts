/**
 * Links from a chat message back into the console. The console's address is
 * CONSOLE_URL when set, else the Worker's own origin + `/app/` (the origin the
 * webhook was set up through: a queued delivery has no request to read it
 * from). Views are addressed by the console's URL hash (`#/view?params`).
 *
 * An answer opens as its case in the inbox (docs/contract.md §13), where an
 * answer without a case shows as one that can be opened.
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

/** One answer's case in the console's inbox. */
export function caseLink(base: string, answer: { site: string; id: string }): string {
  return viewLink(base, 'inbox', { site: answer.site, case: answer.id });
}

/** A webhook's deliveries in the console (where a test shows up). */
export function deliveriesLink(base: string, webhook: { site: string; id: string }): string {
  return viewLink(base, 'deliveries', { site: webhook.site, id: webhook.id });
}
