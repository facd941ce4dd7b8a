/** Says that a theme (a term of the Themes view) narrows the comments, with a button that lifts it. */
import { h } from 'preact';
import { t } from '../i18n/strings';
import { setParams } from '../state/route';

export function ThemeFilter({ term }: { term: string }) {
  if (!term) return null;
  return (
    <p class="theme-filter">
      <span dir="auto">{t('comments.theme', { term })}</span>
      <button type="button" class="secondary" onClick={() => setParams({ theme: undefined })}>
        {t('comments.themeClear')}
      </button>
    </p>
  );
}
