/**
 * What customers talk about: the terms the low band's comments use more
 * than the rest (what the unhappy talk about) and less (what the happy
 * praise), each with how many comments hold it, the score of those answers
 * with its interval as a bar, and z. A term opens its comments.
 */
import { Fragment, h } from 'preact';
import type { ThemeSide, ThemeTerm, ThemesResult } from '../../shared/schemas/themes';
import { fetchThemes } from '../api/analyst';
import { EmptyPeriod } from '../components/EmptyPeriod';
import { IntervalBar } from '../components/IntervalBar';
import { IntervalHelp } from '../components/IntervalHelp';
import { Progress } from '../components/Progress';
import { QueryError } from '../components/QueryError';
import { formatInterval, formatNumber, formatScore, isolated } from '../i18n/format';
import { t } from '../i18n/strings';
import { filters } from '../state/filters';
import { useQueryError } from '../state/query-error';
import { useResource } from '../state/resource';
import { behindHref } from './Behind';

const SIDES: ThemeSide[] = ['low', 'high'];

export function Themes() {
  return (
    <section class="view" aria-labelledby="view-title">
      <h1 id="view-title">{t('nav.themes')}</h1>
      <p class="muted">{t('themes.method')}</p>
      {SIDES.map((side) => (
        <Side side={side} />
      ))}
    </section>
  );
}

function Side({ side }: { side: ThemeSide }) {
  const f = filters.value;
  const key = f.site ? JSON.stringify(['themes', side, f.site, f.survey, f.kind, f.from, f.to, f.tz, f.touchpoint, f.channel]) : null;
  const result = useResource(key, (signal) => fetchThemes(f, side, signal));
  useQueryError(`themes-${side}`, result.error);
  const data = result.data;
  const title = `themes-${side}`;
  return (
    <section class="themes" aria-labelledby={title} aria-busy={result.loading}>
      <h2 id={title}>{t(`themes.${side}`)}</h2>
      <QueryError error={result.error} />
      {result.loading && !data && <Progress label={t('loading')} />}
      {data && !result.error && <Terms data={data} side={side} />}
    </section>
  );
}

/** The low side says what was read (once, above the first side: both sides read the same comments). */
function Terms({ data, side }: { data: ThemesResult; side: ThemeSide }) {
  const lead = side == 'low';
  if (data.comments == 0) return lead ? <EmptyPeriod filters={filters.value} /> : null;
  return (
    <>
      {lead && <p>{t('themes.lead', { comments: formatNumber(data.comments), low: formatNumber(data.low), rest: formatNumber(data.rest) })}</p>}
      {lead && data.partial && <p class="muted">{t('themes.partial')}</p>}
      {data.terms.length == 0 ? (
        <p class="empty" role="status">
          {t('themes.none')}
        </p>
      ) : (
        <div class="table-scroll">
          <table class="breakdown themes-table">
            <thead>
              <tr>
                <th scope="col">{t('themes.term')}</th>
                <th scope="col">{t('themes.count')}</th>
                <th scope="col">{t(`kind.${data.kind}`)}</th>
                <th scope="col">
                  {t('fact.interval')} <IntervalHelp id={`help-themes-${side}`} />
                </th>
                <th scope="col">{t('themes.z')}</th>
              </tr>
            </thead>
            <tbody>
              {data.terms.map((term) => (
                <Row kind={data.kind} term={term} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function Row({ kind, term }: { kind: ThemesResult['kind']; term: ThemeTerm }) {
  const shown = term.forms[0] ?? term.term;
  const others = term.forms.slice(1, 4);
  return (
    <tr>
      <th scope="row">
        {/* Each term in its own direction: a Persian word in an English table, or the reverse. */}
        <a href={behindHref('comments', { theme: term.term })} title={t('themes.open', { term: shown })} dir="auto">
          {shown}
        </a>
        {others.length > 0 && (
          <span class="muted themes-forms" dir="auto">
            {t('themes.spellings', { forms: others.join(' · ') })}
          </span>
        )}
      </th>
      <td class="num">
        {formatNumber(term.count)}
        <span class="muted themes-split">{t('themes.split', { low: formatNumber(term.low), rest: formatNumber(term.rest) })}</span>
      </td>
      <td class="num">
        {formatScore(kind, term.score.score)}
        <IntervalBar kind={kind} score={term.score.score} ci={term.score.ci95} />
      </td>
      <td class="num">{formatInterval(kind, term.score.ci95)}</td>
      <td class="num">{isolated(formatNumber(term.z, 1))}</td>
    </tr>
  );
}
