/**
 * One score as the API computed it, rounded for display: the score, its 95%
 * interval (explained beside it), n, response rate, and the change against
 * the period compared, called significant only when p < 0.05. Below 10
 * answers a score is shown as too few to judge, without its interval.
 */
import { Fragment, h } from 'preact';
import type { Kind } from '../../shared/kinds';
import { MIN_TEST_N } from '../../shared/limits';
import type { ScoresResult } from '../api/analyst';
import { IntervalBar } from '../components/IntervalBar';
import { IntervalHelp } from '../components/IntervalHelp';
import { formatChange, formatDate, formatInterval, formatNumber, formatP, formatPercent, formatScore } from '../i18n/format';
import type { Calendar } from '../../shared/calendar';
import { t, type StringKey } from '../i18n/strings';

/** The significance threshold the console uses: p < 0.05. */
export const ALPHA = 0.05;

type Total = ScoresResult['total'];

/** Fields every bucket, group and total carries. */
export interface Measured {
  n: number;
  score: number | null;
  ci95: [number, number] | null;
  shown: number;
  /** Links sent: present when the rate is a link channel's (answers over links sent). */
  sent?: number;
  response_rate: number | null;
  change?: { score: number | null; p_value: number | null };
}

/** Answers below which a score, a group's or a period's, is too few to judge: an interval then says little, and adjusted Wald may even leave the score outside it. */
export const isFew = (m: { n: number }) => m.n > 0 && m.n < MIN_TEST_N;

/** "Too few answers to judge: 3 answers: a score needs 10 before it says anything." */
export function TooFew({ n }: { n: number }) {
  return (
    <p class="few" data-testid="few">
      <strong>{t('few.title')}</strong> {t('few.text', { n: formatNumber(n), min: formatNumber(MIN_TEST_N) })}
    </p>
  );
}

export function ChangeText({ kind, change }: { kind: Kind; change: Measured['change'] }) {
  if (!change) return null;
  if (change.score === null) return <span class="change none">{t('change.none')}</span>;
  const significant = change.p_value !== null && change.p_value < ALPHA;
  const direction = change.score > 0 ? 'up' : change.score < 0 ? 'down' : 'flat';
  return (
    <span class={`change ${significant ? direction : 'noise'}`}>
      {/* Isolated left to right: a sign and "p =" read the same in every language. */}
      <span class="change-value" dir="ltr">
        {formatChange(kind, change.score)}
      </span>{' '}
      {change.p_value === null ? (
        t('change.untestable')
      ) : (
        <>
          {significant ? t('change.significant') : t('change.noise')}{' '}
          <span dir="ltr" class="p-value">
            (p {formatP(change.p_value)})
          </span>
        </>
      )}
    </span>
  );
}

export function RateText({ m }: { m: Measured }) {
  // On a link channel the rate is over links sent, not surveys shown (docs/contract.md §17).
  const sent = m.sent !== undefined;
  return (
    <span>
      {m.response_rate === null
        ? t(sent ? 'rate.noneSent' : 'rate.none')
        : sent
          ? t('rate.ofSent', { rate: formatPercent(m.response_rate), sent: formatNumber(m.sent!) })
          : t('rate.of', { rate: formatPercent(m.response_rate), shown: formatNumber(m.shown) })}
    </span>
  );
}

/** The compared period, as the API chose it: the equally long stretch just before `from`. */
export interface PreviousPeriod {
  from: string;
  to: string;
  tz: string;
  calendar: Calendar;
}

export function ScoreCard({ kind, total, previous }: { kind: Kind; total: Total; previous?: PreviousPeriod }) {
  const few = isFew(total);
  return (
    <section class="card score-card" aria-labelledby="score-title">
      <h2 id="score-title">{t(`kind.score.${kind}`)}</h2>
      <p class={`big${few ? ' muted' : ''}`} data-testid="score">
        {formatScore(kind, total.score)}
      </p>
      {few ? <TooFew n={total.n} /> : <IntervalBar kind={kind} score={total.score} ci={total.ci95} />}
      <dl class="facts">
        <div>
          <dt>
            {t('fact.interval')} <IntervalHelp id="help-score" />
          </dt>
          <dd data-testid="ci">{formatInterval(kind, total.ci95)}</dd>
        </div>
        <div>
          <dt>{t('fact.n')}</dt>
          <dd data-testid="n">{formatNumber(total.n)}</dd>
        </div>
        <div>
          <dt>{t('fact.rate')}</dt>
          <dd>
            <RateText m={total} />
          </dd>
        </div>
        <div>
          <dt>{t('fact.change')}</dt>
          <dd data-testid="change">
            <ChangeText kind={kind} change={total.change} />
          </dd>
          {previous && (
            <dd class="hint">
              {t('change.against', {
                from: formatDate(Date.parse(previous.from), previous.tz, previous.calendar),
                // `to` is exclusive: the last day compared is the one before it.
                to: formatDate(Date.parse(previous.to) - 1, previous.tz, previous.calendar),
              })}
            </dd>
          )}
        </div>
      </dl>
      <Bands kind={kind} total={total} />
    </section>
  );
}

/** How the answers split: promoters / passives / detractors, or high / low. */
function Bands({ kind, total }: { kind: Kind; total: Total }) {
  if (total.n == 0) return null;
  const parts: [StringKey, number, string][] =
    'promoters' in total
      ? [
          ['band.promoters', total.promoters, 'high'],
          ['band.passives', total.passives, 'mid'],
          ['band.detractors', total.detractors, 'low'],
        ]
      : 'satisfied' in total
        ? [
            ['band.satisfied', total.satisfied, 'high'],
            ['band.unsatisfied', total.n - total.satisfied, 'low'],
          ]
        : [
            ['band.agree', total.agree, 'high'],
            ['band.disagree', total.n - total.agree, 'low'],
          ];
  return (
    <div class="bands">
      <div class="band-bar" aria-hidden="true">
        {parts.map(([, count, tone]) => (
          <span class={`band-part ${tone}`} style={{ flexGrow: String(count) }} />
        ))}
      </div>
      <ul class="band-legend">
        {parts.map(([label, count, tone]) => (
          <li>
            <span class={`swatch ${tone}`} aria-hidden="true" />
            {t(label)}: {formatNumber(count)} ({formatPercent(count / total.n, 0)})
          </li>
        ))}
      </ul>
    </div>
  );
}
