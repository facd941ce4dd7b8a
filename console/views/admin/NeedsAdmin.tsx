/** What a read key sees on an admin view: why it cannot, and how to get there. */
import { h } from 'preact';
import { t } from '../../i18n/strings';
import { signOut } from '../../state/session';

export function NeedsAdmin() {
  return (
    <section class="view" aria-labelledby="view-title">
      <h1 id="view-title">{t('admin.needs.title')}</h1>
      <p class="notice" role="alert" data-testid="needs-admin">
        {t('admin.needs.text')}
      </p>
      <button type="button" onClick={() => signOut()}>
        {t('admin.needs.signin')}
      </button>
    </section>
  );
}
