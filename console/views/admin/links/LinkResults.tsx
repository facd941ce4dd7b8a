/**
 * Minted links: one row per recipient with its page URL (copy, open) and,
 * for email, the HTML block of score buttons (copy, read as text), and all
 * of them as a CSV file. The block is shown as text, not rendered: the
 * console's CSP (Trusted Types with no policy) forbids an iframe's `srcdoc`,
 * as it forbids every HTML sink, and its inline styles would be refused too.
 * The link's own page shows what a recipient sees.
 */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import type { LinkChannel } from '../../../../shared/channels';
import type { LinksMinted } from '../../../api/links';
import { saveFile } from '../../../api/export';
import { CopyButton } from '../../../components/CopyButton';
import { linksCsv } from '../../../forms/link-form';
import { formatDate, formatNumber } from '../../../i18n/format';
import { lang } from '../../../i18n/lang';
import { t } from '../../../i18n/strings';
import { browserZone, DEFAULT_CALENDAR } from '../../../state/filters';

export interface LinkResultsProps {
  result: LinksMinted;
  recipients: Record<string, string>[];
  channel: LinkChannel;
  survey: string;
}

export function LinkResults({ result, recipients, channel, survey }: LinkResultsProps) {
  const email = channel == 'email';
  const download = () => saveFile(new Blob([linksCsv(result, recipients)], { type: 'text/csv;charset=utf-8' }), `links-${survey}-${channel}.csv`);
  return (
    <section class="card" aria-labelledby="links-result">
      <h2 id="links-result">{t('links.result', { count: formatNumber(result.links.length) })}</h2>
      <p class="help">{t('links.expiresAt', { date: formatDate(Date.parse(result.expires_at), browserZone(), DEFAULT_CALENDAR[lang.value], 'stamp') })}</p>
      <p class="actions">
        <button type="button" onClick={download}>
          {t('links.download')}
        </button>
      </p>
      {email && <p class="help">{t('links.htmlAsText')}</p>}
      <div class="table-scroll">
        <table class="links">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('links.user')}</th>
              <th scope="col">{t('links.url')}</th>
              {email && <th scope="col">{t('links.html')}</th>}
            </tr>
          </thead>
          <tbody>
            {result.links.map((link, i) => (
              <tr data-testid="link-row">
                <th scope="row">{formatNumber(i + 1)}</th>
                <td>{link.user === null ? <span class="muted">–</span> : <span dir="auto">{link.user}</span>}</td>
                <td class="link-url">
                  <code dir="ltr" data-testid="link-url">
                    {link.url}
                  </code>
                  <span class="row-actions">
                    <CopyButton text={link.url} label={t('links.copyUrl')} />
                    <a href={link.url} target="_blank" rel="noopener noreferrer">
                      {t('links.open')}
                    </a>
                  </span>
                </td>
                {email && (
                  <td>
                    <HtmlBlock html={link.html} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The email block: copied whole; read as text on demand (a thousand blocks stay out of the page until opened). */
function HtmlBlock({ html }: { html: string }) {
  const [open, setOpen] = useState(false);
  return (
    <div class="html-block">
      <CopyButton text={html} label={t('links.copyHtml')} />
      <details onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
        <summary>{t('links.showHtml')}</summary>
        {open && (
          <pre class="snippet" dir="ltr" data-testid="link-html" tabIndex={0}>
            <code>{html}</code>
          </pre>
        )}
      </details>
    </div>
  );
}
