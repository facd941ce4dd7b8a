/**
 * Read keys: mint one (shown once, with its prefix), revoke one by its
 * prefix (the first 12 characters, `cxr_` and eight more). Only hashes are
 * stored, so keys cannot be listed with their secrets.
 */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { createKey, revokeKey } from '../../api/admin';
import { ApiFailure } from '../../api/client';
import { ErrorNote, FieldError } from '../../components/ErrorNote';
import { SecretOnce } from '../../components/SecretOnce';
import { t } from '../../i18n/strings';

const PREFIX = /^cxr_[0-9a-z]{8}$/;

export function Keys({ site }: { site: string }) {
  const [minted, setMinted] = useState<{ read_key: string; prefix: string } | null>(null);
  const [prefix, setPrefix] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [status, setStatus] = useState('');

  const mint = async () => {
    setFailure(null);
    try {
      setMinted(await createKey(site));
    } catch (error) {
      setFailure(error as ApiFailure);
    }
  };
  const revoke = async (event: Event) => {
    event.preventDefault();
    setFailure(null);
    setStatus('');
    // A whole key pasted here names its prefix too.
    const value = prefix.trim().slice(0, 12);
    setInvalid(!PREFIX.test(value));
    if (!PREFIX.test(value)) return;
    try {
      await revokeKey(site, value);
      setStatus(t('keys.revoked', { prefix: value }));
      setPrefix('');
    } catch (error) {
      setFailure(error as ApiFailure);
    }
  };

  return (
    <section class="card" aria-labelledby="keys-title">
      <h2 id="keys-title">{t('keys.title')}</h2>
      <p class="help">{t('keys.help')}</p>
      {minted ? (
        <SecretOnce label={t('keys.readKey')} secret={minted.read_key} onDone={() => setMinted(null)} />
      ) : (
        <button type="button" onClick={mint}>
          {t('keys.create')}
        </button>
      )}
      <form class="inline-form" onSubmit={revoke} novalidate>
        <label for="revoke-prefix">{t('keys.prefix')}</label>
        <input
          id="revoke-prefix"
          dir="ltr"
          placeholder="cxr_xxxxxxxx"
          value={prefix}
          spellcheck={false}
          autocomplete="off"
          onInput={(e) => setPrefix(e.currentTarget.value)}
          aria-invalid={invalid}
          aria-describedby={invalid ? 'revoke-prefix-error' : undefined}
        />
        <button type="submit" class="danger">
          {t('keys.revoke')}
        </button>
      </form>
      <FieldError id="revoke-prefix-error" message={invalid ? t('keys.prefixInvalid') : undefined} />
      <p role="status" class="saved">
        {status}
      </p>
      {failure && <ErrorNote error={failure} />}
    </section>
  );
}
