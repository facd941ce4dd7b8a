/**
 * The customer journey as a row of touchpoints in journey order (the site's
 * journey first, then other touchpoints by answers), each with its number in
 * the reader's digits, its name in the reader's language, score, interval,
 * n and response rate, in reading direction, and a link to its comments. The
 * weakest step, the lowest score among the touchpoints, stands out.
 */
import { h } from 'preact';
import { MIN_TEST_N } from '../../shared/limits';
import type { Kind } from '../../shared/kinds';
import { fetchScores, type Group } from '../api/analyst';
import { EmptyPeriod } from '../components/EmptyPeriod';
import { QueryError } from '../components/QueryError';
import { IntervalBar } from '../components/IntervalBar';
import { IntervalHelp } from '../components/IntervalHelp';
import { Progress } from '../components/Progress';
import { formatInterval, formatNumber, formatScore, labelOf } from '../i18n/format';
import { t } from '../i18n/strings';
import { filters } from '../state/filters';
import { useMeta } from '../state/meta';
import { useQueryError } from '../state/query-error';
import { useResource } from '../state/resource';
import { Behind } from './Behind';
import { ChangeText, isFew, RateText, TooFew } from './ScoreCard';

/** Answers a step needs before it may be called the weakest: one angry answer is not a finding. */
const WEAKEST_MIN_N = MIN_TEST_N;

/**
 * The step with the lowest score: among the journey's steps when there is a
 * journey (a stray touchpoint is not a step), with enough answers to mean it.
 */
export function weakest(groups: Group[], journey: readonly string[]): string | null {
  let worst: Group | null = null;
  for (const g of groups) {
    if (g.key === null || g.score === null || g.n < WEAKEST_MIN_N) continue;
    if (journey.length > 0 && !journey.includes(g.key)) continue;
    if (worst === null || g.score < worst.score!) worst = g;
  }
  return worst?.key ?? null;
}

export function Journey() {
  const f = filters.value;
  const meta = useMeta(f.site);
  const key = f.site ? JSON.stringify(['journey', f.site, f.survey, f.kind, f.from, f.to, f.tz, f.channel, f.compare, f.calendar]) : null;
  const result = useResource(key, (signal) => fetchScores(f, { group_by: 'touchpoint', compare: true, allTouchpoints: true }, signal));
  useQueryError('journey', result.error);
  const data = result.data;
  const journey = meta.data?.journey ?? [];
  const groups = data?.groups ?? [];
  const worst = weakest(groups, journey);

  return (
    <section class="view" aria-labelledby="view-title">
      <h1 id="view-title">{t('nav.journey')}</h1>
      <p class="lead">
        {journey.length ? t('journey.lead') : t('journey.noJourney')} <IntervalHelp id="help-journey" />
      </p>
      <QueryError error={result.error} />
      {result.loading && !data && <Progress label={t('loading')} />}
      {data && !result.error && (
        data.total.n == 0 ? (
          <EmptyPeriod filters={f} />
        ) : (
          <ol class="journey" aria-busy={result.loading}>
            {groups.map((g, i) => (
              <Step
                kind={data.kind}
                group={g}
                number={i + 1}
                name={g.key === null ? t('journey.none') : labelOf(meta.data?.touchpoint_labels, g.key)}
                inJourney={g.key !== null && journey.includes(g.key)}
                weak={g.key !== null && g.key == worst}
              />
            ))}
          </ol>
        )
      )}
    </section>
  );
}

interface StepProps {
  kind: Kind;
  group: Group;
  number: number;
  name: string;
  inJourney: boolean;
  weak: boolean;
}

function Step({ kind, group, number, name, inJourney, weak }: StepProps) {
  const few = isFew(group);
  return (
    <li class={`step${weak ? ' weak' : ''}${inJourney ? '' : ' off-journey'}`} data-touchpoint={group.key ?? ''}>
      <span class="step-number" aria-hidden="true">
        {formatNumber(number)}
      </span>
      <h2 class="step-name">
        <bdi>{name}</bdi>
      </h2>
      {weak && <p class="tag weak-tag">{t('journey.weakest')}</p>}
      {!inJourney && group.key !== null && <p class="tag">{t('journey.notInJourney')}</p>}
      <p class={`step-score${few ? ' muted' : ''}`}>{formatScore(kind, group.score)}</p>
      {few ? <TooFew n={group.n} /> : <IntervalBar kind={kind} score={group.score} ci={group.ci95} weak={weak} />}
      <dl class="facts small">
        <div>
          <dt>{t('fact.interval')}</dt>
          <dd>{formatInterval(kind, group.ci95)}</dd>
        </div>
        <div>
          <dt>{t('fact.n')}</dt>
          <dd>{formatNumber(group.n)}</dd>
        </div>
        <div>
          <dt>{t('fact.rate')}</dt>
          <dd>
            <RateText m={group} />
          </dd>
        </div>
        <div>
          <dt>{t('fact.change')}</dt>
          <dd>
            <ChangeText kind={kind} change={group.change} />
          </dd>
        </div>
      </dl>
      {group.key !== null && group.n > 0 && <Behind narrow={{ touchpoint: group.key }} what={name} />}
    </li>
  );
}
