/**
 * A modal confirmation that names exactly what an action removes, before a
 * delete or a revoke: the native <dialog> (focus kept inside, Escape
 * cancels), opened while `open` is true.
 */
import { h } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n/strings';

export interface ConfirmProps {
  id: string;
  open: boolean;
  title: string;
  text: string;
  /** The confirming button's words: the action and its object ("Delete the webhook to …"). */
  confirm: string;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({ id, open, title, text, confirm, onConfirm, onCancel }: ConfirmProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog ref={dialog} aria-labelledby={`${id}-title`} aria-describedby={`${id}-text`} class="confirm" onClose={onCancel}>
      <h3 id={`${id}-title`}>{title}</h3>
      <p id={`${id}-text`} data-testid={`${id}-text`}>
        {text}
      </p>
      <p class="actions">
        <button type="button" class="danger" onClick={onConfirm}>
          {confirm}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </p>
    </dialog>
  );
}
