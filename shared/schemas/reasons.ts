/**
 * Reasons: a few tappable options asked after the score ("What is the main
 * reason?"), so that every answer can carry a category that is counted, with
 * an interval, in every language. Options have stable slug ids; their labels
 * may change and be translated without changing what was counted.
 */
import * as v from 'valibot';
import { LocalizedText, SiteKey, nonEmptyText, plainRecord, Locale } from './common';

export const REASONS_MIN = 2;
export const REASONS_MAX = 8;

/** Which scores are asked: every score, the low band only, or the high band only (shared/kinds.ts). */
export const REASON_WHEN = ['all', 'low', 'high'] as const;
export type ReasonWhen = (typeof REASON_WHEN)[number];

/** An option's id: a slug, stored with the answers and named in scores' groups. */
export const REASON_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,39}$/;
export const ReasonId = v.pipe(
  v.string('must be a string'),
  v.regex(REASON_ID_PATTERN, 'must be a slug: a–z, 0–9, _ or -, starting with a letter or digit, up to 40'),
);

/** A chip's label: short, it is tapped. */
const Label = v.pipe(
  plainRecord(Locale, nonEmptyText(60), 'must be an object of locale → text'),
  v.check((o) => Object.keys(o).length >= 1, 'must have text in at least one locale'),
  v.check((o) => Object.keys(o).length <= 50, 'must have at most 50 locales'),
);

const ReasonOption = v.strictObject({ id: ReasonId, label: Label });

/** An issue path into `value` (what getDotPath reads back as `options.2.id`). */
function pathOf(value: unknown, keys: (string | number)[]): [v.IssuePathItem, ...v.IssuePathItem[]] {
  let input = value as Record<string | number, unknown>;
  const items = keys.map((key) => {
    const item = { type: Array.isArray(input) ? 'array' : 'object', origin: 'value', input, key, value: input?.[key] } as v.IssuePathItem;
    input = input?.[key] as Record<string | number, unknown>;
    return item;
  });
  return items as [v.IssuePathItem, ...v.IssuePathItem[]];
}

/**
 * `reasons` of a survey (docs/contract.md §15). Each problem is named at its
 * field, so that the console shows it there: `options.2.id` for a reused id,
 * `options.0.label.fa` for a label missing in a locale the question has.
 */
export const Reasons = v.pipe(
  v.strictObject({
    question: LocalizedText,
    options: v.pipe(
      v.array(ReasonOption, 'must be a list of options'),
      v.minLength(REASONS_MIN, `must have ${REASONS_MIN} to ${REASONS_MAX} options`),
      v.maxLength(REASONS_MAX, `must have ${REASONS_MIN} to ${REASONS_MAX} options`),
    ),
    multiple: v.optional(v.boolean('must be true or false'), false),
    when: v.optional(v.picklist(REASON_WHEN, 'must be all, low or high'), 'all'),
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const { question, options } = dataset.value;
    const seen = new Set<string>();
    options.forEach((option, index) => {
      const at = (...keys: string[]) => pathOf(dataset.value, ['options', index, ...keys]);
      if (seen.has(option.id)) addIssue({ message: `${option.id} is used by an earlier option; each id once`, path: at('id') });
      seen.add(option.id);
      for (const locale of Object.keys(question)) {
        if (!(locale in option.label)) addIssue({ message: `needs a label in ${locale}, as the question has`, path: at('label', locale) });
      }
    });
  }),
);
export type Reasons = v.InferOutput<typeof Reasons>;

/** `POST /v1/responses/{id}/reasons`: the ids the visitor chose, each once. */
export const ReasonsBody = v.strictObject({
  site: SiteKey,
  reasons: v.pipe(
    v.array(ReasonId, 'must be a list of option ids'),
    v.minLength(1, 'must name at least one option'),
    v.maxLength(REASONS_MAX, `must name at most ${REASONS_MAX} options`),
    v.check((ids) => new Set(ids).size === ids.length, 'must name each option once'),
  ),
});
export type ReasonsBody = v.InferOutput<typeof ReasonsBody>;

export const ReasonsStored = v.object({ id: v.string(), reasons: v.array(v.string()) });
