/**
 * A follow-up case's statuses (docs/contract.md §13), without the schema
 * library, so that the console's inbox can list them cheaply.
 */
export const CASE_STATUSES = ['open', 'contacted', 'resolved', 'no_action'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
/** A case is closed in these; leaving `open` the first time is its first contact. */
export const CLOSED_STATUSES: readonly CaseStatus[] = ['resolved', 'no_action'];
