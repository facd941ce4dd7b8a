/** Surveys as an admin creates and edits them, and as the widget reads them. */
import * as v from 'valibot';
import { KINDS } from '../kinds';
import { LocalizedText, SurveyId, SiteKey, Touchpoint, nonEmptyText, unicodeText } from './common';
import { REASON_WHEN, Reasons } from './reasons';

export const TRIGGERS = ['load', 'scroll', 'exit', 'manual'] as const;
export const POSITIONS = ['bottom-right', 'bottom-left', 'top-right', 'top-left', 'center'] as const;
/** How a CSAT scale is drawn: digits, or five faces (emoji, each named for screen readers). */
export const STYLES = ['numbers', 'faces'] as const;
export type ScaleStyle = (typeof STYLES)[number];

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
 * `reasons` are asked between the score and the follow-up; `thanks` replaces
 * the card's built-in thank-you; `touchpoint` tags the survey's answers and
 * events that name none (the embed's `data-touchpoint` and `cx('touchpoint')`
 * win); `style` draws CSAT as numbers or faces.
 */
const surveyFields = {
  kind: v.picklist(KINDS, 'must be nps, csat or ces'),
  name: nonEmptyText(100),
  question: LocalizedText,
  follow_up: LocalizedText,
  follow_up_low: LocalizedText,
  follow_up_high: LocalizedText,
  reasons: Reasons,
  thanks: LocalizedText,
  touchpoint: Touchpoint,
  style: v.picklist(STYLES, 'must be numbers or faces'),
  trigger: Trigger,
  sample_pct: Percent,
  recontact_days: RecontactDays,
  position: v.picklist(POSITIONS, `must be one of ${POSITIONS.join(', ')}`),
  color: Color,
};

/** Faces draw CSAT's five points; the other scales have too many for faces to read clearly. */
const FACES_KIND_ONLY = 'faces are for csat surveys only';
const facesFit = (s: { kind?: string; style?: string | null }) => s.style !== 'faces' || s.kind === 'csat';

/** `POST /v1/admin/sites/{site}/surveys`: only `kind` and `question` are required. */
export const SurveyCreate = v.pipe(
  v.strictObject({
    kind: surveyFields.kind,
    name: v.optional(surveyFields.name),
    question: surveyFields.question,
    follow_up: v.optional(surveyFields.follow_up),
    follow_up_low: v.optional(surveyFields.follow_up_low),
    follow_up_high: v.optional(surveyFields.follow_up_high),
    reasons: v.optional(surveyFields.reasons),
    thanks: v.optional(surveyFields.thanks),
    touchpoint: v.optional(surveyFields.touchpoint),
    style: v.optional(surveyFields.style),
    trigger: v.optional(surveyFields.trigger, DEFAULT_TRIGGER),
    sample_pct: v.optional(surveyFields.sample_pct, 100),
    recontact_days: v.optional(surveyFields.recontact_days, 30),
    position: v.optional(surveyFields.position, 'bottom-right'),
    color: v.optional(surveyFields.color, DEFAULT_COLOR),
    active: v.optional(v.boolean('must be true or false'), true),
  }),
  v.forward(v.check((s) => facesFit(s), FACES_KIND_ONLY), ['style']),
);
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
    reasons: v.optional(v.nullable(surveyFields.reasons)),
    thanks: v.optional(v.nullable(surveyFields.thanks)),
    touchpoint: v.optional(v.nullable(surveyFields.touchpoint)),
    style: v.optional(v.nullable(surveyFields.style)),
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

/** A patched survey's kind and style still fit (the patch may change either): the message for `style`, or null. */
export function facesRefusal(survey: { kind: string; style?: string | null }): string | null {
  return facesFit(survey) ? null : FACES_KIND_ONLY;
}

const Texts = v.record(v.string(), v.string());

