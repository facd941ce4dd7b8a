/** Follow-up cases (docs/contract.md §13), typed with shared/'s schemas. */
import type { CaseDetail, CaseNote, CasePage, CasePatch, CaseStats, CaseStatus } from '../../shared/schemas/case';
import type { Kind } from '../../shared/kinds';
import * as v from 'valibot';
import { Uuid } from '../../shared/schemas/common';
import { ApiFailure, getJson } from './client';
import { segment } from './path';

export type { CaseDetail, CaseNote, CasePage, CaseStats, CaseStatus };
export type CaseSummary = CasePage['cases'][number];

export interface InboxFilter {
  status?: CaseStatus;
  /** `me`, `none` or an email. */
  assignee?: string;
  touchpoint?: string;
  kind?: Kind;
}

const cases = (site: string) => `/v1/sites/${segment('site', site)}/cases`;
/**
 * A case is named by its answer's id, a UUID: anything else (a `..` from a
 * URL's hash) is refused before a request is made, as api/path.ts refuses
 * other segments. Checked with the schema, which this chunk already loads,
 * rather than a pattern on the first screen.
 */
function oneCase(site: string, id: string): string {
  if (!v.is(Uuid, id)) throw new ApiFailure(400, 'invalid_query', 'case: must be a UUID', [{ path: 'case', message: 'must be a UUID' }]);
  return `${cases(site)}/${id}`;
}

export function listCases(site: string, filter: InboxFilter, cursor: string | null, signal?: AbortSignal): Promise<CasePage> {
  return getJson<CasePage>(cases(site), { query: { ...filter, cursor: cursor ?? undefined, limit: 50 }, signal });
}

export function getCase(site: string, id: string, signal?: AbortSignal): Promise<CaseDetail> {
  return getJson<CaseDetail>(oneCase(site, id), { signal });
}

/** A change made on `version`: refused with 412 (precondition_failed) when someone changed the case meanwhile. */
export function patchCase(site: string, id: string, patch: CasePatch, version: number | null): Promise<CaseDetail> {
  // No version: the answer has no case yet, and this opens one.
  return getJson<CaseDetail>(oneCase(site, id), { method: 'PATCH', body: patch, headers: version === null ? {} : { 'if-match': `"${version}"` } });
}

export function addNote(site: string, id: string, text: string): Promise<CaseNote> {
  return getJson<CaseNote>(`${oneCase(site, id)}/notes`, { method: 'POST', body: { text } });
}

export function caseStats(site: string, query: { from?: string; to?: string; group_by?: 'assignee' | 'touchpoint' }, signal?: AbortSignal): Promise<CaseStats> {
  return getJson<CaseStats>(`${cases(site)}/stats`, { query, signal });
}
