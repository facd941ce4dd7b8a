/**
 * Read keys: the site's keys by prefix (`cxr_` and eight more), when each
 * was made and revoked, a revoke button per live key (after a confirmation
 * naming it), and minting a new one (shown once). Only hashes are stored,
 * so a key itself can never be listed or shown again.
 */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { createKey, listKeys, revokeKey, type ReadKeyInfo } from '../../../api/admin';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { KeyCells } from '../../../components/KeyCells';
import { TableHead } from '../../../components/TableHead';
import { ErrorNote } from '../../../components/ErrorNote';
import { SecretOnce } from '../../../components/SecretOnce';
import { formatDate } from '../../../i18n/format';
import { lang } from '../../../i18n/lang';
import { sayNow } from '../../../i18n/said';
import { t } from '../../../i18n/strings';
import { browserZone, DEFAULT_CALENDAR } from '../../../state/filters';
import { useAction } from '../../../state/action';
import { useResource } from '../../../state/resource';

const when = (iso: string) => formatDate(Date.parse(iso), browserZone(), DEFAULT_CALENDAR[lang.value], 'stamp');

export function Keys({ site }: { site: string }) {
  const keys = useResource(`keys ${site}`, (signal) => listKeys(site, signal));
  const [minted, setMinted] = useState<{ read_key: string; prefix: string } | null>(null);
  const [asked, setAsked] = useState<ReadKeyInfo | null>(null);
  const action = useAction();

  const mint = () =>
    action.run('mint', async () => {
      setMinted(await createKey(site));
      keys.reload();
    });
  const revoke = async (prefix: string) => {
    setAsked(null);
    await action.run(prefix, async () => {
      await revokeKey(site, prefix);
      return { key: 'keys.revoked', values: { prefix } };
    });
    keys.reload();
  };

  return (
    <section class="card" aria-labelledby="keys-title">
      <h2 id="keys-title">{t('keys.title')}</h2>
      <p class="help">{t('keys.help')}</p>
      {minted ? (
        <SecretOnce label={t('keys.readKey')} secret={minted.read_key} onDone={() => setMinted(null)} />
      ) : (
        <p class="actions">
          <button type="button" onClick={mint}>
            {t('keys.create')}
          </button>
        </p>
      )}
      {keys.error && <ErrorNote error={keys.error} />}
      {keys.data && (
        <div class="table-scroll">
          <table>
            <TableHead columns={[t('keys.prefixColumn'), t('sites.created'), t('surveys.status')]} actions />
            <tbody>
              {keys.data.map((key) => (
                <tr data-key={key.prefix}>
                  <th scope="row">
                    <code dir="ltr">{key.prefix}</code>
                  </th>
                  <td>{when(key.created_at)}</td>
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
        id="revoke-confirm"
        open={asked !== null}
        title={t('keys.confirmTitle')}
        text={t('keys.confirmText', { prefix: asked?.prefix ?? '' })}
        confirm={t('keys.revokeOne', { prefix: asked?.prefix ?? '' })}
        onConfirm={() => asked && void revoke(asked.prefix)}
        onCancel={() => setAsked(null)}
      />
    </section>
  );
}
