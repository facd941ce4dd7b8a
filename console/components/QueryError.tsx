/**
 * A refused analyst request: when the API named a filter, its reason is
 * already beside that control in the filter bar, so the view only points
 * there; anything else is said here in full.
 */
import { h } from 'preact';
import type { ApiFailure } from '../api/client';
import { t } from '../i18n/strings';
import { isFilterError } from '../state/query-error';
import { ErrorNote } from './ErrorNote';

export function QueryError({ error }: { error: ApiFailure | undefined }) {
  if (!error) return null;
  return isFilterError(error) ? (
    <p class="notice" role="status">
      {t('error.seeFilters')}
    </p>
  ) : (
    <ErrorNote error={error} />
  );
}
