/**
 * Breakdowns of the score by locale, country, device, channel and reason,
 * with the same facts as every score: interval, n, response rate, change; a
 * row of too few answers says so, and each row opens the comments behind it.
 * A reason is named by its label in the console's language, its id beside it.
 */
import { Fragment, h } from 'preact';
import { DEVICES } from '../../shared/devices';
import type { Kind } from '../../shared/kinds';
import { CHANNELS } from '../../shared/channels';
import type { SiteMeta } from '../../shared/schemas/site';
import { pickText } from '../../shared/pick-text';
import { fetchScores, type Group } from '../api/analyst';
import { EmptyPeriod } from '../components/EmptyPeriod';
import { QueryError } from '../components/QueryError';
import { IntervalBar } from '../components/IntervalBar';
import { IntervalHelp } from '../components/IntervalHelp';
import { Progress } from '../components/Progress';
import { displayName, formatInterval, formatNumber, formatScore } from '../i18n/format';
import { lang } from '../i18n/lang';
import { t } from '../i18n/strings';
import { filters } from '../state/filters';
import { useMeta } from '../state/meta';
import { useQueryError } from '../state/query-error';
import { useResource } from '../state/resource';
import { param, setParams } from '../state/route';
import { Behind } from './Behind';
import { ChangeText, isFew, RateText, TooFew } from './ScoreCard';

const DIMENSIONS = ['locale', 'country', 'device', 'channel', 'reason'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

const among = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

/** A reason's label in the console's language (else another the survey has), from the surveys that ask it. */
function reasonLabel(meta: SiteMeta | undefined, id: string): string | undefined {
  for (const survey of meta?.surveys ?? []) {
    const option = survey.reasons.find((o) => o.id == id);
    if (option) return pickText(option.label, lang.value)?.[1];
  }
  return undefined;
}

/** A group's key in words: language and country names from Intl, devices, channels and reasons from the string table and the surveys. */
export function keyName(by: Dimension, key: string | null, meta?: SiteMeta): string {
  if (key === null || key === '') return t(by == 'reason' ? 'breakdown.noReason' : 'breakdown.unknown');
  if (by == 'reason') return reasonLabel(meta, key) ?? key;
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
  const meta = useMeta(f.site).data;
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
                  {/* A reason is chosen after the survey was shown: it has no response rate. */}
                  {by != 'reason' && <th scope="col">{t('fact.rate')}</th>}
                  <th scope="col">{t('fact.change')}</th>
                </tr>
              </thead>
              <tbody>
                {(data.groups ?? []).map((g) => (
                  <Row kind={data.kind} by={by} group={g} meta={meta} />
                ))}
              </tbody>
            </table>
          </div>
        )
      )}
    </section>
  );
}

function Row({ kind, by, group, meta }: { kind: Kind; by: Dimension; group: Group; meta: SiteMeta | undefined }) {
  const name = keyName(by, group.key, meta);
  const few = isFew(group);
  return (
    <tr>
      <th scope="row">
        {name}
        {group.key && by != 'device' && by != 'channel' && (
          <>
            {' '}
            <span class="muted" dir="ltr">
              {group.key}
            </span>
          </>
        )}
        {group.key && group.n > 0 && <Behind narrow={{ [by]: group.key }} what={name} />}
      </th>
      <td class={`num${few ? ' muted' : ''}`}>
        {formatScore(kind, group.score)}
        {few ? <TooFew n={group.n} /> : <IntervalBar kind={kind} score={group.score} ci={group.ci95} />}
      </td>
      <td class="num">{formatInterval(kind, group.ci95)}</td>
      <td class="num">{formatNumber(group.n)}</td>
      {by != 'reason' && (
        <td>
          <RateText m={group} />
        </td>
      )}
      <td>
        <ChangeText kind={kind} change={group.change} />
      </td>
    </tr>
  );
}
