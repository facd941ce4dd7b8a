/**
 * What a 95% interval means, one sentence behind a small button beside
 * where intervals are shown: a native popover (the browser opens it on click,
 * tap, Enter or Space, and closes it on Escape or a tap elsewhere), so it
 * needs no script of its own and works with a keyboard and on a phone.
 */
import { h } from 'preact';
import { t } from '../i18n/strings';

export function IntervalHelp({ id }: { id: string }) {
  return (
    <span class="help-tip">
      <button type="button" class="tip" popovertarget={id} aria-label={t('help.interval')} title={t('help.interval')}>
        ?
      </button>
      <span id={id} popover="auto" class="popover" role="note">
        {t('help.intervalText')}
      </span>
    </span>
  );
}
