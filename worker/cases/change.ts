/**
 * What a PATCH makes of a case (docs/contract.md §13), pure: the fields it
 * sets, and the times that follow from its status. `first_contact_at` is the
 * first time the case left `open` and stays; `closed_at` is when it last
 * became `resolved` or `no_action`, and goes when it is opened again.
 */
import { CLOSED_STATUSES, type CasePatch } from '../../shared/schemas/case';
import type { CaseState, CaseUpdate } from '../db/cases';

const closed = (status: CaseState['status']) => CLOSED_STATUSES.includes(status);

/** The case after `patch` at `now`, and the fields that changed (none: the patch changes nothing). */
export function applyPatch(state: CaseState, patch: CasePatch, now: number): { update: CaseUpdate; fields: string[] } {
  const status = patch.status ?? state.status;
  const assignee = patch.assignee === undefined ? state.assignee : patch.assignee;
  const tags = patch.tags ?? state.tags;
  const fields: string[] = [];
  if (status !== state.status) fields.push('status');
  if (assignee !== state.assignee) fields.push('assignee');
  if (JSON.stringify(tags) !== JSON.stringify(state.tags)) fields.push('tags');
  return {
    update: {
      status,
      assignee,
      tags,
      first_contact_at: state.first_contact_at ?? (status !== 'open' ? now : null),
      closed_at: !closed(status) ? null : closed(state.status) ? state.closed_at : now,
    },
    fields,
  };
}
