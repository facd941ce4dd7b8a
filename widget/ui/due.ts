/**
 * The last word before a survey shows: the waits kept on this device (again:
 * `cx('show')` comes here without the loader's check), then, for an
 * identified visitor of a site with a cooldown, the collector's (docs/contract.md
 * §15): one small request asks whether they were asked or answered on another
 * device lately. If so, that moment (the cooldown's end less its length) is
 * kept as this device's last showing, so later page views wait without asking.
 * Without an answer (offline, refused), the survey is shown: the waits kept
 * on this device still hold.
 */
import { waitOver } from '../loader/eligibility';
import type { Host, LocalSurvey } from '../types';

export function whenDue(host: Host, survey: LocalSurvey, user: string | undefined, show: () => void): void {
  if (!waitOver(host.store.read(), survey.waits, Date.now())) return;
  if (!user || !survey.cooldown_days) return show();
  fetch(host.api + '/v1/due', { method: 'POST', body: JSON.stringify({ site: host.site, user }) })
    .then((response) => response.json())
    .then((answer: { due?: boolean; until?: string }) => {
      if (answer.due) show();
      else
        host.store.update((state) => {
          state.d = Math.max(state.d || 0, Date.parse(answer.until!) - survey.cooldown_days * 864e5 || 0);
        });
    }, show);
}
