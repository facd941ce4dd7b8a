/** What a view says instead of an empty chart or table: no answers in the period, and what to try. */
import { h } from 'preact';
import { formatRange } from '../i18n/format';
import { t } from '../i18n/strings';
import type { Filters } from '../state/filters';

export function EmptyPeriod({ filters: f }: { filters: Pick<Filters, 'from' | 'to' | 'calendar'> }) {
  return (
    <p class="empty" role="status">
      {t('empty.period', formatRange(f.from, f.to, f.calendar))}
    </p>
  );
}