/** One survey in the site's config asked without `locale`: every locale's texts, as stored. */
export const SurveyConfig = v.object({
  id: SurveyId,
  kind: surveyFields.kind,
  question: Texts,
  follow_up: v.optional(Texts),
  follow_up_low: v.optional(Texts),
  follow_up_high: v.optional(Texts),
  reasons: v.optional(
    v.object({
      question: Texts,
      options: v.array(v.object({ id: v.string(), label: Texts })),
      multiple: v.boolean(),
      when: v.picklist(REASON_WHEN),
    }),
  ),
  thanks: v.optional(Texts),
  touchpoint: v.optional(v.string()),
  style: v.optional(v.picklist(STYLES)),
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
  /** Days after an answer or a survey shown during which none of the site's surveys is shown (0: none). */
  cooldown_days: v.number(),
  surveys: v.array(SurveyConfig),
});
export type SiteConfig = v.InferOutput<typeof SiteConfig>;

/**
 * The card's fixed words in one locale: direction, buttons, the thanks (the
 * survey's own, else the built-in), what the ends of its scale mean and, for
 * faces, each face's name.
 */
export const CardStrings = v.object({
  dir: v.picklist(['ltr', 'rtl']),
  close: v.string(),
  send: v.string(),
  next: v.string(),
  thanks: v.string(),
  low: v.string(),
  high: v.string(),
  /** Present when the survey draws CSAT as faces. */
  faces: v.optional(v.array(v.string())),
});
export type CardStrings = v.InferOutput<typeof CardStrings>;

/**
 * One survey as one visitor reads it: the config asked with `?locale=`
 * (shared/survey-text.ts `localize`). Each text is the one the visitor's
 * locale picks, the follow-ups are resolved per band, and `strings` holds the
 * card's words in `locale`, the locale the card speaks.
 */
export const LocalSurvey = v.object({
  id: SurveyId,
  kind: surveyFields.kind,
  locale: v.string(),
  question: v.string(),
  /** Asked after a low score: `follow_up_low`, else `follow_up`. */
  follow_up_low: v.optional(v.string()),
  /** Asked after any other score: `follow_up_high`, else `follow_up`. */
  follow_up_high: v.optional(v.string()),
  reasons: v.optional(
    v.object({
      question: v.string(),
      options: v.array(v.object({ id: v.string(), label: v.string() })),
      multiple: v.boolean(),
      when: v.picklist(REASON_WHEN),
    }),
  ),
  trigger: Trigger,
  sample_pct: v.number(),
  /**
   * Days this survey waits after the visitor's last answer, and after their
   * last showing without one, to any of the site's surveys: `recontact_days`
   * (a showing: at most DISMISS_WAIT_DAYS of them) or the site's cooldown,
   * whichever is longer (shared/survey-text.ts `waitsOf`).
   */
  waits: v.tuple([v.number(), v.number()]),
  /** The site's cooldown: when not 0, an identified visitor is checked with the collector first (POST /v1/due). */
  cooldown_days: v.number(),
  position: surveyFields.position,
  color: v.string(),
  strings: CardStrings,
});
export type LocalSurvey = v.InferOutput<typeof LocalSurvey>;

/** Longer `locale` parameters are no language tag: read as none. */
export const LOCALE_PARAM_MAX = 35;

/**
 * `GET /v1/sites/{site}/config` query: `locale`, the visitor's (the widget
 * sends `data-locale`, else the page's `lang`, else the browser's). With
 * it, the answer is a LocalConfig; without it (or longer than
 * LOCALE_PARAM_MAX), a SiteConfig. Anything else is ignored: caches add
 * their own parameters.
 */
export const ConfigQuery = v.object({ locale: v.optional(v.string()) });

/** `GET /v1/sites/{site}/config?locale=…` */
export const LocalConfig = v.object({
  site: SiteKey,
  cooldown_days: v.number(),
  surveys: v.array(LocalSurvey),
});
export type LocalConfig = v.InferOutput<typeof LocalConfig>;

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
