/** What someone sees on a view their role or key does not open: why, and how to get there. */
import { h } from 'preact';
import { t } from '../../i18n/strings';
import { session, signOut } from '../../state/session';

export function NeedsAdmin() {
  const token = session.value?.token !== undefined;
  return (
    <section class="view" aria-labelledby="view-title">
      <h1 id="view-title">{token ? t('admin.needs.title') : t('admin.needs.roleTitle')}</h1>
      <p class="notice" role="alert" data-testid="needs-admin">
        {session.value?.who.role == 'reader' ? t('admin.needs.text') : t('admin.needs.role')}
      </p>
      {token && (
        <button type="button" onClick={() => signOut()}>
          {t('admin.needs.signin')}
        </button>
      )}
    </section>
  );
}
