/**
 * An API error in the console's language, with its code: never a blank
 * screen. The API's own message is English and shown only as a detail.
 */
import { h } from 'preact';
import type { ApiFailure } from '../api/client';
import { errorText, t } from '../i18n/strings';

export function ErrorNote({ error, id }: { error: ApiFailure; id?: string }) {
  return (
    <p class="error" role="alert" id={id}>
      <strong>{errorText(error.code)}</strong> <Detail text={error.message} />{' '}
      <code class="code" title={t('error.codeTitle')}>
        {error.code}
      </code>
    </p>
  );
}

/** A rule's words as the API or a schema wrote them: English, in its own direction. */
function Detail({ text }: { text: string }) {
  return (
    <span class="detail" lang="en" dir="auto">
      {text}
    </span>
  );
}

/**
 * A field's own message, tied to its control by id (aria-describedby): what
 * went wrong in the console's language (`lead`, else "Not accepted:"), then
 * the rule's English words.
 */
export function FieldError({ id, message, lead }: { id: string; message: string | undefined; lead?: string }) {
  if (!message) return null;
  return (
    <p class="field-error" id={id} role="alert">
      {lead ?? t('error.field')} <Detail text={message} />
    </p>
  );
}
