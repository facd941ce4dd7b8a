/** The follow-up cases' endpoints in the OpenAPI document (rows of the operation table in ../openapi.ts). */
import { CaseDetail, CaseId, CaseNote, CasePage, CasePatch, CaseStats, CaseStatsQuery, CasesQuery, NoteCreate } from '../../shared/schemas/case';
import { SiteKey } from '../../shared/schemas/common';
import type { Operation } from '../openapi-operation';

const site = { site: SiteKey };
const oneCase = { site: SiteKey, id: CaseId };

export const CASE_OPERATIONS: Operation[] = [
  { method: 'get', path: '/v1/sites/{site}/cases', summary: 'The inbox: cases newest first, by status, assignee (me, none, an email), touchpoint, kind', tag: 'cases', path_params: site, query: CasesQuery, responses: { 200: CasePage }, errors: [400, 404] },
  { method: 'get', path: '/v1/sites/{site}/cases/stats', summary: 'Hours to first contact and to close (median, p90) and the share within the SLA', tag: 'cases', path_params: site, query: CaseStatsQuery, responses: { 200: CaseStats }, errors: [400, 404] },
  { method: 'get', path: '/v1/sites/{site}/cases/{id}', summary: 'One case (ETag: its version) with its answer, notes, history and the customer\'s other answers', tag: 'cases', path_params: oneCase, responses: { 200: CaseDetail }, errors: [404] },
  { method: 'patch', path: '/v1/sites/{site}/cases/{id}', summary: 'Change status, assignee or tags (opens a case for any answer); If-Match: "VERSION", 412 when stale', tag: 'cases', path_params: oneCase, body: CasePatch, responses: { 200: CaseDetail }, errors: [400, 404, 409, 412, 413, 415] },
  { method: 'post', path: '/v1/sites/{site}/cases/{id}/notes', summary: 'Add an internal note (never in webhooks, exports or the feed)', tag: 'cases', path_params: oneCase, body: NoteCreate, responses: { 201: CaseNote }, errors: [400, 404, 413, 415] },
];
