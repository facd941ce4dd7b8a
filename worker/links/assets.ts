/**
 * The link pages' stylesheet, served as a file under /r/ (the pages'
 * Content-Security-Policy allows no inline style, and no script at all).
 *
 * Mobile first: the score choices are at least 44px square and wrap on a
 * phone (an NPS scale in two rows of 6 and 5), one row from 560px up. They
 * are radio buttons drawn as buttons: arrow keys move between them, the
 * browser requires one before sending. The comment box's label follows the
 * chosen score (the survey's follow-up for low or other scores) with
 * `:has()`; a browser without it shows the general one. Logical properties
 * and `dir` on <html> make right-to-left need no rules of its own; light and
 * dark follow the visitor's setting.
 */
export const PAGE_CSS = `:root{color-scheme:light dark;--accent:#1f6feb;--line:#c3c8cf;--soft:#59616c;--bg:#f3f4f6;--card:#fff;--text:#1a1c1f;--alert:#c4232d}
@media (prefers-color-scheme:dark){:root{--accent:#79aaff;--line:#434a53;--soft:#a9b1bc;--bg:#111315;--card:#1b1e22;--text:#eceef1;--alert:#ff7b72}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;min-height:100vh;display:flex;justify-content:center;align-items:flex-start;padding:16px 12px;background:var(--bg);color:var(--text);font:17px/1.5 system-ui,-apple-system,"Segoe UI",Tahoma,"Noto Sans Arabic",sans-serif}
.card{width:100%;max-width:640px;padding:20px 16px;background:var(--card);border:1px solid var(--line);border-top:4px solid var(--accent);border-radius:12px;box-shadow:0 6px 24px #0002}
.site{margin:0 0 8px;color:var(--soft);font-size:.875rem;font-weight:600}
fieldset{margin:0;padding:0;border:0;min-width:0}
legend{padding:0;width:100%}
h1{margin:0 0 16px;font-size:1.25rem;line-height:1.4}
p{margin:0 0 12px}
.vh{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.scale{display:grid;gap:6px;grid-template-columns:repeat(6,1fr)}
.scale.n5{grid-template-columns:repeat(5,1fr)}
.scale.n7{grid-template-columns:repeat(4,1fr)}
.scale input{position:absolute;opacity:0;width:1px;height:1px;margin:0}
.scale label{display:flex;align-items:center;justify-content:center;min-width:44px;min-height:44px;margin:0;border:1px solid var(--line);border-radius:8px;background:var(--card);font-size:1.125rem;font-weight:600;cursor:pointer}
.scale label:hover{border-color:var(--accent)}
.scale input:checked+label{border-color:var(--accent);box-shadow:inset 0 0 0 2px var(--accent)}
.scale input:focus-visible+label,:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.ends{display:flex;justify-content:space-between;gap:12px;margin-top:8px;color:var(--soft);font-size:.875rem}
.hint{margin-top:12px;color:var(--soft);font-size:.9375rem}
.notice{padding:8px 12px;border-inline-start:4px solid var(--alert);font-weight:600}
label{display:block;margin:20px 0 8px;font-weight:600}
.for-low,.for-high{display:none}
form:has(.low:checked) .for-low,form:has(.high:checked) .for-high{display:inline}
form:has(.scale input:checked) .for-none{display:none}
textarea{display:block;width:100%;min-height:120px;margin-bottom:12px;padding:10px;border:1px solid var(--line);border-radius:8px;background:var(--card);color:var(--text);font:inherit;resize:vertical}
button{min-width:44px;min-height:44px;border:1px solid var(--line);border-radius:8px;background:var(--card);color:var(--text);font:inherit;cursor:pointer}
button:hover{border-color:var(--accent)}
.send{padding:0 28px;border-color:var(--accent);box-shadow:inset 0 0 0 1px var(--accent);font-weight:600}
@media (min-width:480px){.scale.n7{grid-template-columns:repeat(7,1fr)}}
@media (min-width:560px){.scale.n11{grid-template-columns:repeat(11,1fr)}}
@media (min-width:640px){body{align-items:center;padding:32px}.card{padding:28px 32px}}
`;

/**
 * The survey's colour for its pages, in light and dark alike: it only draws
 * lines (the card's top edge, the chosen score, focus), never a background
 * behind text, so no colour a site picks makes text unreadable.
 * `hex` is 3 or 6 hexadecimal digits, checked by the route.
 */
export const themeCss = (hex: string): string => `:root{--accent:#${hex}}\n`;
