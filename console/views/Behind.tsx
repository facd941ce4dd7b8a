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

/** Where a number leads: its answers; for people who work cases, a journey step's open cases too. */
const BEHIND: { view: View; label: StringKey; extra?: Record<string, string> }[] = [
  { view: 'comments', label: 'nav.comments' },
  { view: 'inbox', label: 'nav.inbox', extra: { status: 'open' } },
];

/** The href of a number's answers: today's filters, the kind in view (comments would read every kind without it), and what the number narrows to. */
export function behindHref(view: View, narrow: Record<string, string>): string {
  const f = filters.value;
  return hrefOf(view, { ...kept(), kind: f.survey ? undefined : f.kind, ...narrow });
}

/** Links to the answers (and open cases) behind a number; `what` names it for screen readers ("Comments of Checkout"). */
export function Behind({ narrow, what }: { narrow: Record<string, string>; what: string }) {
  return (
    <span class="behind">
      {/* The inbox filters cases by touchpoint only: no link where a number is about a period or a language. */}
      {BEHIND.filter((b) => may(VIEWS[b.view].needs) && (!b.extra || (narrow.touchpoint && Object.keys(narrow).length == 1))).map(({ view, label, extra }) => (
        <a href={behindHref(view, { ...narrow, ...extra })} aria-label={extra ? `${t(label)}: ${what}` : t('drill.of', { what })}>
          {t(label)}
        </a>
      ))}
    </span>
  );
}
