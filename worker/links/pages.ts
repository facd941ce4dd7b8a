/**
 * The link pages as HTML: the question with its score buttons, the answer
 * received (with the follow-up comment form), and a page for each refusal.
 * Server-rendered and usable without JavaScript: the score buttons are the
 * submit buttons of a plain form. Every text goes through `html` (html.ts).
 */
import { SCALES, type Kind, scaleScores } from '../../shared/kinds';
import { COMMENT_MAX } from '../../shared/schemas/response';
import { type Html, html } from './html';
import type { Look } from './strings';

/** Where the pages' files are served: same origin, as their CSP requires. */
export const PAGE_CSS_PATH = '/r/page.css';
export const PAGE_JS_PATH = '/r/page.js';

function document(look: Look, title: string, body: Html, options: { script?: boolean } = {}): string {
  return html`<!doctype html>
<html lang="${look.lang}" dir="${look.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex, nofollow">
<title>${title}</title>
<link rel="stylesheet" href="${PAGE_CSS_PATH}">
${options.script ? html`<script src="${PAGE_JS_PATH}" defer></script>` : null}
</head>
<body>
<main class="card">
${body}
</main>
</body>
</html>
`.text;
}

export interface QuestionPage {
  look: Look;
  kind: Kind;
  question: string;
  /** The form's target: the token's own URL. */
  action: string;
  /** A score from the link (`?score=N`), pressed by the page's script. */
  chosen?: number;
  /** Shown above the buttons, e.g. why the score sent was refused. */
  notice?: string;
}

/** The question and its score buttons, lowest score first (`dir` puts it on the right in fa and ar). */
export function questionPage(page: QuestionPage): string {
  const { look, kind } = page;
  const { min, max } = SCALES[kind];
  const [low, high] = look.strings.ends[kind];
  const buttons = scaleScores(kind).map((score) => {
    // The name starts with the visible digit (WCAG 2.5.3); the ends also say what they mean.
    const label = look.digits(score) + (score === min ? `, ${low}` : score === max ? `, ${high}` : '');
    const chosen = score === page.chosen;
    return html`<button type="submit" name="score" value="${score}" aria-label="${label}"${chosen ? html` class="chosen" data-chosen autofocus` : null}>${look.digits(score)}</button>`;
  });
  const body = html`<form method="post" action="${page.action}">
<h1 id="q">${page.question}</h1>
${page.notice ? html`<p class="notice" role="alert">${page.notice}</p>` : null}
<div class="scale n${max - min + 1}" role="group" aria-labelledby="q">
${buttons}
</div>
<p class="ends" aria-hidden="true"><span>${low}</span><span>${high}</span></p>
<p class="hint">${page.chosen === undefined ? look.strings.choose : look.strings.chosen}</p>
</form>`;
  return document(look, page.question, body, { script: page.chosen !== undefined });
}

export interface AnsweredPage {
  look: Look;
  /** What happened: received, already received, comment received. */
  message: string;
  notice?: string;
  /** The follow-up comment form, while a comment can still be added. */
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
  return document(look, look.strings.thanks, body);
}

/** A refusal, said plainly: expired, closed, not a valid link, too large, too many. */
export function messagePage(look: Look, [title, text]: readonly [string, string]): string {
  return document(look, title, html`<h1>${title}</h1>
<p>${text}</p>`);
}
