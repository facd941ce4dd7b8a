/**
 * Create or edit a webhook. The form is checked with the API's own schemas
 * before sending, and the API's refusals (an http URL in production, a
 * private address, the 20-webhook limit) are shown beside their fields with
 * everything typed kept. A new webhook's signing secret is shown here once;
 * a saved one can be sent a test, in the console's language.
 */
import { signal } from '@preact/signals';
import { Fragment, h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { WebhookCreate, WebhookPatch } from '../../../../shared/schemas/webhook';
import { createWebhook, getWebhook, patchWebhook, testWebhook } from '../../../api/webhooks';
import { ErrorNote, FieldError } from '../../../components/ErrorNote';
import { Progress } from '../../../components/Progress';
import { SecretOnce } from '../../../components/SecretOnce';
import { issuesOf, type Issues } from '../../../forms/issues';
import { blankWebhookForm, checkWebhookForm, webhookFormOf, type WebhookForm } from '../../../forms/webhook-form';
import { lang } from '../../../i18n/lang';
import { sayNow } from '../../../i18n/said';
import { t } from '../../../i18n/strings';
import { useAction } from '../../../state/action';
import { useMeta } from '../../../state/meta';
import { useResource } from '../../../state/resource';
import { hrefOf, route, setParams } from '../../../state/route';
import { VerifyHint } from './VerifyHint';
import { WebhookFields } from './WebhookFields';

/** The secret of the webhook just created: kept across the switch to its id, gone once copied. */
const created = signal<{ id: string; secret: string } | null>(null);

export function WebhookEditor() {
  const { site = '', id = 'new' } = route.value.params;
  const meta = useMeta(site);
  const known = [...new Set([...(meta.data?.journey ?? []), ...(meta.data?.touchpoints ?? [])])];
  const existing = useResource(site && id != 'new' ? `webhook ${site} ${id}` : null, (signal) => getWebhook(site, id, signal));
  // The site's touchpoints decide which of a webhook's are ticks and which typed: wait for them (or their failure).
  const metaSettled = meta.data !== undefined || meta.error !== undefined;
  const [form, setForm] = useState<WebhookForm>(blankWebhookForm);
  useEffect(() => {
    if (id == 'new') setForm(blankWebhookForm());
  }, [id]);
  useEffect(() => {
    if (id != 'new' && existing.data && metaSettled) setForm(webhookFormOf(existing.data, known));
  }, [existing.data, metaSettled]);
  const secret = created.value && created.value.id == id ? created.value.secret : null;
  // Leaving the view forgets the secret too: it is shown on the page it was created on, once.
  useEffect(() => () => void (created.value = null), []);

  return (
    <section class="view" aria-labelledby="view-title">
      <h1 id="view-title">{id == 'new' ? t('webhook.new') : t('webhook.edit')}</h1>
      {!site && <p class="empty">{t('settings.noSite')}</p>}
      <p class="actions">
        <a href={hrefOf('webhooks', { site })}>{t('webhook.back')}</a>
        {id != 'new' && <a href={hrefOf('deliveries', { site, id })}>{t('webhook.deliveries')}</a>}
      </p>
      {site && id != 'new' && <TestButton site={site} id={id} />}
      {secret && (
        <div class="card">
          <p role="status" class="done">
            {t('webhook.created')}
          </p>
          <SecretOnce label={t('webhook.secret')} warning={t('webhook.secretWarning')} secret={secret} onDone={() => (created.value = null)} />
          <VerifyHint />
        </div>
      )}
      {!site ? null : id != 'new' && !(existing.data && metaSettled) ? (
        existing.error ? <ErrorNote error={existing.error} /> : <Progress label={t('loading')} />
      ) : (
        <Editor site={site} id={id} form={form} setForm={setForm} known={known} />
      )}
    </section>
  );
}

/** Send the webhook a signed test through the same queue as any delivery; say so, or why not. */
function TestButton({ site, id }: { site: string; id: string }) {
  const action = useAction();
  const send = () =>
    action.run('test', async () => {
      await testWebhook(site, id, lang.value);
      return { key: 'webhook.testSent' };
    });
  return (
    <>
      <p class="actions">
        <button type="button" class="secondary" disabled={action.busy != ''} onClick={send}>
          {t('webhook.test')}
        </button>
        <span role="status" class="saved" data-testid="test-status">
          {sayNow(action.status)}
        </span>
      </p>
      {action.failure && <ErrorNote error={action.failure} />}
    </>
  );
}

function Editor({ site, id, form, setForm, known }: { site: string; id: string; form: WebhookForm; setForm: (f: WebhookForm) => void; known: string[] }) {
  const [issues, setIssues] = useState<Issues | null>(null);
  const action = useAction();
  const creating = id == 'new';

  const save = async (event: Event) => {
    event.preventDefault();
    action.clear();
    const checked = checkWebhookForm(form, creating);
    setIssues(checked.issues);
    if (checked.issues) {
      action.say({ key: 'editor.fix', values: { count: Object.keys(checked.issues).length } });
      return;
    }
    const refused = await action.run('save', async () => {
      if (creating) {
        const result = await createWebhook(site, checked.output as WebhookCreate);
        created.value = result;
        setParams({ id: result.id });
      } else {
        await patchWebhook(site, id, checked.output as WebhookPatch);
        return { key: 'saved' };
      }
    });
    // Everything typed stays; the API's reasons go beside their fields.
    if (refused) setIssues(issuesOf(refused));
  };

  return (
    <form class="card" onSubmit={save} novalidate aria-labelledby="view-title">
      <WebhookFields form={form} update={(change) => setForm({ ...form, ...change })} issues={issues} known={known} />
      <p class="actions">
        <button type="submit" disabled={action.busy != ''} aria-describedby={issues?.site ? 'wh-site-error' : undefined}>
          {creating ? t('webhook.create') : t('save')}
        </button>
        <span role="status" class="saved">
          {sayNow(action.status)}
        </span>
      </p>
      {/* The site's own limit (20 webhooks) is named on `site`: said beside the button that met it. */}
      <FieldError id="wh-site-error" message={issues?.site} />
      {action.failure && <ErrorNote error={action.failure} />}
    </form>
  );
}
