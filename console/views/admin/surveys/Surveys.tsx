/** A site's surveys: kind, name, status and answers in the last 90 days; pause, resume, edit, create. */
import { h } from 'preact';
import { fetchScores } from '../../../api/analyst';
import { listSurveys, patchSurvey, type SurveyRecord } from '../../../api/admin';
import { ErrorNote } from '../../../components/ErrorNote';
import { TableHead } from '../../../components/TableHead';
import { Progress } from '../../../components/Progress';
import { formatNumber } from '../../../i18n/format';
import { t } from '../../../i18n/strings';
import { browserZone, filters, lastDays } from '../../../state/filters';
import { useAction } from '../../../state/action';
import { forgetMeta } from '../../../state/meta';
import { useResource } from '../../../state/resource';
import { hrefOf, route } from '../../../state/route';

/** Answers counted over this many days in the list. */
const COUNT_DAYS = 90;

async function withCounts(site: string, signal: AbortSignal): Promise<{ survey: SurveyRecord; n: number | null }[]> {
  const surveys = await listSurveys(site, signal);
  const tz = browserZone();
  const range = lastDays(COUNT_DAYS, tz);
  return Promise.all(
    surveys.map(async (survey) => {
      try {
        const scores = await fetchScores({ ...filters.value, site, survey: survey.id, touchpoint: '', tz, ...range }, {}, signal);
        return { survey, n: scores.total.n };
      } catch {
        return { survey, n: null };
      }
    }),
  );
}

export function Surveys() {
  const site = route.value.params.site ?? '';
  const list = useResource(site ? `surveys ${site}` : null, (signal) => withCounts(site, signal));
  const action = useAction();

  const toggle = (survey: SurveyRecord) =>
    action.run(survey.id, async () => {
      await patchSurvey(site, survey.id, { active: !survey.active });
      forgetMeta(site);
      list.reload();
    });

  return (
    <section class="view" aria-labelledby="view-title">
      <h1 id="view-title">{t('nav.surveys')}</h1>
      <p class="actions">
        <a class="button" href={hrefOf('survey', { site, id: 'new' })}>
          {t('surveys.new')}
        </a>
      </p>
      {list.error && <ErrorNote error={list.error} />}
      {action.failure && <ErrorNote error={action.failure} />}
      {list.loading && !list.data && <Progress label={t('loading')} />}
      {list.data && list.data.length == 0 && <p class="empty">{t('surveys.none')}</p>}
      {list.data && list.data.length > 0 && (
        <div class="table-scroll">
          <table>
            <TableHead columns={[t('surveys.name'), t('surveys.kind'), t('surveys.status'), t('surveys.answers', { days: formatNumber(COUNT_DAYS) })]} actions />
            <tbody>
              {list.data.map(({ survey, n }) => (
                <tr data-survey={survey.id}>
                  <th scope="row">
                    {survey.name || t('surveys.unnamed')} <code class="muted" dir="ltr">{survey.id}</code>
                  </th>
                  <td>{t(`kind.${survey.kind}`)}</td>
                  <td>
                    <span class={`status ${survey.active ? 'active' : 'paused'}`}>{survey.active ? t('survey.active') : t('survey.paused')}</span>
                  </td>
                  <td class="num">{n === null ? '–' : formatNumber(n)}</td>
                  <td class="row-actions">
                    <a href={hrefOf('survey', { site, id: survey.id })}>{t('surveys.edit')}</a>
                    <a href={hrefOf('scores', { site, survey: survey.id })}>{t('surveys.scores')}</a>
                    {survey.active && <a href={hrefOf('links', { site, survey: survey.id })}>{t('surveys.links')}</a>}
                    <button type="button" class="secondary" disabled={action.busy == survey.id} onClick={() => toggle(survey)}>
                      {survey.active ? t('surveys.pause') : t('surveys.resume')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
