/** The console's entry point: give the API client the session, load the language's strings, then mount the app. */
import { h, render } from 'preact';
import { configureClient } from './api/client';
import { lang } from './i18n/lang';
import { loadStrings } from './i18n/strings';
import { session, signOut } from './state/session';
import { App } from './views/App';
// uPlot's own few rules, with the first screen's stylesheet: the scores view opens on a trend.
import 'uplot/dist/uPlot.min.css';

configureClient({
  token: () => session.value?.token,
  signedIn: () => session.value !== null,
  onUnauthorized: ({ code, message }) => signOut({ code, message }),
});

await loadStrings(lang.value).catch(() => undefined); // English, always bundled, stands in
render(<App />, document.getElementById('app')!);
