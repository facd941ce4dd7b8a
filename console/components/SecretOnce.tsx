/** A read key, shown once: copy it now, it cannot be shown again. */
import { h } from 'preact';
import { t } from '../i18n/strings';
import { CopyButton } from './CopyButton';

export function SecretOnce({ label, secret, onDone }: { label: string; secret: string; onDone: () => void }) {
  return (
    <div class="secret" role="alert">
      <p class="warning">
        <strong>{t('secret.warning')}</strong>
      </p>
      <p>
        <span>{label}: </span>
        <code class="key" dir="ltr" data-testid="secret">
          {secret}
        </code>
      </p>
      <p class="actions">
        <CopyButton text={secret} />
        <button type="button" class="secondary" onClick={onDone}>
          {t('secret.done')}
        </button>
      </p>
    </div>
  );
}
