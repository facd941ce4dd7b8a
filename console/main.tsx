/** The console's entry point: mount the app. */
import { h, render } from 'preact';
import { App } from './views/App';

render(<App />, document.getElementById('app')!);
