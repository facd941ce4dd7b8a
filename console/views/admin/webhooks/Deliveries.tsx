/**
 * One webhook's deliveries, newest first: event, answer, status, attempts,
 * the receiver's last status and error, when the next attempt is due and
 * when it was delivered, in the console's digits and calendar. A failed
 * delivery can be sent again; Refresh asks the API again (no polling).
 */
import { h } from 'preact';
import { getWebhook, listDeliveries, retryDelivery, type Delivery } from '../../../api/webhooks';
import { ErrorNote } from '../../../components/ErrorNote';
import { TableHead } from '../../../components/TableHead';
import { Progress } from '../../../components/Progress';
import { formatDate, formatNumber } from '../../../i18n/format';
import { lang } from '../../../i18n/lang';
import { sayNow } from '../../../i18n/said';
import { t } from '../../../i18n/strings';
import { browserZone, DEFAULT_CALENDAR } from '../../../state/filters';
import { useAction } from '../../../state/action';
import { useResource } from '../../../state/resource';
import { hrefOf, route } from '../../../state/route';
import { eventWords, filterWords } from './webhook-words';

/** Deliveries a page shows: the API's default page. */
const SHOWN = 50;

const when = (iso: string | null) => (iso ? formatDate(Date.parse(iso), browserZone(), DEFAULT_CALENDAR[lang.value], 'stamp') : '–');

export function Deliveries() {
  const { site = '', id = '' } = route.value.params;
  const webhook = useResource(site && id ? `webhook ${site} ${id}` : null, (signal) => getWebhook(site, id, signal));
  const deliveries = useResource(site && id ? `deliveries ${site} ${id}` : null, (signal) => listDeliveries(site, id, SHOWN, signal));
  const action = useAction({ settled: deliveries.reload });

  const retry = (delivery: Delivery) =>
    action.run(delivery.id, async () => {
      await retryDelivery(site, id, delivery.id);
      return { key: 'deliveries.retried' };
    });
  const refresh = () => {
    action.say(null);
    webhook.reload();
    deliveries.reload();
  };

  return (
    <section class="view" aria-labelledby="view-title">
      <h1 id="view-title">{t('webhook.deliveries')}</h1>
      {webhook.data && (
        <p class="lead">
          <code dir="ltr">{webhook.data.url}</code> · {filterWords(webhook.data.filter)}{' '}
          <span class={`status ${webhook.data.active ? 'active' : 'paused'}`}>{webhook.data.active ? t('survey.active') : t('survey.paused')}</span>
        </p>
      )}
      {webhook.error && <ErrorNote error={webhook.error} />}
      <p class="actions">
        <a href={hrefOf('webhooks', { site })}>{t('webhook.back')}</a>
        <a href={hrefOf('webhook', { site, id })}>{t('surveys.edit')}</a>
        <button type="button" class="secondary" onClick={refresh} disabled={deliveries.loading}>
          {t('deliveries.refresh')}
        </button>
        <span role="status" class="saved">
          {sayNow(action.status)}
        </span>
      </p>
      <p class="help">{t('deliveries.help', { shown: formatNumber(SHOWN) })}</p>
      {action.failure && <ErrorNote error={action.failure} />}
      {deliveries.error && <ErrorNote error={deliveries.error} />}
      {deliveries.loading && !deliveries.data && <Progress label={t('loading')} />}
      {deliveries.data && deliveries.data.length == 0 && <p class="empty">{t('deliveries.none')}</p>}
      {deliveries.data && deliveries.data.length > 0 && (
        <div class="table-scroll">
          <table class="deliveries">
            <TableHead columns={[t('deliveries.created'), t('deliveries.event'), t('deliveries.answer'), t('surveys.status'), t('deliveries.attempts'), t('deliveries.lastStatus'), t('deliveries.lastError'), t('deliveries.next'), t('deliveries.delivered')]} actions />
            <tbody>
              {deliveries.data.map((delivery) => (
                <tr data-delivery={delivery.id} data-status={delivery.status}>
                  <th scope="row">{when(delivery.created_at)}</th>
                  <td>{eventWords(delivery.event)}</td>
                  <td>
                    {delivery.response === null ? (
                      '–'
                    ) : (
                      <code dir="ltr" class="answer-id">
                        {delivery.response}
                      </code>
                    )}
                  </td>
                  <td>
                    <span class={`status ${delivery.status}`}>{t(`delivery.${delivery.status}`)}</span>
                  </td>
                  <td class="num">{formatNumber(delivery.attempts)}</td>
                  <td class="num">{delivery.last_status === null ? '–' : formatNumber(delivery.last_status)}</td>
                  <td class="last-error">
                    {delivery.last_error ? (
                      <span lang="en" dir="auto">
                        {delivery.last_error}
                      </span>
                    ) : (
                      '–'
                    )}
                  </td>
                  <td>{when(delivery.next_attempt_at)}</td>
                  <td>{when(delivery.delivered_at)}</td>
                  <td class="row-actions">
                    {delivery.status == 'failed' && (
                      <button type="button" class="secondary" disabled={action.busy == delivery.id} onClick={() => retry(delivery)} aria-label={t('deliveries.retryOne', { answer: delivery.response ?? delivery.id })}>
                        {t('deliveries.retry')}
                      </button>
                    )}
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
