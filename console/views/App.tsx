/**
 * Signed out: the sign-in form; signed in: the console. Without a kept
 * token, the console first asks whether Cloudflare Access has signed this
 * browser in (once per load: after signing out, the form stays).
 */
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Progress } from '../components/Progress';
import { t } from '../i18n/strings';
import { session, signInThroughAccess } from '../state/session';
import { Shell } from './Shell';
import { SignIn } from './SignIn';

export function App() {
  const [asked, setAsked] = useState(session.value !== null);
  useEffect(() => {
    if (!asked) void signInThroughAccess().finally(() => setAsked(true));
  }, []);
  if (session.value) return <Shell />;
  return asked ? <SignIn /> : <Progress label={t('signin.access')} />;
}
