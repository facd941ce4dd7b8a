/**
 * Arms a survey's trigger on the page: on load, at a scroll depth, or on exit
 * intent (desktop), then waits `delay_s`. Event-driven, never polling. Once
 * a survey is on screen, triggers that fire later find the page view taken
 * (see `open` in index.ts).
 */
import type { Trigger } from '../../shared/schemas/survey';

export function arm(trigger: Trigger, fire: () => void): void {
  const moment = () => setTimeout(fire, trigger.delay_s * 1000);
  // Listen until `ready`, then stop listening and start the delay.
  const until = (target: EventTarget, type: string, ready: (event: MouseEvent) => boolean) => {
    const check = (event?: Event) => ready(event as MouseEvent) && (target.removeEventListener(type, check), moment());
    target.addEventListener(type, check);
    return check;
  };

  if (trigger.on == 'exit' || trigger.exit_intent) {
    // Exit intent: the pointer leaves through the top edge (towards tabs and the address bar).
    // It needs a mouse: a touch screen has no such edge.
    if (matchMedia('(pointer:fine)').matches) until(document, 'mouseout', (e) => e.clientY <= 0 && !e.relatedTarget);
  } else if (trigger.on == 'scroll') {
    // How far down the viewport's bottom edge is, in percent. Checked at once too:
    // a page too short to scroll is already past 100 %.
    until(window, 'scroll', () => (100 * (scrollY + innerHeight)) / document.documentElement.scrollHeight >= trigger.scroll_pct!)();
  } else moment();
}
