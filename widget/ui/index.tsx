/**
 * The UI chunk, imported by w.js only when a survey is due (or the outbox has
 * posts to retry). `show` renders one survey into a shadow root and drives it
 * from score to thanks; `flush` retries the outbox.
 */
import { h, render } from 'preact';
import type { Host, ShowOptions, SurveyConfig } from '../types';
import { followUpText, formatDigits, isRtl, pickText, requestedLocale, stringsFor } from './locale';
import { addComment, enqueue, flush, uuid } from './outbox';
import { css } from './styles';
import { Survey, type SurveyProps } from './Survey';

export { flush };

/** How long the thanks stay on screen (ms). */
const THANKS_MS = 3000;

export function show(host: Host, survey: SurveyConfig, options: ShowOptions): void {
  // The collector requires question text in at least one locale.
  const [locale, question] = pickText(survey.question, requestedLocale(host.locale, document.documentElement.lang, navigator.language))!;
  const about = { site: host.site, survey: survey.id, touchpoint: options.touchpoint || host.touchpoint, locale };
  const event = (type: string) => enqueue(host, uuid(), '/v1/events', { ...about, type });

  // A custom element name: host rules for div, section or button cannot match it.
  const element = document.createElement('cx-survey');
  const root = element.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css(survey.color, survey.position));
  root.adoptedStyleSheets = [sheet];

  let id: string;
  let closing: ReturnType<typeof setTimeout>;

  const field = (name: string) => root.getElementById(name) as HTMLTextAreaElement | null;
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
    render(<Survey {...view} />, root);
    if (focus) field(focus)?.focus();
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
      id = uuid();
      host.store.update((state) => {
        state.a = Date.now();
      });
      enqueue(host, id, '/v1/responses', { id, ...about, score, page: location.pathname, user: options.user || host.user, meta: options.meta });
      // No follow-up text in the config: no follow-up question.
      const prompt = followUpText(survey, score, locale);
      if (prompt) update({ step: 'more', prompt }, 'c');
      else thank();
    }),
    onSend: safely(() => {
      const comment = field('c')!.value.trim();
      if (comment) addComment(host, id, comment);
      thank();
    }),
    onClose: safely(() => {
      clearTimeout(closing);
      if (view.step == 'ask') event('dismissed');
      element.remove();
    }),
  };

  update({});
  // An async script can run before <body> exists; <html> always does.
  (document.body || document.documentElement).append(element);
  // Shown and not answered counts as dismissed for re-asking, until an answer says otherwise.
  host.store.update((state) => {
    state.d = Date.now();
  });
  event('shown');
  // Filled a moment after the live region exists, so that screen readers announce it
  // (during the fade-in, so nobody sees the wait).
  setTimeout(safely(() => update({ announce: question })), 50);
}
