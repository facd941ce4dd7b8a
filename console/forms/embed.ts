/** The snippets a site owner pastes: the script tag and the manual trigger line. */

/**
 * The tag, every attribute value escaped for HTML: the site key comes from
 * the address bar, and a crafted link must not put a script into what an
 * admin copies onto their site.
 */
export function embedTag(collector: string, site: string, options: { locale?: string; touchpoint?: string }): string {
  const escaped = (value: string) => value.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
  const attr = (name: string, value: string | undefined) => (value ? ` data-${name}="${escaped(value)}"` : '');
  return `<script async src="${escaped(collector)}/w.js"${attr('site', site)}${attr('locale', options.locale)}${attr('touchpoint', options.touchpoint)}></script>`;
}

/** The manual trigger, as docs/contract.md §2 writes it. Survey ids and touchpoint slugs need no escaping in quotes. */
export function showLine(survey: string, touchpoint?: string): string {
  const options = touchpoint ? `, { touchpoint: '${touchpoint}' }` : '';
  return `window.cx = window.cx || function () { (cx.q = cx.q || []).push(arguments) };\ncx('show', '${survey}'${options});`;
}

