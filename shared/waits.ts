/**
 * How long a visitor waits before a survey may show again, known to the
 * collector, which sends each survey's waits in the config the widget reads
 * (so that every page view's loader only compares two numbers).
 */

/**
 * A dismissed survey, or one shown and left unanswered, waits this many days
 * before this visitor is asked anything again (or `recontact_days`, when that
 * is shorter). An answer waits the full `recontact_days`.
 */
export const DISMISS_WAIT_DAYS = 7;

/**
 * Days to wait after the visitor's last answer, and after their last showing
 * without one, to any of the site's surveys: the survey's own recontact wait,
 * or the site's cooldown when that is longer.
 */
export function waitsOf(recontactDays: number, cooldownDays: number): [afterAnswer: number, afterShowing: number] {
  return [Math.max(recontactDays, cooldownDays), Math.max(Math.min(recontactDays, DISMISS_WAIT_DAYS), cooldownDays)];
}
