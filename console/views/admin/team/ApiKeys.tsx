/**
 * API keys for scripts (owners: every key; admins: their sites' keys): a
 * name, scopes and sites; the key shown once (only its hash is stored);
 * each listed by prefix with who made it and when it was last used, and
 * revoked after a confirmation naming it.
 */
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { SCOPES, type Scope } from '../../../../shared/roles';
import { ApiKeyCreate } from '../../../../shared/schemas/team';
import { type ApiKeyCreated, type ApiKeyInfo, createApiKey, listApiKeys, revokeApiKey } from '../../../api/team';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { KeyCells } from '../../../components/KeyCells';
import { ErrorNote, FieldError } from '../../../components/ErrorNote';
import { Field } from '../../../components/Field';
import { SecretOnce } from '../../../components/SecretOnce';
import { TableHead } from '../../../components/TableHead';
import { check, issueAt, issuesOf, type Issues } from '../../../forms/issues';
import { formatDate } from '../../../i18n/format';
import { lang } from '../../../i18n/lang';
import { sayNow } from '../../../i18n/said';
import { t } from '../../../i18n/strings';
import { useAction } from '../../../state/action';
import { browserZone, DEFAULT_CALENDAR } from '../../../state/filters';
import { useResource } from '../../../state/resource';
import { loadSites } from '../../../state/sites';
import { SiteChoice, sitesText } from './SiteChoice';

const when = (iso: string | null) => (iso ? formatDate(Date.parse(iso), browserZone(), DEFAULT_CALENDAR[lang.value], 'stamp') : t('team.never'));

export function ApiKeys() {
  const keys = useResource('api-keys', (signal) => listApiKeys(signal));
  useEffect(() => void loadSites(), []);
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  const [asked, setAsked] = useState<ApiKeyInfo | null>(null);
  const action = useAction({ settled: () => keys.reload() });

  const revoke = async (key: ApiKeyInfo) => {
    setAsked(null);
    await action.run(key.id, async () => {
      await revokeApiKey(key.id);
      return { key: 'apiKeys.revoked', values: { prefix: key.prefix } };
    });
  };

  return (
    <section class="view" aria-labelledby="view-title">
      <h1 id="view-title">{t('nav.apiKeys')}</h1>
      <p class="help">{t('apiKeys.help')}</p>
      {created ? (
        <SecretOnce label={t('apiKeys.key', { name: created.name })} secret={created.key} onDone={() => setCreated(null)} />
      ) : (
        <CreateKey
          onCreated={(key) => {
            setCreated(key);
            keys.reload();
          }}
        />
      )}
      {keys.error && <ErrorNote error={keys.error} />}
      {keys.data && (
        <div class="table-scroll">
          <table>
            <TableHead columns={[t('apiKeys.prefix'), t('apiKeys.name'), t('apiKeys.scopes'), t('team.sites'), t('apiKeys.createdBy'), t('apiKeys.lastUsed'), t('surveys.status')]} actions />
            <tbody>
              {keys.data.map((key) => (
                <tr data-key={key.prefix}>
                  <th scope="row">
                    <code dir="ltr">{key.prefix}</code>
                  </th>
                  <td dir="auto">{key.name}</td>
                  <td>{key.scopes.map((scope) => t(`scopes.${scope}`)).join(t('list.separator'))}</td>
                  <td dir="auto">{sitesText(key.sites)}</td>
                  <td dir="ltr">{key.created_by}</td>
                  <td>{when(key.last_used_at)}</td>
                  <KeyCells prefix={key.prefix} revokedOn={key.revoked_at ? when(key.revoked_at) : null} onRevoke={() => setAsked(key)} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p role="status" class="saved">
        {sayNow(action.status)}
      </p>
      {action.failure && <ErrorNote error={action.failure} />}
      <ConfirmDialog
        id="revoke-api-key"
        open={asked !== null}
        title={t('apiKeys.confirmTitle')}
        text={t('apiKeys.confirmText', { prefix: asked?.prefix ?? '', name: asked?.name ?? '' })}
        confirm={t('keys.revokeOne', { prefix: asked?.prefix ?? '' })}
        onConfirm={() => asked && void revoke(asked)}
        onCancel={() => setAsked(null)}
      />
    </section>
  );
}

function CreateKey({ onCreated }: { onCreated: (key: ApiKeyCreated) => void }) {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['read']);
  const [sites, setSites] = useState<string[]>([]);
  const [issues, setIssues] = useState<Issues | null>(null);
  const action = useAction();

  const submit = async (event: Event) => {
    event.preventDefault();
    action.clear();
    const checked = check(ApiKeyCreate, { name, scopes, sites });
    setIssues(checked.issues);
    if (checked.issues) return;
    const refused = await action.run('create', async () => onCreated(await createApiKey(checked.output)));
    if (refused) setIssues(issuesOf(refused));
  };
  const toggle = (scope: Scope, on: boolean) => setScopes(on ? [...scopes.filter((s) => s != scope), scope] : scopes.filter((s) => s != scope));

  return (
    <section class="card" aria-labelledby="create-key">
      <h2 id="create-key">{t('apiKeys.create')}</h2>
      <form onSubmit={submit} novalidate>
        <Field id="key-name" label={t('apiKeys.name')} help={t('apiKeys.nameHelp')} error={issueAt(issues, 'name')}>
          {(describedBy, invalid) => <input id="key-name" value={name} dir="auto" onInput={(e) => setName(e.currentTarget.value)} aria-describedby={describedBy} aria-invalid={invalid} />}
        </Field>
        <fieldset aria-describedby={issueAt(issues, 'scopes') ? 'key-scopes-error' : undefined}>
          <legend>{t('apiKeys.scopes')}</legend>
          {SCOPES.map((scope) => (
            <label class="check">
              <input type="checkbox" value={scope} checked={scopes.includes(scope)} onChange={(e) => toggle(scope, e.currentTarget.checked)} />
              {t(`scopes.${scope}`)} <span class="help">{t(`scopes.${scope}.help`)}</span>
            </label>
          ))}
          <FieldError id="key-scopes-error" message={issueAt(issues, 'scopes')} />
        </fieldset>
        <SiteChoice id="key-sites" value={sites} onChange={setSites} error={issueAt(issues, 'sites')} />
        <button type="submit" disabled={action.busy != ''}>
          {t('apiKeys.createButton')}
        </button>
        {action.failure && <ErrorNote error={action.failure} />}
      </form>
    </section>
  );
}
