/**
 * Mint signed links for one survey (email, SMS, QR code or a plain link):
 * the channel, how long they live, and up to 1,000 recipients typed as rows
 * or pasted as CSV lines, checked with the API's own `LinkMint` schema before
 * sending. A refusal keeps everything typed; the links appear below.
 */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { LINK_CHANNELS, type LinkChannel } from '../../../../shared/channels';
import { LINK_DEFAULT_DAYS, LINK_MAX_DAYS, LinkMint, REUSABLE_CHANNELS } from '../../../../shared/schemas/links';
import { listSurveys } from '../../../api/admin';
import { mintLinks, type LinksMinted } from '../../../api/links';
import { ErrorNote, FieldError } from '../../../components/ErrorNote';
import { Field } from '../../../components/Field';
import { check, issueAt, issuesOf, type Issues } from '../../../forms/issues';
import { blankRow, parseRecipients, recipientOf, type RecipientRow } from '../../../forms/link-form';
import { typedNumber } from '../../../forms/numbers';
import { formatNumber } from '../../../i18n/format';
import { sayNow } from '../../../i18n/said';
import { t } from '../../../i18n/strings';
import { useAction } from '../../../state/action';
import { useMeta } from '../../../state/meta';
import { useResource } from '../../../state/resource';
import { route, setParams } from '../../../state/route';
import { LinkRecipients, type RecipientMode } from './LinkRecipients';
import { LinkResults } from './LinkResults';
import { EmailPreview } from './EmailPreview';

interface Minted {
  result: LinksMinted;
  recipients: Record<string, string>[];
  channel: LinkChannel;
  survey: string;
}

/** Recipient issues (`recipients.4.locale`) of a pasted list, as errors of the lines they came from. */
function lineErrorsOf(issues: Issues, lines: number[]): { line: number; message: string }[] {
  return Object.entries(issues).flatMap(([path, message]) => {
    const [head, index, field] = path.split('.');
    const line = head == 'recipients' && index !== undefined ? lines[Number(index)] : undefined;
    return line === undefined ? [] : [{ line, message: field ? `${field} ${message}` : message }];
  });
}

