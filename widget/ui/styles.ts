/**
 * The widget's stylesheet, applied to its shadow root as a constructed
 * stylesheet (`adoptedStyleSheets`): host CSS cannot reach in, and a host page
 * whose Content-Security-Policy forbids inline styles still allows it.
 * Logical properties, so right-to-left needs no extra rules.
 *
 * Light and dark come from `color-scheme` and the CSS system colours (Canvas,
 * CanvasText, ButtonFace, ButtonText, Field…), which the browser pairs for
 * contrast in both schemes. The site's `color` only ever draws lines (the
 * card's top edge, borders on hover, the send button's outline, a chosen
 * chip's), never a background behind text, so no colour a site picks can make
 * text unreadable.
 *
 * Class names are one letter (the chunk carries each several times): `q` a
 * question, `r` the score row (`w` wide: NPS's eleven, `f` faces), `e` what
 * its ends mean, `c` the reason chips, `s` the send or next button, `x` close.
 */

/*
 * `:host{all:initial !important}`: a page's `* {letter-spacing:3px !important}`
 * matches the host element, and what it sets there is inherited inside. Among
 * !important rules the shadow tree's win (CSS Cascade 4, "context"), so this
 * cuts inheritance off at the host.
 *
 * On touch screens (`pointer: coarse`) every button is at least 44 × 44 px
 * (WCAG 2.2 target size, enhanced): NPS's eleven then take two rows of six,
 * and the other rows as many as fit.
 */
export function css(color: string, position: string): string {
  const accent = /^#([\da-f]{3}){1,2}$/i.test(color) ? color : '#1f6feb';
  // `position` is physical, as the site owner sees the page; the inset shrinks on narrow screens.
  const [block, inline] = position.split('-');
  return (
    `:host{all:initial!important}` +
    `.cx{color-scheme:light dark;position:fixed;${inline ? `${block}:16px;${inline}:min(16px,2.5vw)` : 'top:50%;left:50%;translate:-50% -50%'};z-index:2147483647;width:min(380px,100vw - 16px);padding:16px min(16px,2.5vw);background:Canvas;color:CanvasText;border:1px solid ButtonBorder;border-top:4px solid ${accent};border-radius:12px;box-shadow:0 8px 28px #0004;font:15px/1.45 system-ui,sans-serif}` +
    // On the host, which stays while each step's card is drawn anew: it fades in once.
    `@media(prefers-reduced-motion:no-preference){:host{animation:i .2s!important}}` +
    `@keyframes i{0%{opacity:0}}` +
    `*{box-sizing:border-box;font:inherit;margin:0}` +
    `.q{display:block;font-weight:600;padding-inline-end:32px;margin-bottom:12px}` +
    `.r{display:grid;grid-auto-flow:column;grid-auto-columns:1fr;gap:min(4px,.5vw)}` +
    `button,textarea{min-width:24px;height:40px;border:1px solid ButtonBorder;border-radius:6px;padding:0 20px}` +
    `.r button{padding:0}` +
    `.f button{font-size:24px}` +
    `button:hover,.s,[aria-pressed=true]{border-color:${accent};box-shadow:inset 0 0 0 1px ${accent}}` +
    `[aria-pressed=true]{font-weight:600}` +
    `:focus-visible{outline:2px solid CanvasText;outline-offset:2px}` +
    `.e{display:flex;justify-content:space-between;margin-top:6px;font-size:13px}` +
    `.c{display:flex;flex-wrap:wrap;gap:8px;margin-bottom:12px}` +
    `.c button{height:auto;min-height:36px;padding:4px 14px;border-radius:18px}` +
    `.x{position:absolute;top:8px;inset-inline-end:8px;width:32px;height:32px;border:0;background:0;padding:0;font-size:22px}` +
    `textarea{display:block;width:100%;height:80px;padding:8px;margin-bottom:8px}` +
    `@media(pointer:coarse){button,.c button{min-width:44px;min-height:44px}.x{height:44px;top:2px;inset-inline-end:2px}.r{grid-auto-flow:row;grid-template-columns:repeat(auto-fit,minmax(44px,1fr))}.w{grid-template-columns:repeat(6,1fr)}}`
  );
}
