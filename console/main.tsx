/** The console's entry point: load the language's strings, then mount the app. */
import { h, render } from 'preact';
import { lang } from './i18n/lang';
import { loadStrings } from './i18n/strings';
import { App } from './views/App';

await loadStrings(lang.value).catch(() => undefined); // English, always bundled, stands in
render(<App />, document.getElementById('app')!);
