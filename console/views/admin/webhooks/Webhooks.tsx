/**
 * A site's webhooks: where each posts, on which events, which answers (in
 * words), in which format, active or paused, and whether it is failing (its
 * last 5 deliveries failed, said in words beside the mark); pause and
 * resume, edit, see its deliveries, delete after a confirmation. Secrets
 * are never listed, nor bot tokens (the API masks them).
 */
import { Fragment, h } from 'preact';
import { useState } from 'preact/hooks';
import { MAX_WEBHOOKS_PER_SITE } from '../../../../shared/schemas/webhook';
import { deleteWebhook, listWebhooks, patchWebhook, type WebhookRecord } from '../../../api/webhooks';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { TableHead } from '../../../components/TableHead';
import { ErrorNote } from '../../../components/ErrorNote';
import { Progress } from '../../../components/Progress';
import { formatNumber, isolated } from '../../../i18n/format';
import { sayNow, type Said } from '../../../i18n/said';
import { t } from '../../../i18n/strings';
import { useAction } from '../../../state/action';
import { useResource } from '../../../state/resource';
import { hrefOf, route } from '../../../state/route';
import { VerifyHint } from './VerifyHint';
import { eventsWords, filterWords, formatWords } from './webhook-words';

export function Webhooks() {
  const site = route.value.params.site ?? '';
  const list = useResource(site ? `webhooks ${site}` : null, (signal) => listWebhooks(site, signal));
  const [asked, setAsked] = useState<WebhookRecord | null>(null);
  const action = useAction({ settled: list.reload });

  const act = (webhook: WebhookRecord, change: () => Promise<unknown>, done: Said) =>
    action.run(webhook.id, async () => {
      await change();
      return done;
    });
  const toggle = (webhook: WebhookRecord) =>
    act(webhook, () => patchWebhook(site, webhook.id, { active: !webhook.active }), { key: webhook.active ? 'webhooks.pausedOne' : 'webhooks.resumedOne', values: { url: isolated(webhook.url) } });
  const remove = (webhook: WebhookRecord) => {
    setAsked(null);
    void act(webhook, () => deleteWebhook(site, webhook.id), { key: 'webhooks.deleted', values: { url: isolated(webhook.url) } });
  };
  const count = list.data?.length ?? 0;

  return (
    <section class="view" aria-labelledby="view-title">
      <h1 id="view-title">{t('nav.webhooks')}</h1>
      <p class="lead">{t('webhooks.lead')}</p>
      {!site && <p class="empty">{t('settings.noSite')}</p>}
      {site && (
        <p class="actions">
          {count < MAX_WEBHOOKS_PER_SITE ? (
            <a class="button" href={hrefOf('webhook', { site, id: 'new' })}>
              {t('webhook.new')}
            </a>
          ) : (
            <span class="notice">{t('webhooks.full', { max: formatNumber(MAX_WEBHOOKS_PER_SITE) })}</span>
          )}
          {list.data && <span class="muted">{t('webhooks.count', { count: formatNumber(count), max: formatNumber(MAX_WEBHOOKS_PER_SITE) })}</span>}
        </p>
      )}
      {list.error && <ErrorNote error={list.error} />}
      {action.failure && <ErrorNote error={action.failure} />}
      <p role="status" class="saved">
        {sayNow(action.status)}
      </p>
      {list.loading && !list.data && <Progress label={t('loading')} />}
      {list.data && list.data.length == 0 && <p class="empty">{t('webhooks.none')}</p>}
      {list.data && list.data.length > 0 && (
        <div class="table-scroll">
          <table>
            <TableHead columns={[t('webhook.url'), t('webhook.events'), t('webhook.which'), t('webhook.format'), t('surveys.status'), t('webhooks.health')]} actions />
            <tbody>
              {list.data.map((webhook) => (
                <tr data-webhook={webhook.id}>
                  <th scope="row" class="url">
                    <code dir="ltr">{webhook.url}</code>
                  </th>
                  <td>{eventsWords(webhook.events)}</td>
                  <td data-testid="filter-words">{filterWords(webhook.filter)}</td>
                  <td>{formatWords(webhook.format)}</td>
                  <td>
                    <span class={`status ${webhook.active ? 'active' : 'paused'}`}>{webhook.active ? t('survey.active') : t('survey.paused')}</span>
                  </td>
                  <td data-health={webhook.health}>
                    {webhook.health == 'failing' ? (
                      <>
                        <span class="status failing">{t('health.failing')}</span>
                        <p class="hint">{t('webhooks.failingHelp')}</p>
                      </>
                    ) : (
                      <span class="muted">{t('health.ok')}</span>
                    )}
                  </td>
                  <td class="row-actions">
                    <a href={hrefOf('deliveries', { site, id: webhook.id })}>{t('webhook.deliveries')}</a>
                    <a href={hrefOf('webhook', { site, id: webhook.id })}>{t('surveys.edit')}</a>
                    <button type="button" class="secondary" disabled={action.busy == webhook.id} onClick={() => toggle(webhook)}>
                      {webhook.active ? t('surveys.pause') : t('surveys.resume')}
                    </button>
                    <button type="button" class="danger" disabled={action.busy == webhook.id} onClick={() => setAsked(webhook)}>
                      {t('webhooks.delete')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <VerifyHint />
      <ConfirmDialog
        id="webhook-delete"
        open={asked !== null}
        title={t('webhooks.confirmTitle')}
        text={t('webhooks.confirmText', { url: isolated(asked?.url ?? '') })}
        confirm={t('webhooks.confirm')}
        onConfirm={() => asked && remove(asked)}
        onCancel={() => setAsked(null)}
      />
    </section>
  );
}