export function Links() {
  const { site = '', survey = '' } = route.value.params;
  const surveys = useResource(site ? `surveys-links ${site}` : null, (signal) => listSurveys(site, signal));
  const meta = useMeta(site);
  const known = [...new Set([...(meta.data?.journey ?? []), ...(meta.data?.touchpoints ?? [])])];
  const chosen = surveys.data?.find((s) => s.id == survey);

  const [channel, setChannel] = useState<LinkChannel>('email');
  const [expires, setExpires] = useState(String(LINK_DEFAULT_DAYS));
  const [reusable, setReusable] = useState(false);
  const canReuse = REUSABLE_CHANNELS.includes(channel);
  const [mode, setMode] = useState<RecipientMode>('rows');
  const [rows, setRows] = useState<RecipientRow[]>([blankRow()]);
  const [csv, setCsv] = useState('');
  const [issues, setIssues] = useState<Issues | null>(null);
  const [lineErrors, setLineErrors] = useState<{ line: number; message: string }[]>([]);
  const [minted, setMinted] = useState<Minted | null>(null);
  const action = useAction();

  const submit = async (event: Event) => {
    event.preventDefault();
    action.clear();
    setLineErrors([]);
    const pasted = mode == 'csv' ? parseRecipients(csv) : null;
    const recipients = pasted ? pasted.recipients : rows.map(recipientOf);
    const lines = pasted ? pasted.lines : [];
    const days = typedNumber(expires);
    const checked = check(LinkMint, { channel, ...(days === undefined ? {} : { expires_days: days }), ...(reusable && canReuse ? { reusable: true } : {}), recipients });
    const lineIssues = pasted ? [...pasted.errors, ...lineErrorsOf(checked.issues ?? {}, lines)].sort((a, b) => a.line - b.line) : [];
    setIssues(checked.issues);
    setLineErrors(lineIssues);
    if (checked.issues || lineIssues.length > 0) {
      action.say({ key: 'links.fix', values: { count: Object.keys(checked.issues ?? {}).length + lineIssues.length } });
      return;
    }
    const refused = await action.run('mint', async () => {
      const result = await mintLinks(site, survey, checked.output!);
      setMinted({ result, recipients, channel, survey });
      return { key: 'links.minted', values: { count: result.links.length } };
    });
    // Everything typed stays; the API's reasons go beside their rows or lines.
    if (refused) {
      setIssues(issuesOf(refused));
      if (pasted) setLineErrors(lineErrorsOf(issuesOf(refused), lines));
    }
  };

  return (
    <section class="view" aria-labelledby="view-title">
      <h1 id="view-title">{t('nav.links')}</h1>
      <p class="lead">{t('links.lead')}</p>
      {!site && <p class="empty">{t('settings.noSite')}</p>}
      {surveys.error && <ErrorNote error={surveys.error} />}
      <div class="card" hidden={!site}>
        <div class="control">
          <label for="link-survey">{t('filters.subject')}</label>
          <select id="link-survey" value={survey} onChange={(e) => setParams({ survey: e.currentTarget.value })}>
            <option value="">{t('links.chooseSurvey')}</option>
            {(surveys.data ?? []).map((s) => (
              <option value={s.id} disabled={!s.active}>
                {`${s.name || s.id} · ${t(`kind.${s.kind}`)}${s.active ? '' : ` (${t('survey.paused')})`}`}
              </option>
            ))}
          </select>
        </div>
      </div>
      {chosen && (
        <form class="card" onSubmit={submit} novalidate aria-labelledby="view-title">
          <div class="control-row">
            <Field id="link-channel" label={t('filters.channel')} error={issueAt(issues, 'channel')}>
              {(describedBy, invalid) => (
                <select id="link-channel" value={channel} onChange={(e) => setChannel(e.currentTarget.value as LinkChannel)} aria-describedby={describedBy} aria-invalid={invalid}>
                  {LINK_CHANNELS.map((value) => (
                    <option value={value}>{t(`channel.${value}`)}</option>
                  ))}
                </select>
              )}
            </Field>
            <Field id="link-expires" label={t('links.expires')} help={t('links.expiresHelp', { max: formatNumber(LINK_MAX_DAYS) })} error={issueAt(issues, 'expires_days')}>
              {(describedBy, invalid) => (
                <input id="link-expires" inputMode="numeric" dir="ltr" class="short" value={expires} onInput={(e) => setExpires(e.currentTarget.value)} aria-describedby={describedBy} aria-invalid={invalid} />
              )}
            </Field>
          </div>
          {canReuse && (
            <div class={`field${issueAt(issues, 'reusable') ? ' invalid' : ''}`}>
              <label class="radio">
                <input
                  id="link-reusable"
                  type="checkbox"
                  checked={reusable}
                  onChange={(e) => setReusable(e.currentTarget.checked)}
                  aria-describedby={issueAt(issues, 'reusable') ? 'link-reusable-help link-reusable-error' : 'link-reusable-help'}
                  aria-invalid={!!issueAt(issues, 'reusable')}
                />
                {t('links.reusable')}
              </label>
              <p class="help" id="link-reusable-help">
                {t('links.reusableHelp')}
              </p>
              <FieldError id="link-reusable-error" message={issueAt(issues, 'reusable')} />
            </div>
          )}
          {!(reusable && canReuse) && (
            <p class={channel == 'qr' ? 'notice' : 'help'} data-testid="one-answer">
              {channel == 'qr' ? t('links.qrRule') : t('links.oneAnswer')}
            </p>
          )}
          <LinkRecipients
            mode={mode}
            rows={rows}
            csv={csv}
            known={known}
            issues={issues}
            lineErrors={lineErrors}
            change={(c) => {
              if (c.mode) setMode(c.mode);
              if (c.rows) setRows(c.rows);
              if (c.csv !== undefined) setCsv(c.csv);
            }}
          />
          <p class="actions">
            <button type="submit" disabled={action.busy != ''}>
              {t('links.mint')}
            </button>
            <span role="status" class="saved">
              {sayNow(action.status)}
            </span>
          </p>
          {action.failure && <ErrorNote error={action.failure} />}
        </form>
      )}
      {chosen && channel == 'email' && <EmailPreview site={site} survey={chosen} />}
      {minted && <LinkResults {...minted} />}
    </section>
  );
}
