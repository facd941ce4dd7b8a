/** Copy a text to the clipboard, and say it was copied. */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../i18n/strings';

export function CopyButton({ text, label }: { text: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 2500);
  };
  return (
    <span class="copy">
      <button type="button" class="secondary" onClick={copy}>
        {label ?? t('copy')}
      </button>
      <span role="status" class="copy-status">
        {state == 'copied' ? t('copied') : state == 'failed' ? t('copyFailed') : ''}
      </span>
    </span>
  );
}
