/**
 * The survey editor's form state and its mapping to the API's bodies. Fields
 * hold what was typed (numbers as text), so nothing is lost when a rule or
 * the API refuses it; `bodyOf` turns the form into the body the shared
 * schemas check. Texts keep every locale a survey has, not only en/fa/ar.
 */
import type { Kind } from '../../shared/kinds';
import type { ReasonWhen } from '../../shared/schemas/reasons';
import { DEFAULT_COLOR, POSITIONS, TRIGGERS, type ScaleStyle, type SurveyConfig, type SurveyRecord } from '../../shared/schemas/survey';
import { typedNumber } from './numbers';

export const TEXT_FIELDS = ['question', 'follow_up', 'follow_up_low', 'follow_up_high', 'thanks'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
export type TriggerOn = (typeof TRIGGERS)[number];
export type Position = (typeof POSITIONS)[number];

/** One reason as typed: its id, and its label per locale. */
export interface ReasonOptionForm {
  id: string;
  label: Record<string, string>;
}

/** The reasons as typed; `ask` off keeps what was typed but sends none. */
export interface ReasonsForm {
  ask: boolean;
  /** Locale → the question asked above the chips. */
  question: Record<string, string>;
  options: ReasonOptionForm[];
  multiple: boolean;
  when: ReasonWhen;
}

export interface SurveyForm {
  kind: Kind;
  name: string;
  active: boolean;
  /** Field → locale → text. */
  texts: Record<TextField, Record<string, string>>;
  reasons: ReasonsForm;
  /** The survey's own touchpoint slug ('' for none). */
  touchpoint: string;
  style: ScaleStyle;
  trigger: { on: TriggerOn; delay_s: string; scroll_pct: string; exit_intent: boolean; paths: string };
  sample_pct: string;
  recontact_days: string;
  position: Position;
  color: string;
}

/** Two empty options to start from: a survey asks at least two reasons. */
export function blankReasons(): ReasonsForm {
  return { ask: false, question: {}, options: [{ id: '', label: {} }, { id: '', label: {} }], multiple: false, when: 'all' };
}

export function blankForm(): SurveyForm {
  return {
    kind: 'nps',
    name: '',
    active: true,
    texts: { question: {}, follow_up: {}, follow_up_low: {}, follow_up_high: {}, thanks: {} },
    reasons: blankReasons(),
    touchpoint: '',
    style: 'numbers',
    trigger: { on: 'load', delay_s: '0', scroll_pct: '', exit_intent: false, paths: '' },
    sample_pct: '100',
    recontact_days: '30',
    position: 'bottom-right',
    color: DEFAULT_COLOR,
  };
}

export function formOf(survey: SurveyRecord): SurveyForm {
  const reasons = survey.reasons;
  return {
    kind: survey.kind,
    name: survey.name ?? '',
    active: survey.active,
    texts: {
      question: { ...survey.question },
      follow_up: { ...survey.follow_up },
      follow_up_low: { ...survey.follow_up_low },
      follow_up_high: { ...survey.follow_up_high },
      thanks: { ...survey.thanks },
    },
    reasons: reasons
      ? {
          ask: true,
          question: { ...reasons.question },
          options: reasons.options.map((option) => ({ id: option.id, label: { ...option.label } })),
          multiple: reasons.multiple,
          when: reasons.when,
        }
      : blankReasons(),
    touchpoint: survey.touchpoint ?? '',
    style: survey.style ?? 'numbers',
    trigger: {
      on: survey.trigger.on,
      delay_s: String(survey.trigger.delay_s),
      scroll_pct: survey.trigger.scroll_pct === null ? '' : String(survey.trigger.scroll_pct),
      exit_intent: survey.trigger.exit_intent,
      paths: (survey.trigger.paths ?? []).join('\n'),
    },
    sample_pct: String(survey.sample_pct),
    recontact_days: String(survey.recontact_days),
    position: survey.position,
    color: survey.color,
  };
}

/** Typed text as a number for the schema (Persian and Arabic digits read too): blank is "not given", anything else is checked as typed. */
const numberOf = typedNumber;

/** The locales that have text; blank ones are not sent. */
export function filled(texts: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(texts).filter(([, text]) => text.trim() !== ''));
}

/**
 * The body for `POST …/surveys` (and, with `clear`, for `PATCH`, where an
 * emptied follow-up must be sent as null to be removed).
 */
export function bodyOf(form: SurveyForm, { clear = false } = {}): Record<string, unknown> {
  const body: Record<string, unknown> = {
    kind: form.kind,
    question: filled(form.texts.question),
    trigger: {
      on: form.trigger.on,
      delay_s: numberOf(form.trigger.delay_s),
      scroll_pct: numberOf(form.trigger.scroll_pct) ?? null,
      exit_intent: form.trigger.exit_intent,
      paths: form.trigger.paths.trim() ? form.trigger.paths.split('\n').map((p) => p.trim()).filter(Boolean) : null,
    },
    sample_pct: numberOf(form.sample_pct),
    recontact_days: numberOf(form.recontact_days),
    position: form.position,
    color: form.color.trim(),
    active: form.active,
  };
  if (form.name.trim()) body.name = form.name;
  else if (clear) body.name = null;
  for (const field of ['follow_up', 'follow_up_low', 'follow_up_high', 'thanks'] as const) {
    const texts = filled(form.texts[field]);
    if (Object.keys(texts).length > 0) body[field] = texts;
    else if (clear) body[field] = null;
  }
  if (form.reasons.ask) body.reasons = reasonsOf(form.reasons);
  else if (clear) body.reasons = null;
  if (form.touchpoint.trim()) body.touchpoint = form.touchpoint.trim();
  else if (clear) body.touchpoint = null;
  // Numbers are the default; faces are CSAT's alone.
  if (form.kind == 'csat' && form.style == 'faces') body.style = 'faces';
  else if (clear) body.style = null;
  // Blank numbers fall back to the API's defaults on create; leave them out rather than send undefined.
  for (const [key, value] of Object.entries(body)) if (value === undefined) delete body[key];
  const trigger = body.trigger as Record<string, unknown>;
  if (trigger.delay_s === undefined) delete trigger.delay_s;
  return body;
}

/** The reasons as the API takes them: ids trimmed, blank labels left out (the schema names what is missing). */
function reasonsOf(reasons: ReasonsForm) {
  return {
    question: filled(reasons.question),
    options: reasons.options.map((option) => ({ id: option.id.trim(), label: filled(option.label) })),
    multiple: reasons.multiple,
    when: reasons.when,
  };
}

/** The survey as the config holds it, for the live preview (texts as typed, blank ones left out). */
export function previewConfig(form: SurveyForm): SurveyConfig {
  const reasons = form.reasons.ask ? reasonsOf(form.reasons) : undefined;
  return {
    id: 'preview',
    kind: form.kind,
    question: filled(form.texts.question),
    follow_up: filled(form.texts.follow_up),
    follow_up_low: filled(form.texts.follow_up_low),
    follow_up_high: filled(form.texts.follow_up_high),
    thanks: filled(form.texts.thanks),
    // Options without an id yet still show, under a stand-in id.
    reasons: reasons && { ...reasons, options: reasons.options.map((option, i) => ({ ...option, id: option.id || `option-${i + 1}` })) },
    style: form.kind == 'csat' ? form.style : undefined,
    trigger: { on: form.trigger.on, delay_s: 0, scroll_pct: null, exit_intent: false, paths: null },
    sample_pct: 100,
    recontact_days: 0,
    position: form.position,
    color: form.color,
  };
}
