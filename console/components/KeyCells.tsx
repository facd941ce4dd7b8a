/**
 * The cells a listed key ends with, for read keys and API keys alike: live
 * or revoked (and when), and a revoke button while it is live.
 */
import { Fragment, h } from 'preact';
import { t } from '../i18n/strings';

/** `revokedOn`: the date of the revocation as the view writes it, or null for a live key. */
export function KeyCells({ prefix, revokedOn, onRevoke }: { prefix: string; revokedOn: string | null; onRevoke: () => void }) {
  return (
    <>
      <td>
        {revokedOn !== null ? (
          <span class="status paused">{t('keys.revokedOn', { date: revokedOn })}</span>
        ) : (
          <span class="status active">{t('keys.live')}</span>
        )}
      </td>
      <td class="row-actions">
        {revokedOn === null && (
          <button type="button" class="danger" onClick={onRevoke} aria-label={t('keys.revokeOne', { prefix })}>
            {t('keys.revoke')}
          </button>
        )}
      </td>
    </>
  );
}
