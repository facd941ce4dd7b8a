/**
/**
 * Sign in by pasting a read key (one site: its analyst views), an API key,
 * or the admin token (every site, and the admin views); behind Cloudflare
 * Access the console signs in by itself (views/App.tsx) and this form is for
 * a token instead. The token is checked against the API before it is kept
 * (for this tab, or, when asked, on this device), and a refusal is shown in
 * words with its code.
 */
import { h } from 'preact';
import type { SessionInfo } from '../../shared/schemas/site';
import { useState } from 'preact/hooks';
import { type ApiFailure, getJson, toFailure } from '../api/client';
import { ErrorNote } from '../components/ErrorNote';
import { t } from '../i18n/strings';
import { route, setParams } from '../state/route';
import { notice, signIn } from '../state/session';
import { LangPicker } from './LangPicker';

export function SignIn() {
  const [token, setToken] = useState('');
  const [error, setError] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const [remember, setRemember] = useState(false);
  const why = notice.value;

  const submit = async (event: Event) => {
    event.preventDefault();
    const value = token.trim();
    if (!value) return;
    setBusy(true);
    setError(null);
    try {
      // The server says whose token it is: a read key's site need not be typed.
      const who = await getJson<SessionInfo>('/v1/session', { token: value });
      // Admin routes are held to the token's length rules too: check one before keeping it.
      if (who.role == 'admin') await getJson('/v1/admin/sites', { token: value });
      signIn({ token: value, who }, remember);
      if (who.role == 'reader' && route.value.params.site != who.site) setParams({ site: who.site });
    } catch (failure) {
      setError(toFailure(failure));
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
          {why.code == 'not_a_member' ? t('error.not_a_member') : t('signin.signedOut')} <code class="code">{why.code}</code>
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
        <label class="check">
          <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.currentTarget.checked)} aria-describedby="remember-help" />
          {t('signin.remember')}
        </label>
        <p class="help" id="remember-help">
          {t('signin.rememberHelp')}
        </p>
        <button type="submit" disabled={busy || !token.trim()}>
          {busy ? t('signin.checking') : t('signin.submit')}
        </button>
        {error && <ErrorNote error={error} />}
      </form>
    </main>
  );
}
