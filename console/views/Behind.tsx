/**
 * What a number opens: the answers behind a journey step, a breakdown's row
 * or a trend's period, with the filters set, in the comments view. The one
 * table of where to go, so that another destination (the open cases behind
 * a number) is one more row here.
 */
import { h } from 'preact';
import type { StringKey } from '../i18n/strings';
import { t } from '../i18n/strings';
import { filters, kept } from '../state/filters';
import { hrefOf } from '../state/route';
import { type View, VIEWS } from '../state/views';
import { may } from '../state/session';

/**
 * Where a number leads: its answers, and (for those who work cases) the open
 * cases behind it, which the inbox filters by touchpoint and kind only.
 */
const BEHIND: { view: View; label: StringKey; of: StringKey; extra?: Record<string, string>; narrows: readonly string[] }[] = [
  { view: 'comments', label: 'nav.comments', of: 'drill.of', narrows: ['*'] },
  { view: 'inbox', label: 'nav.inbox', of: 'drill.casesOf', extra: { status: 'open' }, narrows: ['touchpoint'] },
];

/** The href of a number's answers: today's filters, the kind in view (comments would read every kind without it), and what the number narrows to. */
export function behindHref(view: View, narrow: Record<string, string>): string {
  const f = filters.value;
  return hrefOf(view, { ...kept(), kind: f.survey ? undefined : f.kind, ...narrow });
}

/** A destination that cannot narrow to what the number is about (a period, a language) is left out rather than show more. */
const fits = (narrows: readonly string[], narrow: Record<string, string>) => narrows.includes('*') || Object.keys(narrow).every((key) => narrows.includes(key));

/** Links to the answers (and open cases) behind a number; `what` names it for screen readers ("Comments of Checkout"). */
export function Behind({ narrow, what }: { narrow: Record<string, string>; what: string }) {
  return (
    <span class="behind">
      {BEHIND.filter((b) => may(VIEWS[b.view].needs) && fits(b.narrows, narrow)).map(({ view, label, of, extra }) => (
        <a href={behindHref(view, { ...narrow, ...extra })} aria-label={t(of, { what })}>
          {t(label)}
        </a>
      ))}
    </span>
  );
}
