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
import type { View } from '../state/views';

const BEHIND: { view: View; label: StringKey }[] = [{ view: 'comments', label: 'nav.comments' }];

/** The href of a number's answers: today's filters, the kind in view (comments would read every kind without it), and what the number narrows to. */
export function behindHref(view: View, narrow: Record<string, string>): string {
  const f = filters.value;
  return hrefOf(view, { ...kept(), kind: f.survey ? undefined : f.kind, ...narrow });
}

/** Links to the answers behind a number; `what` names it for screen readers ("Comments of Checkout"). */
export function Behind({ narrow, what }: { narrow: Record<string, string>; what: string }) {
  return (
    <span class="behind">
      {BEHIND.map(({ view, label }) => (
        <a href={behindHref(view, narrow)} aria-label={t('drill.of', { what })}>
          {t(label)}
        </a>
      ))}
    </span>
  );
}
