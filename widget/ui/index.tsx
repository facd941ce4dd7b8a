/**
 * The UI chunk, imported by w.js only when a survey is due (or the outbox has
 * posts to retry). `show` puts one survey on the page and drives it from score
 * to reasons to follow-up to thanks; `flush` retries the outbox. Mounting
 * (mount.ts), the cooldown across devices (due.ts), sending (answers.ts) and
 * the view (Survey.tsx) each live on their own. The survey comes localized
 * from the config: the collector chose its locale and sent the card's words.
 */
import { h } from './dom';
import { formatDigits } from '../../shared/locale-format';
import { asksReasons, promptAfter } from '../../shared/survey-text';
import type { Host, LocalSurvey, ShowOptions } from '../types';
import { answers } from './answers';
import { whenDue } from './due';
import { mount } from './mount';
import { flush } from './outbox';
import type { SurveyProps } from './props';
import { Survey } from './Survey';

export { flush };

/** How long the thanks stay on screen (ms). */
const THANKS_MS = 3000;

export function show(host: Host, survey: LocalSurvey, options: ShowOptions = {}): void {
  whenDue(host, survey, options.user || host.user, () => open(host, survey, options));
}

function open(host: Host, survey: LocalSurvey, options: ShowOptions): void {
  const send = answers(host, survey.id, survey.locale, options);
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
  /** Draw the card anew with `change`, then focus the first element `focus` selects. */
  const update = (change: Partial<SurveyProps>, focus?: string) => {
    Object.assign(view, change);
    card.root.replaceChildren(<Survey {...view} />);
    if (focus) (card.root.querySelector(focus) as HTMLElement | null)?.focus();
  };
  /** After the reasons (or without them): the follow-up if the config has one for this score, else thanks. */
  const more = () => {
    if (view.prompt) update({ step: 'more' }, '#c');
    else {
      update({ step: 'thanks' }, '#t');
      closing = setTimeout(view.onClose, THANKS_MS);
    }
  };
  const reasons = (ids: string[]) => {
    if (ids.length) send.reasons(ids);
    more();
  };

  const view: SurveyProps = {
    survey,
    digits: formatDigits(survey.locale),
    step: 'ask',
    chosen: [],
    // The buttons are gone once this ran (drawing is synchronous): one answer per survey.
    onScore: safely((score) => {
      send.answer(score);
      view.prompt = promptAfter(survey, score);
      if (asksReasons(survey, score)) update({ step: 'why' }, '.c button');
      else more();
    }),
    // One reason: the tap answers. Several: the tap toggles (focus stays on the chip), Next sends.
    onReason: safely((id) => {
      const { chosen } = view;
      if (!survey.reasons!.multiple) reasons([id]);
      else {
        const place = survey.reasons!.options.findIndex((option) => option.id == id) + 1;
        update({ chosen: chosen.includes(id) ? chosen.filter((c) => c != id) : [...chosen, id] }, `.c :nth-child(${place})`);
      }
    }),
    onNext: safely(() => reasons(view.chosen)),
    onSend: safely(() => {
      const comment = (card.root.getElementById('c') as HTMLTextAreaElement).value.trim();
      if (comment) send.comment(comment);
      view.prompt = '';
      more();
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
  // (during the fade-in, so nobody sees the wait). The region itself stays: only its text changes.
  setTimeout(
    safely(() => {
      view.announce = survey.question;
      const region = card.root.getElementById('q');
      if (region) region.textContent = survey.question;
    }),
    50,
  );
}
