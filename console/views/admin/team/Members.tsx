/**
 * Members of the team (owners only): who may sign in through Cloudflare
 * Access, with which role, on which sites. Add a member or change one (the
 * same form), remove one after a confirmation naming them. The last owner
 * stays an owner: the API says so (409) beside the role.
 */
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ROLES, type Role } from '../../../../shared/roles';
import { Email, MemberPut } from '../../../../shared/schemas/team';
import { listMembers, type Member, putMember, removeMember } from '../../../api/team';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ErrorNote } from '../../../components/ErrorNote';
import { Field } from '../../../components/Field';
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

export function Members() {
  const team = useResource('members', (signal) => listMembers(signal));
  useEffect(() => void loadSites(), []);
  const [editing, setEditing] = useState<Member | null>(null);
  // A new form after each save (empty, or the next member to change).
  const [round, setRound] = useState(0);
  const [asked, setAsked] = useState<Member | null>(null);
  const action = useAction({ settled: () => team.reload() });

  const remove = async (email: string) => {
    setAsked(null);
    await action.run(email, async () => {
      await removeMember(email);
      return { key: 'members.removed', values: { email } };
    });
  };

  return (
    <section class="view" aria-labelledby="view-title">
      <h1 id="view-title">{t('nav.members')}</h1>
      <p class="help">{t('members.help')}</p>
      {team.error && <ErrorNote error={team.error} />}
      {team.data && team.data.owner_emails.length > 0 && (
        <p class="help" data-testid="owner-emails">
          {t('members.ownerEmails', { emails: team.data.owner_emails.join(t('list.separator')) })}
        </p>
      )}
      {team.data && (
        <div class="table-scroll">
          <table>
            <TableHead columns={[t('members.email'), t('members.role'), t('team.sites'), t('members.lastSeen')]} actions />
            <tbody>
              {team.data.members.map((member) => (
                <tr data-member={member.email}>
                  <th scope="row" dir="ltr">
                    {member.email}
                  </th>
                  <td>{t(`roles.${member.role}`)}</td>
                  <td dir="auto">{sitesText(member.sites)}</td>
                  <td>{when(member.last_seen_at)}</td>
                  <td class="row-actions">
                    <button type="button" class="secondary" onClick={() => setEditing(member)} aria-label={t('members.changeOne', { email: member.email })}>
                      {t('members.change')}
                    </button>
                    <button type="button" class="danger" onClick={() => setAsked(member)} aria-label={t('members.removeOne', { email: member.email })}>
                      {t('members.remove')}
                    </button>
                  </td>
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
      <MemberForm
        key={`${round} ${editing?.email ?? ''}`}
        editing={editing}
        onSaved={(email) => {
          setEditing(null);
          setRound((r) => r + 1);
          action.say({ key: 'members.saved', values: { email } });
          team.reload();
        }}
      />
      <ConfirmDialog
        id="remove-member"
        open={asked !== null}
        title={t('members.confirmTitle')}
        text={t('members.confirmText', { email: asked?.email ?? '' })}
        confirm={t('members.removeOne', { email: asked?.email ?? '' })}
        onConfirm={() => asked && void remove(asked.email)}
        onCancel={() => setAsked(null)}
      />
    </section>
  );
}

function MemberForm({ editing, onSaved }: { editing: Member | null; onSaved: (email: string) => void }) {
  const [email, setEmail] = useState(editing?.email ?? '');
  const [role, setRole] = useState<Role>(editing?.role ?? 'analyst');
  const [sites, setSites] = useState<string[]>(editing?.sites ?? []);
  const [issues, setIssues] = useState<Issues | null>(null);
  const action = useAction();

  const submit = async (event: Event) => {
    event.preventDefault();
    action.clear();
    const address = check(Email, email);
    const body = check(MemberPut, role == 'owner' ? { role } : { role, sites });
    const found = { ...(address.issues ? { email: Object.values(address.issues)[0]! } : {}), ...body.issues };
    setIssues(Object.keys(found).length > 0 ? found : null);
    if (address.issues || body.issues) return;
    const refused = await action.run('save', async () => onSaved((await putMember(address.output, body.output)).email));
    if (refused) setIssues(issuesOf(refused));
  };

  return (
    <section class="card" aria-labelledby="member-form">
      <h2 id="member-form">{editing ? t('members.changeOne', { email: editing.email }) : t('members.add')}</h2>
      <form onSubmit={submit} novalidate>
        <Field id="member-email" label={t('members.email')} error={issueAt(issues, 'email')}>
          {(describedBy, invalid) => (
            <input id="member-email" type="email" dir="ltr" value={email} readOnly={editing !== null} onInput={(e) => setEmail(e.currentTarget.value)} aria-describedby={describedBy} aria-invalid={invalid} autocomplete="off" />
          )}
        </Field>
        <Field id="member-role" label={t('members.role')} help={t(`roles.${role}.help`)} error={issueAt(issues, 'role')}>
          {(describedBy, invalid) => (
            <select id="member-role" value={role} onChange={(e) => setRole(e.currentTarget.value as Role)} aria-describedby={describedBy} aria-invalid={invalid}>
              {ROLES.map((r) => (
                <option value={r}>{t(`roles.${r}`)}</option>
              ))}
            </select>
          )}
        </Field>
        {role != 'owner' && <SiteChoice id="member-sites" value={sites} onChange={setSites} error={issueAt(issues, 'sites')} />}
        <button type="submit" disabled={action.busy != ''}>
          {t('members.save')}
        </button>
        {action.failure && <ErrorNote error={action.failure} />}
      </form>
    </section>
  );
}
