/**
 * Follow-up cases (docs/contract.md §13): an unhappy answer becomes a case
 * that someone owns until it is closed. The inbox, one case, its changes,
 * notes and stats.
 */
import * as v from 'valibot';
import { CASE_STATUSES, CLOSED_STATUSES, type CaseStatus } from '../case-statuses';
import { KINDS } from '../kinds';
import { DateParam, Touchpoint, Uuid, limitParam, text, unicodeText } from './common';
import { ExportedResponse } from './export';
import { Email } from './team';

export { CASE_STATUSES, CLOSED_STATUSES, type CaseStatus };

export const MAX_CASE_TAGS = 10;
export const MAX_NOTE_CHARACTERS = 2000;

const Status = v.picklist(CASE_STATUSES, `must be one of ${CASE_STATUSES.join(', ')}`);

/** A tag: a slug such as `refund` or `call-back`. */
export const CaseTag = v.pipe(v.string('must be a string'), v.regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'must be a slug such as refund (a-z, 0-9, _ or -, up to 32)'));

const Tags = v.pipe(
  v.array(CaseTag, 'must be a list of tags'),
  v.maxLength(MAX_CASE_TAGS, `must have at most ${MAX_CASE_TAGS} tags`),
  v.transform((tags) => [...new Set(tags)]),
);

/** `PATCH /v1/sites/{site}/cases/{id}`: `assignee` null unassigns. */
export const CasePatch = v.pipe(
  v.strictObject({
    status: v.optional(Status),
    assignee: v.optional(v.nullable(Email)),
    tags: v.optional(Tags),
  }),
  v.check((p) => Object.keys(p).length > 0, 'must change at least one of status, assignee, tags'),
);
export type CasePatch = v.InferOutput<typeof CasePatch>;

/** `If-Match: "7"` (quoted as an ETag, or bare): the version the change was made on. */
export const IfMatch = v.pipe(
  v.string(),
  v.regex(/^(W\/)?"?[1-9]\d{0,8}"?$/, 'must be the case\'s version, such as "3"'),
  v.transform((s) => Number(s.replace(/^W\//, '').replaceAll('"', ''))),
);

/** `POST /v1/sites/{site}/cases/{id}/notes` */
export const NoteCreate = v.strictObject({
  text: v.pipe(
    text(MAX_NOTE_CHARACTERS),
    unicodeText,
    v.check((s) => s.trim().length > 0, 'must not be empty'),
  ),
});
export type NoteCreate = v.InferOutput<typeof NoteCreate>;

export const CASES_MAX_LIMIT = 200;

/** `me`: the signed-in member; `none`: unassigned; else a member's email. */
const AssigneeFilter = v.union([v.picklist(['me', 'none']), Email], 'must be me, none or an email');

/** `GET /v1/sites/{site}/cases` */
export const CasesQuery = v.strictObject({
  status: v.optional(Status),
  assignee: v.optional(AssigneeFilter),
  touchpoint: v.optional(Touchpoint),
  kind: v.optional(v.picklist(KINDS, 'must be nps, csat or ces')),
  /** Opaque: the previous page's `next_cursor`. */
  cursor: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,200}$/, 'is not a cursor this API made'))),
  limit: v.optional(limitParam(CASES_MAX_LIMIT), '50'),
});
export type CasesQuery = v.InferOutput<typeof CasesQuery>;

/** `GET /v1/sites/{site}/cases/stats` */
export const CaseStatsQuery = v.strictObject({
  from: v.optional(DateParam),
  to: v.optional(DateParam),
  group_by: v.optional(v.picklist(['assignee', 'touchpoint'], 'must be assignee or touchpoint')),
});
export type CaseStatsQuery = v.InferOutput<typeof CaseStatsQuery>;

export const CaseId = Uuid;

const CaseFields = {
  id: v.string(),
  status: Status,
  assignee: v.nullable(v.string()),
  tags: v.array(v.string()),
  opened_at: v.string(),
  first_contact_at: v.nullable(v.string()),
  closed_at: v.nullable(v.string()),
  version: v.number(),
  response: ExportedResponse,
};

/** A case in the inbox: `notes` is how many it has. */
export const CaseSummary = v.object({ ...CaseFields, notes: v.number() });
export type CaseSummary = v.InferOutput<typeof CaseSummary>;

export const CasePage = v.object({ cases: v.array(CaseSummary), next_cursor: v.nullable(v.string()) });
export type CasePage = v.InferOutput<typeof CasePage>;

export const CaseNote = v.object({ id: v.string(), author: v.string(), at: v.string(), text: v.string() });
export type CaseNote = v.InferOutput<typeof CaseNote>;

/**
 * One accepted change: who (a member's email, `admin_token`, an API key's
 * prefix; null when the answer opened the case) and what it set. `assignee`
 * null is an unassignment.
 */
export const CaseChange = v.object({
  version: v.number(),
  at: v.string(),
  actor: v.nullable(v.string()),
  status: v.optional(Status),
  assignee: v.optional(v.nullable(v.string())),
  tags: v.optional(v.array(v.string())),
});
export type CaseChange = v.InferOutput<typeof CaseChange>;

/**
 * `GET /v1/sites/{site}/cases/{id}`: the case with its notes and history,
 * oldest first, and the same customer's (`user`) other answers, newest first.
 */
export const CaseDetail = v.object({
  ...CaseFields,
  notes: v.array(CaseNote),
  history: v.array(CaseChange),
  other_answers: v.array(ExportedResponse),
});
export type CaseDetail = v.InferOutput<typeof CaseDetail>;

const Hours = v.object({ median: v.nullable(v.number()), p90: v.nullable(v.number()) });

export const CaseStatsFigures = v.object({
  opened: v.number(),
  open: v.number(),
  contacted: v.number(),
  resolved: v.number(),
  no_action: v.number(),
  first_contact_h: Hours,
  close_h: Hours,
  within_sla: v.nullable(v.number()),
});
export type CaseStatsFigures = v.InferOutput<typeof CaseStatsFigures>;

export const CaseStats = v.object({
  from: v.string(),
  to: v.string(),
  sla_hours: v.number(),
  total: CaseStatsFigures,
  groups: v.optional(v.array(v.object({ key: v.nullable(v.string()), ...CaseStatsFigures.entries }))),
});
export type CaseStats = v.InferOutput<typeof CaseStats>;
