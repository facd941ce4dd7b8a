/**
 * The UI chunk, imported by w.js only when a survey is due (or the outbox has
 * posts to retry). `show` puts one survey on the page and drives it from score
 * to follow-up to thanks; `flush` retries the outbox. Mounting (mount.ts),
 * sending (answers.ts) and the view (Survey.tsx) each live on their own.
 */
import { h, render } from 'preact';
import type { Host, ShowOptions, SurveyConfig } from '../types';
import { answers } from './answers';
import { isRtl } from '../../shared/locale';
import { formatDigits } from '../../shared/locale-format';
import { stringsFor } from '../../shared/survey-strings';
import { followUpText, pickText, requestedLocale } from '../../shared/survey-text';
import { mount } from './mount';
import { flush } from './outbox';
import { Survey, type SurveyProps } from './Survey';

export { flush };

/** How long the thanks stay on screen (ms). */
const THANKS_MS = 3000;

export function show(host: Host, survey: SurveyConfig, options: ShowOptions): void {
  // The collector requires question text in at least one locale.
  const [locale, question] = pickText(survey.question, requestedLocale(host.locale, document.documentElement.lang, navigator.language))!;
  const send = answers(host, survey.id, locale, options);
  const card = mount(survey.color, survey.position);
  let closing: ReturnType<typeof setTimeout>;

  // Nothing a visitor does in the card may throw into the host page.
  const safely =
    <A extends unknown[]>(action: (...args: A) => void) =>
    (...args: A) => {
      try {
        action(...args);
      } catch (error) {
        host.warn(error);
      }
    };
  const update = (change: Partial<SurveyProps>, focus?: string) => {
    Object.assign(view, change);
    render(<Survey {...view} />, card.root);
    if (focus) (card.root.getElementById(focus) as HTMLElement | null)?.focus();
  };
  const thank = () => {
    update({ step: 'thanks' }, 't');
    closing = setTimeout(view.onClose, THANKS_MS);
  };

  const view: SurveyProps = {
    kind: survey.kind,
    lang: locale,
    dir: isRtl(locale) ? 'rtl' : 'ltr',
    strings: stringsFor(locale),
    digits: formatDigits(locale),
    step: 'ask',
    question,
    // The buttons are gone once this ran (render is synchronous): one answer per survey.
    onScore: safely((score) => {
      send.answer(score);
      // No follow-up text in the config: no follow-up question.
      const prompt = followUpText(survey, score, locale);
      if (prompt) update({ step: 'more', prompt }, 'c');
      else thank();
    }),
    onSend: safely(() => {
      const comment = (card.root.getElementById('c') as HTMLTextAreaElement).value.trim();
      if (comment) send.comment(comment);
      thank();
    }),
    onClose: safely(() => {
      clearTimeout(closing);
      if (view.step == 'ask') send.event('dismissed');
      card.remove();
    }),
  };

  update({});
  // Shown and not answered counts as dismissed for re-asking, until an answer says otherwise.
  host.store.update((state) => {
    state.d = Date.now();
  });
  send.event('shown');
  // Filled a moment after the live region exists, so that screen readers announce it
  // (during the fade-in, so nobody sees the wait).
  setTimeout(safely(() => update({ announce: question })), 50);
}
