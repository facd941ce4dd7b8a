/** A secret (a read key, a webhook's signing secret), shown once: copy it now, it cannot be shown again. */
import { h } from 'preact';
import { t } from '../i18n/strings';
import { CopyButton } from './CopyButton';

export function SecretOnce({ label, secret, onDone, warning }: { label: string; secret: string; onDone: () => void; warning?: string }) {
  return (
    <div class="secret" role="alert">
      <p class="warning">
        <strong>{warning ?? t('secret.warning')}</strong>
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
