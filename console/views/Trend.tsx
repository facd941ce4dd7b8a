/**
 * The trend of the score per day, week, month or hour, with the 95% interval
 * as a band (uPlot, loaded when first needed); periods with too few answers
 * to judge are drawn hollow, without a band. Long work shows progress: a
 * year of hourly data arrives in monthly parts. The numbers behind the chart
 * are one click away, as a table; a point, or a row, opens the comments of
 * its period.
 */
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Kind } from '../../shared/kinds';
import { localDate, offsetAt } from '../../shared/time';
import { fetchSeries, type Bucket } from '../api/analyst';
import { IntervalHelp } from '../components/IntervalHelp';
import { QueryError } from '../components/QueryError';
import { Progress } from '../components/Progress';
import { formatDate, formatInterval, formatNumber, formatPercent, formatScore, type DateStyle, isolated } from '../i18n/format';
import { dir } from '../i18n/lang';
import { t } from '../i18n/strings';
import { filters, type Filters, isoDate } from '../state/filters';
import { useQueryError } from '../state/query-error';
import { useResource } from '../state/resource';
import { Behind, behindHref } from './Behind';
import { isFew } from './ScoreCard';

const TICK_STYLE: Record<Filters['interval'], DateStyle> = { hour: 'hour', day: 'short', week: 'short', month: 'month' };
/** How a bucket's start is named in the hover legend and the table. */
const LABEL_STYLE: Record<Filters['interval'], DateStyle> = { hour: 'hour', day: 'day', week: 'day', month: 'month' };
/** Decimals of the y axis: whole points for NPS and CSAT, one for the CES mean. */
const AXIS_DIGITS: Record<Kind, number> = { nps: 0, csat: 0, ces: 1 };

export function Trend({ kind }: { kind: Kind }) {
  const f = filters.value;
  const [parts, setParts] = useState<[number, number]>([0, 1]);
  const key = JSON.stringify(['series', f.site, f.survey, f.kind, f.from, f.to, f.tz, f.touchpoint, f.channel, f.interval, f.calendar, f.week]);
  const series = useResource(key, (signal) => fetchSeries(f, (done, total) => setParts([done, total]), signal));
  useQueryError('series', series.error);

  const answered = series.data?.filter((b) => b.n > 0).length ?? 0;
  return (
    <section class="card trend" aria-labelledby="trend-title">
      <h2 id="trend-title">{t('trend.title', { interval: t(`interval.${f.interval}`) })}</h2>
      <QueryError error={series.error} />
      {series.loading && (
        <Progress
          label={parts[1] > 1 ? t('trend.parts', { done: formatNumber(Math.min(parts[0] + 1, parts[1])), total: formatNumber(parts[1]) }) : t('loading')}
          value={parts[1] > 1 ? parts[0] : undefined}
          max={parts[1] > 1 ? parts[1] : undefined}
        />
      )}
      {series.data && !series.error && !series.loading && (answered == 0 ? <p class="empty">{t('empty.series')}</p> : <Chart kind={kind} series={series.data} f={f} />)}
    </section>
  );
}

/**
 * A bucket's period as the comments view takes it: local dates from its
 * start to the next bucket's (the range's end for the last), or local times
 * for an hour.
 */
function bucketRange(series: Bucket[], i: number, f: Filters): { range: string; from: string; to: string } {
  const local = (ms: number) =>
    f.interval == 'hour' ? new Date(ms + offsetAt(f.tz, ms)).toISOString().slice(0, 16) : isoDate(localDate(f.tz, ms));
  const next = series[i + 1];
  return { range: 'custom', from: local(Date.parse(series[i]!.start)), to: next ? local(Date.parse(next.start)) : f.to };
}

function Chart({ kind, series, f }: { kind: Kind; series: Bucket[]; f: Filters }) {
  const target = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  // A year of hours is 8,760 rows: built only when asked for.
  const [tableOpen, setTableOpen] = useState(false);
  const rtl = dir.value == 'rtl';
  useEffect(() => {
    let chart: { destroy(): void } | undefined;
    let cancelled = false;
    import('./trend-chart').then(
      ({ drawTrend }) => {
        if (cancelled || !target.current) return;
        chart = drawTrend(target.current, {
          kind,
          series,
          rtl,
          // Hours over more than two days are read by their dates.
          tick: (ms) => formatDate(ms, f.tz, f.calendar, f.interval == 'hour' && series.length > 48 ? 'short' : TICK_STYLE[f.interval]),
          label: (ms) => formatDate(ms, f.tz, f.calendar, LABEL_STYLE[f.interval]),
          // Isolated left to right (LRI … PDI): a canvas in a right-to-left page would put the minus sign after the digits.
          score: (v) => `\u2066${formatScore(kind, v)}\u2069`,
          number: (v) => `\u2066${formatNumber(v, AXIS_DIGITS[kind])}\u2069`,
          names: { score: t(`kind.${kind}`), low: t('trend.low'), high: t('trend.high'), time: t('trend.time'), few: t('few.title') },
          few: isFew,
          open: (i) => (location.hash = behindHref('comments', bucketRange(series, i, f))),
        });
      },
      () => setFailed(true),
    );
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [series, rtl, f.calendar, kind]);

  const scored = series.filter((b) => b.score !== null);
  const scores = scored.map((b) => b.score!);
  const summary = t('trend.summary', {
    buckets: formatNumber(series.length),
    answered: formatNumber(scored.length),
    min: isolated(formatScore(kind, Math.min(...scores))),
    max: isolated(formatScore(kind, Math.max(...scores))),
  });
  return (
    <figure class="chart">
      {failed ? <p class="error">{t('trend.failed')}</p> : <div class="chart-area" ref={target} role="img" aria-label={summary} data-buckets={series.length} />}
      <figcaption>
        {summary} {t('trend.open')} <IntervalHelp id="help-trend" />
      </figcaption>
      <details class="table-toggle" onToggle={(e) => setTableOpen(e.currentTarget.open)}>
        <summary>{t('trend.table')}</summary>
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('trend.time')}</th>
                <th scope="col">{t(`kind.${kind}`)}</th>
                <th scope="col">{t('fact.interval')}</th>
                <th scope="col">{t('fact.n')}</th>
                <th scope="col">{t('fact.rate')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('nav.comments')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tableOpen &&
                series.map((b, i) => {
                  const period = formatDate(Date.parse(b.start), f.tz, f.calendar, LABEL_STYLE[f.interval]);
                  return (
                    <tr class={isFew(b) ? 'few' : undefined}>
                      <th scope="row">{period}</th>
                      <td>{formatScore(kind, b.score)}</td>
                      <td>{isFew(b) ? t('few.title') : formatInterval(kind, b.ci95)}</td>
                      <td>{formatNumber(b.n)}</td>
                      <td>{b.response_rate === null ? '–' : formatPercent(b.response_rate)}</td>
                      <td>{b.n > 0 && <Behind narrow={bucketRange(series, i, f)} what={period} />}</td>
                    </tr>
                  );
                })}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
