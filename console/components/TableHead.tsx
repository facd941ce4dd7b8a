/** A table's column headings, and a last column for row actions named for screen readers only. */
import { h } from 'preact';
import { t } from '../i18n/strings';

export function TableHead({ columns, actions = false }: { columns: string[]; actions?: boolean }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th scope="col">{column}</th>
        ))}
        {actions && (
          <th scope="col">
            <span class="visually-hidden">{t('sites.actions')}</span>
          </th>
        )}
      </tr>
    </thead>
  );
}
