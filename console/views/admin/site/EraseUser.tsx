/**
 * Erase one user's answers (GDPR). A confirmation names exactly what goes:
 * every answer and comment that user gave on this site, taken out of every
 * score too, for good.
 */
import { h } from 'preact';
import { useRef, useState } from 'preact/hooks';
import * as v from 'valibot';
import { UserId } from '../../../../shared/schemas/common';
import { eraseUser, type Site } from '../../../api/admin';
import { ErrorNote, FieldError } from '../../../components/ErrorNote';
import { formatNumber } from '../../../i18n/format';
import { t } from '../../../i18n/strings';
import { useAction } from '../../../state/action';

export function EraseUser({ site }: { site: Site }) {
  const [user, setUser] = useState('');
  const [issue, setIssue] = useState<string | undefined>();
  const [result, setResult] = useState<{ user: string; deleted: number } | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const action = useAction();

  const ask = (event: Event) => {
    event.preventDefault();
    setResult(null);
    const checked = v.safeParse(UserId, user);
    setIssue(checked.success ? undefined : checked.issues[0].message);
    if (checked.success) dialog.current?.showModal();
  };
  const erase = () => {
    dialog.current?.close();
    return action.run('erase', async () => {
      setResult(await eraseUser(site.site, user));
      setUser('');
    });
  };

  return (
    <section class="card" aria-labelledby="erase-title">
      <h2 id="erase-title">{t('erase.title')}</h2>
      <p class="help">{t('erase.help')}</p>
      <form class="inline-form" onSubmit={ask} novalidate>
        <label for="erase-user">{t('erase.user')}</label>
        <input id="erase-user" dir="auto" value={user} onInput={(e) => setUser(e.currentTarget.value)} aria-invalid={!!issue} aria-describedby={issue ? 'erase-user-error' : undefined} />
        <button type="submit" class="danger">
          {t('erase.button')}
        </button>
      </form>
      <FieldError id="erase-user-error" message={issue} />
      {result && (
        <p role="status" class="done">
          {t('erase.done', { deleted: formatNumber(result.deleted), user: result.user })}
        </p>
      )}
      {action.failure && <ErrorNote error={action.failure} />}
      <dialog ref={dialog} aria-labelledby="erase-confirm-title" class="confirm">
        <h3 id="erase-confirm-title">{t('erase.confirmTitle')}</h3>
        <p data-testid="erase-what">{t('erase.confirmText', { user, site: site.name })}</p>
        <p class="actions">
          <button type="button" class="danger" onClick={erase}>
            {t('erase.confirm', { user })}
          </button>
          <button type="button" class="secondary" onClick={() => dialog.current?.close()}>
            {t('cancel')}
          </button>
        </p>
      </dialog>
    </section>
  );
}
