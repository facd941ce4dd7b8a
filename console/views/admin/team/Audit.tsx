/**
 * The audit log (owners: everything; admins: their sites): who changed what,
 * newest first, filtered by site, person (an email, a key's prefix, or the
 * admin token) and action; older entries a page at a time. The filters are
 * in the URL (`audit_site`, `actor`, `action`), so a filtered log is a link.
 */
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { AUDIT_ACTIONS, AUDIT_FAMILIES, type AuditEntry } from '../../../../shared/schemas/team';
import { readAudit } from '../../../api/team';
import { ErrorNote } from '../../../components/ErrorNote';
import { TableHead } from '../../../components/TableHead';
import { formatDate } from '../../../i18n/format';
import { lang } from '../../../i18n/lang';
import { t } from '../../../i18n/strings';
import { useAction } from '../../../state/action';
import { browserZone, DEFAULT_CALENDAR } from '../../../state/filters';
import { param, setParams } from '../../../state/route';
import { useResource } from '../../../state/resource';
import { loadSites, sites } from '../../../state/sites';

const when = (iso: string) => formatDate(Date.parse(iso), browserZone(), DEFAULT_CALENDAR[lang.value], 'stamp');

/** Who made a change, in words: the member's email, the key's prefix, or the admin token. */
function actorText(actor: AuditEntry['actor']): string {
  if (actor.email) return actor.email;
  if (actor.key) return t('audit.apiKey', { prefix: actor.key });
  return t('audit.adminToken');
}

const siteParam = param('audit_site');
const actorParam = param('actor');
const actionParam = param('action');

export function Audit() {
  useEffect(() => void loadSites(), []);
  const filter = { site: siteParam.value || undefined, actor: actorParam.value || undefined, action: actionParam.value || undefined };
  const first = useResource(`audit ${JSON.stringify(filter)}`, (signal) => readAudit(filter, signal));
  // Older pages, asked for one at a time; a new filter starts again from the newest.
  const [older, setOlder] = useState<{ entries: AuditEntry[]; next: string | null } | null>(null);
  useEffect(() => setOlder(null), [JSON.stringify(filter)]);
  const action = useAction();
  const entries = [...(first.data?.entries ?? []), ...(older?.entries ?? [])];
  const next = older ? older.next : (first.data?.next_cursor ?? null);

  const more = () =>
    action.run('more', async () => {
      if (!next) return;
      const page = await readAudit({ ...filter, cursor: next });
      setOlder({ entries: [...(older?.entries ?? []), ...page.entries], next: page.next_cursor });
    });

  return (
    <section class="view" aria-labelledby="view-title">
      <h1 id="view-title">{t('nav.audit')}</h1>
      <p class="help">{t('audit.help')}</p>
      <AuditFilters key={JSON.stringify(filter)} site={filter.site ?? ''} actor={filter.actor ?? ''} action={filter.action ?? ''} />
      {first.error && <ErrorNote error={first.error} />}
      {first.data && entries.length == 0 && <p class="empty">{t('audit.none')}</p>}
      {entries.length > 0 && (
        <div class="table-scroll">
          <table data-testid="audit">
            <TableHead columns={[t('audit.at'), t('audit.actor'), t('audit.action'), t('site'), t('audit.target'), t('audit.fields')]} />
            <tbody>
              {entries.map((entry) => (
                <tr data-entry={entry.id}>
                  <td>{when(entry.at)}</td>
                  <td dir="ltr">{actorText(entry.actor)}</td>
                  <td>
                    <code dir="ltr">{entry.action}</code>
                  </td>
                  <td dir="ltr">{entry.site ?? '—'}</td>
                  <td dir="ltr">{entry.target ?? '—'}</td>
                  <td dir="ltr">{entry.fields.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && (
        <p class="actions">
          <button type="button" class="secondary" onClick={() => void more()} disabled={action.busy != ''}>
            {t('audit.older')}
          </button>
        </p>
      )}
      {action.failure && <ErrorNote error={action.failure} />}
    </section>
  );
}

function AuditFilters(props: { site: string; actor: string; action: string }) {
  const [site, setSite] = useState(props.site);
  const [actor, setActor] = useState(props.actor);
  const [action, setAction] = useState(props.action);
  const submit = (event: Event) => {
    event.preventDefault();
    setParams({ audit_site: site, actor: actor.trim(), action });
  };
  return (
    <form class="filters" onSubmit={submit} aria-label={t('audit.filters')}>
      <label>
        <span>{t('site')}</span>
        <select id="audit-site" value={site} onChange={(e) => setSite(e.currentTarget.value)}>
          <option value="">{t('audit.allSites')}</option>
          {(sites.value ?? []).map((s) => (
            <option value={s.site}>
              {s.name} ({s.site})
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('audit.actor')}</span>
        <input id="audit-actor" type="search" dir="ltr" value={actor} placeholder={t('audit.actorHint')} onInput={(e) => setActor(e.currentTarget.value)} />
      </label>
      <label>
        <span>{t('audit.action')}</span>
        <select id="audit-action" value={action} onChange={(e) => setAction(e.currentTarget.value)}>
          <option value="">{t('audit.allActions')}</option>
          {AUDIT_FAMILIES.map((family) => (
            <optgroup label={family}>
              <option value={family}>{t('audit.family', { family })}</option>
              {AUDIT_ACTIONS.filter((a) => a.startsWith(`${family}.`)).map((a) => (
                <option value={a}>{a}</option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <button type="submit">{t('audit.show')}</button>
    </form>
  );
}
