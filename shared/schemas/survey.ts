/** Surveys as an admin creates and edits them, and as the widget reads them. */
import * as v from 'valibot';
import { KINDS } from '../kinds';
import { LocalizedText, SurveyId, SiteKey, nonEmptyText, unicodeText } from './common';

export const TRIGGERS = ['load', 'scroll', 'exit', 'manual'] as const;
export const POSITIONS = ['bottom-right', 'bottom-left', 'top-right', 'top-left', 'center'] as const;

/** Stars one path glob may hold. */
export const MAX_GLOB_STARS = 4;

/** Glob over page paths: `*` matches any run of characters. */
const PathGlob = v.pipe(
  v.string('must be a string'),
  unicodeText,
  v.minLength(1, 'must not be empty'),
  v.maxLength(200, 'must be at most 200 characters'),
  v.startsWith('/', 'must start with /'),
  // Visitors' pages match globs; bounded stars keep every matcher fast, old cached loaders too.
  v.check((glob) => glob.split('*').length - 1 <= MAX_GLOB_STARS, `must have at most ${MAX_GLOB_STARS} *`),
);

export const Trigger = v.pipe(
  v.strictObject({
    on: v.optional(v.picklist(TRIGGERS, 'must be load, scroll, exit or manual'), 'load'),
    delay_s: v.optional(
      v.pipe(v.number('must be a number'), v.integer('must be an integer'), v.minValue(0, 'must be between 0 and 3600'), v.maxValue(3600, 'must be between 0 and 3600')),
      0,
    ),
    scroll_pct: v.optional(
      v.nullable(v.pipe(v.number('must be a number'), v.integer('must be an integer'), v.minValue(1, 'must be between 1 and 100'), v.maxValue(100, 'must be between 1 and 100'))),
      null,
    ),
    exit_intent: v.optional(v.boolean('must be true or false'), false),
    paths: v.optional(v.nullable(v.pipe(v.array(PathGlob, 'must be a list of paths'), v.maxLength(50, 'must have at most 50 paths'))), null),
  }),
  // Named at scroll_pct, so that a form shows it beside the depth field.
  v.forward(
    v.check((t) => t.on !== 'scroll' || t.scroll_pct !== null, 'a scroll trigger needs scroll_pct'),
    ['scroll_pct'],
  ),
);
export type Trigger = v.InferOutput<typeof Trigger>;

const Percent = v.pipe(
  v.number('must be a number'),
  v.minValue(0, 'must be between 0 and 100'),
  v.maxValue(100, 'must be between 0 and 100'),
);
const RecontactDays = v.pipe(
  v.number('must be a number'),
  v.integer('must be an integer'),
  v.minValue(0, 'must be between 0 and 3650'),
  v.maxValue(3650, 'must be between 0 and 3650'),
);
const Color = v.pipe(v.string('must be a string'), v.regex(/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'must be a hex colour such as #1f6feb'));

export const DEFAULT_TRIGGER: Trigger = { on: 'load', delay_s: 0, scroll_pct: null, exit_intent: false, paths: null };
export const DEFAULT_COLOR = '#1f6feb';

/**
 * Optional per-survey follow-up prompts. `follow_up_low` / `follow_up_high`
 * (additions to the contract) replace `follow_up` for low or high scores.
 */
const surveyFields = {
  kind: v.picklist(KINDS, 'must be nps, csat or ces'),
  name: nonEmptyText(100),
  question: LocalizedText,
  follow_up: LocalizedText,
  follow_up_low: LocalizedText,
  follow_up_high: LocalizedText,
  trigger: Trigger,
  sample_pct: Percent,
  recontact_days: RecontactDays,
  position: v.picklist(POSITIONS, `must be one of ${POSITIONS.join(', ')}`),
  color: Color,
};

/** `POST /v1/admin/sites/{site}/surveys`: only `kind` and `question` are required. */
export const SurveyCreate = v.strictObject({
  kind: surveyFields.kind,
  name: v.optional(surveyFields.name),
  question: surveyFields.question,
  follow_up: v.optional(surveyFields.follow_up),
  follow_up_low: v.optional(surveyFields.follow_up_low),
  follow_up_high: v.optional(surveyFields.follow_up_high),
  trigger: v.optional(surveyFields.trigger, DEFAULT_TRIGGER),
  sample_pct: v.optional(surveyFields.sample_pct, 100),
  recontact_days: v.optional(surveyFields.recontact_days, 30),
  position: v.optional(surveyFields.position, 'bottom-right'),
  color: v.optional(surveyFields.color, DEFAULT_COLOR),
  active: v.optional(v.boolean('must be true or false'), true),
});
export type SurveyCreate = v.InferOutput<typeof SurveyCreate>;

/** `PATCH /v1/admin/sites/{site}/surveys/{id}`: any subset; `null` clears an optional text. */
export const SurveyPatch = v.pipe(
  v.strictObject({
    kind: v.optional(surveyFields.kind),
    name: v.optional(v.nullable(surveyFields.name)),
    question: v.optional(surveyFields.question),
    follow_up: v.optional(v.nullable(surveyFields.follow_up)),
    follow_up_low: v.optional(v.nullable(surveyFields.follow_up_low)),
    follow_up_high: v.optional(v.nullable(surveyFields.follow_up_high)),
    trigger: v.optional(surveyFields.trigger),
    sample_pct: v.optional(surveyFields.sample_pct),
    recontact_days: v.optional(surveyFields.recontact_days),
    position: v.optional(surveyFields.position),
    color: v.optional(surveyFields.color),
    active: v.optional(v.boolean('must be true or false')),
  }),
  v.check((p) => Object.keys(p).length > 0, 'must change at least one field'),
);
export type SurveyPatch = v.InferOutput<typeof SurveyPatch>;

/** One survey as the widget receives it in the site's config. */
export const SurveyConfig = v.object({
  id: SurveyId,
  kind: surveyFields.kind,
  question: v.record(v.string(), v.string()),
  follow_up: v.optional(v.record(v.string(), v.string())),
  follow_up_low: v.optional(v.record(v.string(), v.string())),
  follow_up_high: v.optional(v.record(v.string(), v.string())),
  trigger: Trigger,
  sample_pct: v.number(),
  recontact_days: v.number(),
  position: surveyFields.position,
  color: v.string(),
});
export type SurveyConfig = v.InferOutput<typeof SurveyConfig>;

/** `GET /v1/sites/{site}/config` */
export const SiteConfig = v.object({
  site: SiteKey,
  surveys: v.array(SurveyConfig),
});
export type SiteConfig = v.InferOutput<typeof SiteConfig>;

/** A survey as stored and as the admin API returns it. */
export const SurveyRecord = v.object({
  ...SurveyConfig.entries,
  name: v.optional(v.string()),
  active: v.boolean(),
  created_at: v.string(),
  updated_at: v.string(),
});
export type SurveyRecord = v.InferOutput<typeof SurveyRecord>;

export const SurveyCreated = v.object({ id: SurveyId });
