/**
 * The link pages' stylesheet and script, served as files under /r/ (the
 * pages' Content-Security-Policy allows no inline style or script).
 *
 * Mobile first: the score buttons are at least 44px square and wrap on a
 * phone (an NPS scale in two rows of 6 and 5), one row from 560px up.
 * Logical properties and `dir` on <html> make right-to-left need no rules of
 * its own; light and dark follow the visitor's setting.
 */
export const PAGE_CSS = `:root{color-scheme:light dark;--accent:#1f6feb;--line:#c3c8cf;--soft:#59616c;--bg:#f3f4f6;--card:#fff;--text:#1a1c1f;--alert:#c4232d}
@media (prefers-color-scheme:dark){:root{--accent:#79aaff;--line:#434a53;--soft:#a9b1bc;--bg:#111315;--card:#1b1e22;--text:#eceef1;--alert:#ff7b72}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;min-height:100vh;display:flex;justify-content:center;align-items:flex-start;padding:16px 12px;background:var(--bg);color:var(--text);font:17px/1.5 system-ui,-apple-system,"Segoe UI",Tahoma,"Noto Sans Arabic",sans-serif}
.card{width:100%;max-width:640px;padding:20px 16px;background:var(--card);border:1px solid var(--line);border-top:4px solid var(--accent);border-radius:12px;box-shadow:0 6px 24px #0002}
h1{margin:0 0 16px;font-size:1.25rem;line-height:1.4}
p{margin:0 0 12px}
.scale{display:grid;gap:6px;grid-template-columns:repeat(6,1fr)}
.scale.n5{grid-template-columns:repeat(5,1fr)}
.scale.n7{grid-template-columns:repeat(4,1fr)}
button{min-width:44px;min-height:44px;border:1px solid var(--line);border-radius:8px;background:var(--card);color:var(--text);font:inherit;cursor:pointer}
.scale button{padding:0;font-size:1.125rem;font-weight:600}
button:hover{border-color:var(--accent)}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.chosen{border-color:var(--accent);box-shadow:inset 0 0 0 2px var(--accent)}
.ends{display:flex;justify-content:space-between;gap:12px;margin-top:8px;color:var(--soft);font-size:.875rem}
.hint{margin-top:12px;color:var(--soft);font-size:.9375rem}
.notice{padding:8px 12px;border-inline-start:4px solid var(--alert);font-weight:600}
label{display:block;margin:20px 0 8px;font-weight:600}
textarea{display:block;width:100%;min-height:120px;margin-bottom:12px;padding:10px;border:1px solid var(--line);border-radius:8px;background:var(--card);color:var(--text);font:inherit;resize:vertical}
.send{padding:0 28px;border-color:var(--accent);box-shadow:inset 0 0 0 1px var(--accent);font-weight:600}
@media (min-width:480px){.scale.n7{grid-template-columns:repeat(7,1fr)}}
@media (min-width:560px){.scale.n11{grid-template-columns:repeat(11,1fr)}}
@media (min-width:640px){body{align-items:center;padding:32px}.card{padding:28px 32px}}
`;

/**
 * A link that carried a score (`?score=N`) is answered as soon as a person
 * sees the page: the highlighted button is pressed for the visitor. Mail
 * scanners open every link of a message, and some run its pages too; they
 * do it in automated browsers (`navigator.webdriver`) or out of sight, so the
 * press waits for a browser no automation drives and a page that is visible
 * (a link opened in a background tab is pressed when it is brought forward).
 * Without JavaScript the visitor presses it. A GET itself never records.
 */
export const PAGE_JS = `var chosen = document.querySelector('button[data-chosen]');
function press() {
  if (chosen && !navigator.webdriver && document.visibilityState === 'visible') {
    var button = chosen;
    chosen = null;
    button.click();
  }
}
press();
document.addEventListener('visibilitychange', press);
`;
