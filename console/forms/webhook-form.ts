/**
 * The webhook form's state and its mapping to the API's bodies. Fields hold
 * what was typed (score bounds as text), so nothing is lost when the schema
 * or the API refuses it. A band shortcut (detractors, promoters, low…) is
 * only a way of filling the score bounds: the bounds are what is sent, read
 * from `bands()` in shared/kinds.ts, so the console never keeps its own copy.
 */
import { bands, KINDS, type Band, type Kind } from '../../shared/kinds';
import {
  DEFAULT_EVENTS, WebhookCreate, WebhookPatch, chatIdRefusal, type WebhookEvent, type WebhookFormat, type WebhookRecord,
} from '../../shared/schemas/webhook';
import { check, type Issues } from './issues';
import { asciiDigits, typedNumber } from './numbers';

export interface WebhookForm {
  url: string;
  events: WebhookEvent[];
  /** None checked: every kind. */
  kinds: Kind[];
  min_score: string;
  max_score: string;
  /** Touchpoints ticked from the journey and those seen. */
  touchpoints: string[];
  /** More touchpoints typed, separated by spaces or commas. */
  typed: string;
  format: WebhookFormat;
  /** The chat a telegram webhook's bot posts to, as typed. */
  telegram_chat_id: string;
}

export function blankWebhookForm(): WebhookForm {
  return { url: '', events: [...DEFAULT_EVENTS], kinds: [], min_score: '', max_score: '', touchpoints: [], typed: '', format: 'standard', telegram_chat_id: '' };
}

/**
 * The events a format starts with: a program wants each event as it happens;
 * a team's chat wants one message per answer, with its comment if one comes
 * (`response.completed`).
 */
export function defaultEventsOf(format: WebhookFormat): WebhookEvent[] {
  return format == 'standard' ? [...DEFAULT_EVENTS] : ['response.completed'];
}

const sameEvents = (a: WebhookEvent[], b: WebhookEvent[]) => a.length == b.length && a.every((e) => b.includes(e));

/** The form with another format: events still at the old format's default follow to the new one's; chosen ones stay. */
export function withFormat(form: WebhookForm, format: WebhookFormat): WebhookForm {
  const events = sameEvents(form.events, defaultEventsOf(form.format)) ? defaultEventsOf(format) : form.events;
  return { ...form, format, events };
}

/** A stored webhook as the form edits it; `known` touchpoints are ticked, the others typed. */
export function webhookFormOf(webhook: WebhookRecord, known: string[]): WebhookForm {
  const touchpoints = webhook.filter.touchpoints ?? [];
  return {
    url: webhook.url,
    events: [...webhook.events],
    kinds: [...(webhook.filter.kinds ?? [])],
    min_score: webhook.filter.min_score === undefined ? '' : String(webhook.filter.min_score),
    max_score: webhook.filter.max_score === undefined ? '' : String(webhook.filter.max_score),
    touchpoints: touchpoints.filter((tp) => known.includes(tp)),
    typed: touchpoints.filter((tp) => !known.includes(tp)).join(' '),
    format: webhook.format,
    telegram_chat_id: webhook.telegram_chat_id ?? '',
  };
}

/** The touchpoints the filter names, in the order shown: ticked ones, then typed ones (each once). */
export function chosenTouchpoints(form: Pick<WebhookForm, 'touchpoints' | 'typed'>): string[] {
  const typed = form.typed.split(/[\s,]+/).filter(Boolean);
  return [...new Set([...form.touchpoints, ...typed])];
}

/** The body for `POST …/webhooks` and `PATCH …/webhooks/{id}` (where `filter` replaces the whole filter). */
export function webhookBodyOf(form: WebhookForm): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (form.kinds.length > 0) filter.kinds = KINDS.filter((k) => form.kinds.includes(k));
  // Blank is "no bound"; anything else is checked as typed.
  const min = typedNumber(form.min_score);
  const max = typedNumber(form.max_score);
  if (min !== undefined) filter.min_score = min;
  if (max !== undefined) filter.max_score = max;
  const touchpoints = chosenTouchpoints(form);
  if (touchpoints.length > 0) filter.touchpoints = touchpoints;
  const body: Record<string, unknown> = { url: form.url.trim(), events: form.events, filter, format: form.format };
  // Only a telegram webhook has a chat (a fa or ar keyboard types its digits in its own script).
  const chat = asciiDigits(form.telegram_chat_id.trim());
  if (form.format == 'telegram' && chat) body.telegram_chat_id = chat;
  return body;
}

/**
 * The form checked as the API will check it: its body against the shared
 * schema of a create or a change, and a telegram webhook's chat (which a
 * change's schema cannot require without the stored format).
 */
export function checkWebhookForm(form: WebhookForm, creating: boolean): { output: WebhookCreate | WebhookPatch; issues: null } | { output: null; issues: Issues } {
  const body = webhookBodyOf(form);
  const checked = creating ? check(WebhookCreate, body) : check(WebhookPatch, body);
  const refused = chatIdRefusal(form.format, form.telegram_chat_id.trim() || null);
  if (!refused || checked.issues?.telegram_chat_id) return checked;
  return { output: null, issues: { ...checked.issues, telegram_chat_id: refused } };
}

/** The band shortcuts a choice of kinds offers: a kind's bands when exactly one kind is chosen. */
export function bandChoices(kinds: Kind[]): { kind: Kind; bands: ReturnType<typeof bands> } | null {
  return kinds.length == 1 ? { kind: kinds[0]!, bands: bands(kinds[0]!) } : null;
}

/** Which shortcut the typed bounds amount to: 'any' (none), a band of the one kind chosen, or 'custom'. */
export function shortcutOf(form: Pick<WebhookForm, 'kinds' | 'min_score' | 'max_score'>): 'any' | 'custom' | Band {
  const min = form.min_score.trim();
  const max = form.max_score.trim();
  if (min === '' && max === '') return 'any';
  const match = bandChoices(form.kinds)?.bands.find((b) => String(b.min) == min && String(b.max) == max);
  return match ? match.band : 'custom';
}

/** The bounds a shortcut stands for ('custom' keeps what is typed). */
export function boundsOf(form: Pick<WebhookForm, 'kinds' | 'min_score' | 'max_score'>, shortcut: string): { min_score: string; max_score: string } {
  if (shortcut == 'any') return { min_score: '', max_score: '' };
  const band = bandChoices(form.kinds)?.bands.find((b) => b.band == shortcut);
  return band ? { min_score: String(band.min), max_score: String(band.max) } : { min_score: form.min_score, max_score: form.max_score };
}

/**
 * The band a stored filter's bounds are, when it names one kind (for the
 * list's words: "NPS detractors (0–6)" rather than "scores 0–6").
 */
export function bandOfFilter(filter: WebhookRecord['filter']): Band | null {
  if (filter.min_score === undefined && filter.max_score === undefined) return null;
  const choices = bandChoices(filter.kinds ?? []);
  const band = choices?.bands.find((b) => b.min == (filter.min_score ?? choices.bands[0]!.min) && b.max == (filter.max_score ?? choices.bands.at(-1)!.max));
  return band?.band ?? null;
}
