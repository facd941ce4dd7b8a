/** A labelled form field with its own error beside it (tied by aria-describedby). */
import { h, type ComponentChildren } from 'preact';
import { FieldError } from './ErrorNote';

export interface FieldProps {
  id: string;
  label: string;
  error?: string;
  help?: string;
  children: (describedBy: string | undefined, invalid: boolean) => ComponentChildren;
}

export function Field({ id, label, error, help, children }: FieldProps) {
  const ids = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={id}>{label}</label>
      {children(ids, !!error)}
      {help && (
        <p class="help" id={`${id}-help`}>
          {help}
        </p>
      )}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
