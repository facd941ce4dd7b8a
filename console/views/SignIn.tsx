/**
 * Sign in by pasting a read key (one site: its analyst views) or the admin
 * token (every site, and the admin views). The token is checked against the
 * API before it is kept, and a refusal is shown in words with its code.
 */
import { Fragment, h } from 'preact';
import { useState } from 'preact/hooks';
import { ApiFailure, getJson } from '../api/client';
import { ErrorNote } from '../components/ErrorNote';
import { t } from '../i18n/strings';
import { route, setParams } from '../state/route';
import { notice, roleOf, signIn } from '../state/session';
import { LangPicker } from './LangPicker';

export function SignIn() {
  const [token, setToken] = useState('');
  const [site, setSite] = useState(route.value.params.site ?? '');
  const [error, setError] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const role = roleOf(token.trim());
  const why = notice.value;

  const submit = async (event: Event) => {
    event.preventDefault();
    const value = token.trim();
    if (!value) return;
    setBusy(true);
    setError(null);
    try {
      if (role == 'admin') {
        await getJson('/v1/admin/sites', { token: value });
        signIn({ token: value, role });
      } else {
        const key = site.trim();
        await getJson(`/v1/sites/${encodeURIComponent(key)}/meta`, { token: value });
        signIn({ token: value, role, site: key });
        if (route.value.params.site != key) setParams({ site: key });
      }
    } catch (failure) {
      setError(failure instanceof ApiFailure ? failure : new ApiFailure(0, 'client', String(failure)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="signin" id="main">
      <div class="signin-top">
        <p class="brand">{t('brand')}</p>
        <LangPicker />
      </div>
      <h1>{t('signin.title')}</h1>
      <p class="lead">{t('signin.lead')}</p>
      {why && (
        <p class="notice" role="alert">
          {t('signin.signedOut')} <code class="code">{why.code}</code>
        </p>
      )}
      <form onSubmit={submit} novalidate>
        <label for="token">{t('signin.token')}</label>
        <input
          id="token"
          name="token"
          type="password"
          autocomplete="off"
          spellcheck={false}
          dir="ltr"
          value={token}
          onInput={(e) => setToken(e.currentTarget.value)}
          aria-describedby="token-help"
          required
        />
        <p class="help" id="token-help">
          {t('signin.tokenHelp')}
        </p>
        {role == 'reader' && (
          <>
            <label for="site">{t('signin.site')}</label>
            <input id="site" name="site" dir="ltr" autocomplete="off" value={site} onInput={(e) => setSite(e.currentTarget.value)} required />
          </>
        )}
        <button type="submit" disabled={busy || !token.trim() || (role == 'reader' && !site.trim())}>
          {busy ? t('signin.checking') : t('signin.submit')}
        </button>
        {error && <ErrorNote error={error} />}
      </form>
    </main>
  );
}
