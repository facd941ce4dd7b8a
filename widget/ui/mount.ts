/**
 * The card's place on the page: a custom element (host rules for div,
 * section or button cannot match it) with an open shadow root and the
 * widget's stylesheet, constructed (`adoptedStyleSheets`), so that host CSS
 * neither leaks in nor gets broken, and a strict host CSP still allows it.
 */
import { css } from './styles';

export function mount(color: string, position: string): { root: ShadowRoot; remove: () => void } {
  const element = document.createElement('cx-survey');
  const root = element.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css(color, position));
  root.adoptedStyleSheets = [sheet];
  // An async script can run before <body> exists; <html> always does.
  (document.body || document.documentElement).append(element);
  return { root, remove: () => element.remove() };
}
