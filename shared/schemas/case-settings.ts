/**
 * A site's settings of follow-up cases (docs/contract.md §13), apart from the
 * cases' own schemas so that the site's schemas (and the console's settings
 * forms) do not carry them.
 */
import * as v from 'valibot';

/** Hours to first contact a site aims for, unless it sets its own. */
export const CASES_SLA_HOURS = { min: 1, max: 8760, default: 48 } as const;

/** The `cases` settings of `PATCH /v1/admin/sites/{site}`. */
export const CaseSettings = v.pipe(
  v.strictObject({
    auto: v.optional(v.boolean('must be true or false')),
    sla_hours: v.optional(
      v.pipe(
        v.number('must be a number of hours'),
        v.integer('must be a whole number of hours'),
        v.minValue(CASES_SLA_HOURS.min, `must be between ${CASES_SLA_HOURS.min} and ${CASES_SLA_HOURS.max}`),
        v.maxValue(CASES_SLA_HOURS.max, `must be between ${CASES_SLA_HOURS.min} and ${CASES_SLA_HOURS.max}`),
      ),
    ),
  }),
  v.check((s) => Object.keys(s).length > 0, 'must set auto or sla_hours'),
);
export type CaseSettings = v.InferOutput<typeof CaseSettings>;
