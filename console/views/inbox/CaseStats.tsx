/**
 * The inbox's cards: cases opened in the last 30 days, how many are still
 * open, the median hours to first contact and to close, and the share
 * first contacted within the site's SLA (docs/contract.md §13).
 */
import { h } from 'preact';
import { caseStats } from '../../api/cases';
import { ErrorNote } from '../../components/ErrorNote';
import { formatNumber, formatPercent } from '../../i18n/format';
import { t } from '../../i18n/strings';
import { useResource } from '../../state/resource';

const hours = (value: number | null) => (value === null ? t('stats.none') : t('stats.hours', { n: formatNumber(value, value < 10 ? 1 : 0) }));

export function CaseStats({ site, round }: { site: string; round: number }) {
  const stats = useResource(site ? JSON.stringify(['case-stats', site, round]) : null, (signal) => caseStats(site, {}, signal));
  if (stats.error) return <ErrorNote error={stats.error} />;
  const s = stats.data;
  if (!s) return null;
  const cards: [string, string][] = [
    [t('stats.opened'), formatNumber(s.total.opened)],
    [t('stats.openNow'), formatNumber(s.total.open)],
    [t('stats.firstContact'), hours(s.total.first_contact_h.median)],
    [t('stats.close'), hours(s.total.close_h.median)],
    [t('stats.sla', { hours: formatNumber(s.sla_hours) }), s.total.within_sla === null ? t('stats.none') : formatPercent(s.total.within_sla, 0)],
  ];
  return (
    <dl class="case-stats" data-testid="case-stats">
      {cards.map(([label, value]) => (
        <div class="card">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
