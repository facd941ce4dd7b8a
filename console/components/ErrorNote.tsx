/** An API error in words, with its code: never a blank screen. */
import { h } from 'preact';
import type { ApiFailure } from '../api/client';
import { errorText, t } from '../i18n/strings';

export function ErrorNote({ error, id }: { error: ApiFailure; id?: string }) {
  return (
    <p class="error" role="alert" id={id}>
      <strong>{errorText(error.code)}</strong> <span lang="en" dir="auto">{error.message}</span>{' '}
      <code class="code" title={t('error.codeTitle')}>
        {error.code}
      </code>
    </p>
  );
}

/** A field's own message, tied to its control by id (aria-describedby). */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p class="field-error" id={id} role="alert">
      <span lang="en" dir="auto">
        {message}
      </span>
    </p>
  );
}
