/**
 * The webhook form's fields: where (the format: a program, Slack, or a
 * Telegram or Bale chat), the URL (and a telegram webhook's chat), events,
 * and which answers (kinds, a score range or a band shortcut, touchpoints).
 * Each field shows its own error, from the shared schema or from the API.
 */
import { Fragment, h } from 'preact';
import { useState } from 'preact/hooks';
import { KINDS, type Kind } from '../../../../shared/kinds';
import { WEBHOOK_EVENTS, WEBHOOK_FORMATS, type WebhookEvent, type WebhookFormat } from '../../../../shared/schemas/webhook';
import { Field } from '../../../components/Field';
import { FieldError } from '../../../components/ErrorNote';
import { issueAt, type Issues } from '../../../forms/issues';
import { bandChoices, boundsOf, chosenTouchpoints, shortcutOf, withFormat, type WebhookForm } from '../../../forms/webhook-form';
import { t, type StringKey } from '../../../i18n/strings';
import { bandWords, eventWords, formatWords, kindWords } from './webhook-words';

/** What the URL field asks for, by format. */
const URL_HELP: Record<WebhookFormat, { help: StringKey; placeholder: string }> = {
  standard: { help: 'webhook.urlHelp', placeholder: 'https://hooks.example/cx' },
  slack: { help: 'webhook.urlHelpSlack', placeholder: 'https://hooks.slack.com/services/…' },
  telegram: { help: 'webhook.urlHelpTelegram', placeholder: 'https://api.telegram.org/bot<TOKEN>/sendMessage' },
};

export interface WebhookFieldsProps {
  form: WebhookForm;
  update: (change: Partial<WebhookForm>) => void;
  issues: Issues | null;
  /** The journey's touchpoints, then those seen: offered as ticks. */
  known: string[];
}

const toggled = <T,>(list: T[], item: T, on: boolean): T[] => (on ? [...list, item] : list.filter((x) => x !== item));

/** A touchpoints error names the touchpoint (`filter.touchpoints.2` → the third one chosen). */
function touchpointIssue(issues: Issues | null, chosen: string[]): string | undefined {
  const message = issueAt(issues, 'filter.touchpoints');
  const index = Object.keys(issues ?? {}).find((key) => key.startsWith('filter.touchpoints.'))?.split('.')[2];
  const touchpoint = index === undefined ? undefined : chosen[Number(index)];
  return message && touchpoint ? `${touchpoint}: ${message}` : message;
}

