/**
 * Breakdowns of the score by locale, country, device and channel, with the
 * same facts as every score: interval, n, response rate, change; a row of
 * too few answers says so, and each row opens the comments behind it.
 */
import { h } from 'preact';
import { DEVICES } from '../../shared/devices';
import type { Kind } from '../../shared/kinds';
import { CHANNELS } from '../../shared/channels';
import { fetchScores, type Group } from '../api/analyst';
import { EmptyPeriod } from '../components/EmptyPeriod';
import { QueryError } from '../components/QueryError';
import { IntervalBar } from '../components/IntervalBar';
import { IntervalHelp } from '../components/IntervalHelp';
import { Progress } from '../components/Progress';
import { displayName, formatInterval, formatNumber, formatScore } from '../i18n/format';
import { t } from '../i18n/strings';
import { filters } from '../state/filters';
import { useQueryError } from '../state/query-error';
import { useResource } from '../state/resource';
import { param, setParams } from '../state/route';
import { Behind } from './Behind';
import { ChangeText, isFew, RateText, TooFew } from './ScoreCard';

const DIMENSIONS = ['locale', 'country', 'device', 'channel'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

const among = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

/** A group's key in words: language and country names from Intl, devices and channels from the string table. */
export function keyName(by: Dimension, key: string | null): string {
  if (key === null || key === '') return t('breakdown.unknown');
  if (by == 'locale') return displayName('language', key);
  if (by == 'country') return displayName('region', key);
  if (by == 'device' && among(DEVICES, key)) return t(`device.${key}`);
  if (by == 'channel' && among(CHANNELS, key)) return t(`channel.${key}`);
  return key;
}

export function Breakdowns() {
  const f = filters.value;
  const chosen = param('by').value as Dimension;
  const by: Dimension = DIMENSIONS.includes(chosen) ? chosen : 'locale';
  const key = f.site ? JSON.stringify(['breakdown', by, f.site, f.survey, f.kind, f.from, f.to, f.tz, f.touchpoint, f.channel, f.compare, f.calendar]) : null;
  const result = useResource(key, (signal) => fetchScores(f, { group_by: by, compare: true }, signal));
  useQueryError('breakdown', result.error);
  const data = result.data;

  return (
    <section class="view" aria-labelledby="view-title">
      <h1 id="view-title">{t('nav.breakdowns')}</h1>
      <div class="tabs" role="group" aria-label={t('breakdown.by')}>
        {DIMENSIONS.map((d) => (
          <button type="button" class={d == by ? 'tab active' : 'tab'} aria-pressed={d == by} onClick={() => setParams({ by: d })}>
            {t(`breakdown.${d}`)}
          </button>
        ))}
      </div>
      <QueryError error={result.error} />
      {result.loading && !data && <Progress label={t('loading')} />}
      {data && !result.error && (
        data.total.n == 0 ? (
          <EmptyPeriod filters={f} />
        ) : (
          <div class="table-scroll" aria-busy={result.loading}>
            <table class="breakdown">
              <caption class="visually-hidden">{t(`breakdown.${by}`)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(`breakdown.${by}`)}</th>
                  <th scope="col">{t(`kind.${data.kind}`)}</th>
                  <th scope="col">
                    {t('fact.interval')} <IntervalHelp id="help-breakdown" />
                  </th>
                  <th scope="col">{t('fact.n')}</th>
                  <th scope="col">{t('fact.rate')}</th>
                  <th scope="col">{t('fact.change')}</th>
                </tr>
              </thead>
              <tbody>
                {(data.groups ?? []).map((g) => (
                  <Row kind={data.kind} by={by} group={g} />
                ))}
              </tbody>
            </table>
          </div>
        )
      )}
    </section>
  );
}

function Row({ kind, by, group }: { kind: Kind; by: Dimension; group: Group }) {
  const name = keyName(by, group.key);
  const few = isFew(group);
  return (
    <tr>
      <th scope="row">
        {name}
        {group.key && by != 'device' && by != 'channel' && <span class="muted"> {group.key}</span>}
        {group.key && group.n > 0 && <Behind narrow={{ [by]: group.key }} what={name} />}
      </th>
      <td class={`num${few ? ' muted' : ''}`}>
        {formatScore(kind, group.score)}
        {few ? <TooFew n={group.n} /> : <IntervalBar kind={kind} score={group.score} ci={group.ci95} />}
      </td>
      <td class="num">{formatInterval(kind, group.ci95)}</td>
      <td class="num">{formatNumber(group.n)}</td>
      <td>
        <RateText m={group} />
      </td>
      <td>
        <ChangeText kind={kind} change={group.change} />
      </td>
    </tr>
  );
}
