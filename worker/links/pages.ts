/**
 * The link pages as HTML: the question (score, comment and one send button,
 * in one form), the answer received, and a page for each refusal. Server
 * rendered, with no script at all: nothing on a page can send it, so a
 * browser that only opens a link (a mail scanner's, headless or not)
 * records nothing. Every text goes through `html` (html.ts).
 */
import { SCALES, type Kind, isLowScore, scaleScores } from '../../shared/kinds';
import { COMMENT_MAX } from '../../shared/schemas/response';
import { type Html, html } from './html';
import type { Look } from './strings';

/** Where the pages' stylesheet is served: same origin, as their CSP requires. */
export const PAGE_CSS_PATH = '/r/page.css';
/** The survey's colour, as a stylesheet of one rule (the CSP allows no inline style). */
export const THEME_PATH = '/r/theme/:color';
const themePath = (hex: string): string => `/r/theme/${hex}.css`;

/** Whose page it is: the site's name and the survey's colour. */
export interface Brand {
  siteName: string;
  /** A hex colour as surveys store it (`#1f6feb`). */
  color: string;
}

function document(look: Look, title: string, body: Html, brand?: Brand): string {
  const hex = brand && /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(brand.color) ? brand.color.slice(1).toLowerCase() : null;
  return html`<!doctype html>
<html lang="${look.lang}" dir="${look.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex, nofollow">
<title>${brand ? `${title} · ${brand.siteName}` : title}</title>
<link rel="stylesheet" href="${PAGE_CSS_PATH}">
${hex ? html`<link rel="stylesheet" href="${themePath(hex)}">` : null}
</head>
<body>
<main class="card">
${brand ? html`<p class="site">${brand.siteName}</p>` : null}
${body}
</main>
</body>
</html>
`.text;
}

/** The comment box's label: the survey's follow-up for low and other scores, switched by CSS as the score changes. */
export interface Prompts {
  low: string;
  high: string;
  /** Before a score is chosen (and where CSS cannot switch). */
  none: string;
}

export interface QuestionPage {
  look: Look;
  brand: Brand;
  kind: Kind;
  question: string;
  /** The form's target: the token's own URL. */
  action: string;
  prompts: Prompts;
  /** A score chosen by the link (`?score=N`) or a refused post: checked, never sent. */
  chosen?: number;
  /** The comment of a refused post, given back. */
  comment?: string;
  /** Shown above the scale, e.g. why the score sent was refused. */
  notice?: string;
  /** A reusable link's answer id for this showing of the page: a double submit stores one answer. */
  answerId?: string;
}

function promptLabel(prompts: Prompts): Html {
  if (prompts.low === prompts.high) return html`${prompts.low}`;
  return html`<span class="for-none">${prompts.none}</span><span class="for-low">${prompts.low}</span><span class="for-high">${prompts.high}</span>`;
}

/**
 * The question: the scale as radio buttons (lowest first; `dir` puts it on
 * the right in fa and ar), the comment box, and one send button.
 */
export function questionPage(page: QuestionPage): string {
  const { look, kind } = page;
  const { min, max } = SCALES[kind];
  const [low, high] = look.strings.ends[kind];
  const options = scaleScores(kind).map((score) => {
    // The name starts with the visible digit (WCAG 2.5.3); the ends also say what they mean.
    const end = score === min ? low : score === max ? high : null;
    return html`<input type="radio" name="score" value="${score}" id="score-${score}" class="${isLowScore(kind, score) ? 'low' : 'high'}" required${score === page.chosen ? html` checked` : null}><label for="score-${score}">${look.digits(score)}${end ? html`<span class="vh">, ${end}</span>` : null}</label>`;
  });
  const body = html`<form method="post" action="${page.action}">
<fieldset>
<legend><h1 id="q">${page.question}</h1></legend>
${page.notice ? html`<p class="notice" role="alert">${page.notice}</p>` : null}
<div class="scale n${max - min + 1}">
${options}
</div>
<p class="ends" aria-hidden="true"><span>${low}</span><span>${high}</span></p>
</fieldset>
<p class="hint">${page.chosen === undefined ? look.strings.choose : look.strings.chosen}</p>
<label for="comment">${promptLabel(page.prompts)}</label>
<textarea id="comment" name="comment" maxlength="${COMMENT_MAX}" rows="4" dir="auto">${page.comment ?? ''}</textarea>
${page.answerId ? html`<input type="hidden" name="answer" value="${page.answerId}">` : null}
<button type="submit" class="send">${look.strings.send}</button>
</form>`;
  return document(look, page.question, body, page.brand);
}

export interface AnsweredPage {
  look: Look;
  brand: Brand;
  /** What happened: received, already received, comment received. */
  message: string;
  notice?: string;
  /** The follow-up comment form, while an answer without one can still get it. */
  comment?: { action: string; prompt: string };
}

/** Thanks, what became of the answer, and the follow-up comment when it is still open. */
export function answeredPage(page: AnsweredPage): string {
  const { look } = page;
  const body = html`<h1>${look.strings.thanks}</h1>
<p>${page.message}</p>
${page.notice ? html`<p class="notice" role="alert">${page.notice}</p>` : null}
${
  page.comment
    ? html`<form method="post" action="${page.comment.action}">
<label for="comment">${page.comment.prompt}</label>
<textarea id="comment" name="comment" maxlength="${COMMENT_MAX}" rows="4" dir="auto"></textarea>
<button type="submit" class="send">${look.strings.send}</button>
</form>`
    : null
}`;
  return document(look, look.strings.thanks, body, page.brand);
}

/** A refusal, said plainly: expired, closed, not a valid link, too large, too many. */
export function messagePage(look: Look, [title, text]: readonly [string, string], brand?: Brand): string {
  return document(look, title, html`<h1>${title}</h1>
<p>${text}</p>`, brand);
}
