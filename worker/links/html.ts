/**
 * HTML for the link pages and the email block, escaped in one place: every
 * value put into an `html` template is escaped unless it is already `Html`
 * built by the same template. Survey texts, user ids and URLs can hold
 * anything an admin typed; none of it can become markup.
 *
 *   html`<p class="q">${question}</p>`   // question is text, escaped
 *   html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`
 */

/** Markup made by `html`: safe to put into another template as it is. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type HtmlValue = Html | string | number | null | undefined | false | readonly HtmlValue[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an element's content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

function render(value: HtmlValue): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** A template whose values are escaped; `null`, `undefined` and `false` render as nothing. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new Html(out);
}
