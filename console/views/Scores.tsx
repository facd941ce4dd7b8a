/**
 * Scores: the score card for the filters (against the previous period), then
 * the trend. An empty period says so instead of drawing an empty chart.
 */
import { Fragment, h } from 'preact';
import { fetchScores } from '../api/analyst';
import { EmptyPeriod } from '../components/EmptyPeriod';
import { QueryError } from '../components/QueryError';
import { Progress } from '../components/Progress';
import { t } from '../i18n/strings';
import { filters } from '../state/filters';
import { useQueryError } from '../state/query-error';
import { useResource } from '../state/resource';
import { ScoreCard } from './ScoreCard';
import { Trend } from './Trend';

export function Scores() {
  const f = filters.value;
  const key = f.site ? JSON.stringify(['total', f.site, f.survey, f.kind, f.from, f.to, f.tz, f.touchpoint, f.channel, f.compare, f.calendar]) : null;
  const total = useResource(key, (signal) => fetchScores(f, { compare: true }, signal));
  useQueryError('total', total.error);
  const result = total.data;

  return (
    <section class="view" aria-labelledby="view-title">
      <h1 id="view-title">{t('nav.scores')}</h1>
      <QueryError error={total.error} />
      {total.loading && !result && <Progress label={t('loading')} />}
      {result && !total.error && (
        <div aria-busy={total.loading}>
          {result.total.n == 0 ? (
            <EmptyPeriod filters={f} />
          ) : (
            <>
              <ScoreCard
                kind={result.kind}
                total={result.total}
                previous={result.previous_period && { ...result.previous_period, tz: result.tz, calendar: f.calendar }}
              />
              {/* Keyed on the kind: a chart drawn for NPS is never left standing with CSAT's series. */}
              <Trend key={result.kind} kind={result.kind} />
            </>
          )}
        </div>
      )}
    </section>
  );
}