export function WebhookFields({ form, update, issues, known }: WebhookFieldsProps) {
  const choices = bandChoices(form.kinds);
  // "Custom range" picked with nothing typed yet stays picked, rather than reading back as "any score".
  const [custom, setCustom] = useState(false);
  const typed = shortcutOf(form);
  const shortcut = typed == 'any' && custom ? 'custom' : typed;
  const pick = (value: string) => {
    setCustom(value == 'custom');
    update(boundsOf(form, value));
    if (value == 'custom') document.getElementById('wh-min')?.focus();
  };
  const eventsError = issueAt(issues, 'events');
  const kindsError = issueAt(issues, 'filter.kinds');
  const touchpointsError = touchpointIssue(issues, chosenTouchpoints(form));
  return (
    <>
      <fieldset>
        <legend>{t('webhook.format')}</legend>
        {WEBHOOK_FORMATS.map((format) => (
          <label class="radio">
            <input type="radio" name="format" value={format} checked={form.format == format} onChange={() => update(withFormat(form, format))} />
            {formatWords(format)}
          </label>
        ))}
        <FieldError id="wh-format-error" message={issueAt(issues, 'format')} />
      </fieldset>
      <Field id="wh-url" label={t('webhook.url')} help={t(URL_HELP[form.format].help)} error={issueAt(issues, 'url')}>
        {(describedBy, invalid) => (
          <input
            id="wh-url"
            type="url"
            dir="ltr"
            spellcheck={false}
            autocomplete="off"
            placeholder={URL_HELP[form.format].placeholder}
            value={form.url}
            onInput={(e) => update({ url: e.currentTarget.value })}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          />
        )}
      </Field>
      {form.format == 'telegram' && (
        <Field id="wh-chat" label={t('webhook.chat')} help={t('webhook.chatHelp')} error={issueAt(issues, 'telegram_chat_id')}>
          {(describedBy, invalid) => (
            <input
              id="wh-chat"
              dir="ltr"
              spellcheck={false}
              autocomplete="off"
              placeholder="-1001234567890"
              value={form.telegram_chat_id}
              onInput={(e) => update({ telegram_chat_id: e.currentTarget.value })}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
      )}
      <fieldset aria-describedby={eventsError ? 'wh-events-help wh-events-error' : 'wh-events-help'}>
        <legend>{t('webhook.events')}</legend>
        <p class="help" id="wh-events-help">
          {t('webhook.eventsHelp')}
        </p>
        {WEBHOOK_EVENTS.map((event: WebhookEvent) => (
          <label class="check">
            <input type="checkbox" name="events" value={event} checked={form.events.includes(event)} onChange={(e) => update({ events: toggled(form.events, event, e.currentTarget.checked) })} />
            {eventWords(event)} <code class="muted" dir="ltr">{event}</code>
          </label>
        ))}
        <FieldError id="wh-events-error" message={eventsError} />
      </fieldset>
      <fieldset>
        <legend>{t('webhook.which')}</legend>
        <p class="help">{t('webhook.whichHelp')}</p>
        <fieldset class="inner" aria-describedby={kindsError ? 'wh-kinds-error' : undefined}>
          <legend>{t('surveys.kind')}</legend>
          <div class="checks">
            {KINDS.map((kind: Kind) => (
              <label class="check">
                <input type="checkbox" name="kinds" value={kind} checked={form.kinds.includes(kind)} onChange={(e) => update({ kinds: toggled(form.kinds, kind, e.currentTarget.checked) })} />
                {kindWords(kind)}
              </label>
            ))}
          </div>
          <FieldError id="wh-kinds-error" message={kindsError} />
        </fieldset>
        <div class="control-row">
          <div class="field">
            <label for="wh-band">{t('webhook.scores')}</label>
            <select id="wh-band" value={shortcut} onChange={(e) => pick(e.currentTarget.value)} aria-describedby="wh-band-help">
              <option value="any">{t('webhook.anyScore')}</option>
              {choices?.bands.map((b) => <option value={b.band}>{bandWords(choices.kind, b.band)}</option>)}
              <option value="custom">{t('webhook.customScores')}</option>
            </select>
            <p class="hint" id="wh-band-help">
              {choices ? t('webhook.bandsOf', { kind: kindWords(choices.kind) }) : t('webhook.bandsNeedKind')}
            </p>
          </div>
          <Field id="wh-min" label={t('webhook.min')} error={issueAt(issues, 'filter.min_score')}>
            {(describedBy, invalid) => (
              <input id="wh-min" inputMode="numeric" dir="ltr" class="short" value={form.min_score} onInput={(e) => update({ min_score: e.currentTarget.value })} aria-describedby={describedBy} aria-invalid={invalid} />
            )}
          </Field>
          <Field id="wh-max" label={t('webhook.max')} error={issueAt(issues, 'filter.max_score')}>
            {(describedBy, invalid) => (
              <input id="wh-max" inputMode="numeric" dir="ltr" class="short" value={form.max_score} onInput={(e) => update({ max_score: e.currentTarget.value })} aria-describedby={describedBy} aria-invalid={invalid} />
            )}
          </Field>
        </div>
        <fieldset class="inner" aria-describedby={touchpointsError ? 'wh-touchpoints-error' : 'wh-typed-help'}>
          <legend>{t('filters.touchpoint')}</legend>
          {known.length > 0 && (
            <div class="checks">
              {known.map((tp) => (
                <label class="check">
                  <input type="checkbox" name="touchpoints" value={tp} checked={form.touchpoints.includes(tp)} onChange={(e) => update({ touchpoints: toggled(form.touchpoints, tp, e.currentTarget.checked) })} />
                  <span dir="ltr">{tp}</span>
                </label>
              ))}
            </div>
          )}
          <div class="field">
            <label for="wh-typed">{t('webhook.typedTouchpoints')}</label>
            <input id="wh-typed" dir="ltr" spellcheck={false} value={form.typed} onInput={(e) => update({ typed: e.currentTarget.value })} aria-describedby="wh-typed-help" aria-invalid={!!touchpointsError} />
            <p class="hint" id="wh-typed-help">
              {t('webhook.touchpointsHelp')}
            </p>
            <FieldError id="wh-touchpoints-error" message={touchpointsError} />
          </div>
        </fieldset>
      </fieldset>
    </>
  );
}
