/**
 * Who the links are for: rows added one by one (user, touchpoint, locale,
 * each optional), or CSV lines pasted at once (`user,touchpoint,locale`).
 * Errors sit beside the field of the row, or name the line they are on.
 */
import { h } from 'preact';
import { LOCALES } from '../../../../shared/locale';
import { LINK_MAX_RECIPIENTS } from '../../../../shared/schemas/links';
import { FieldError } from '../../../components/ErrorNote';
import { TableHead } from '../../../components/TableHead';
import type { Issues } from '../../../forms/issues';
import { blankRow, type RecipientRow } from '../../../forms/link-form';
import { formatNumber } from '../../../i18n/format';
import { t } from '../../../i18n/strings';

export type RecipientMode = 'rows' | 'csv';

export interface LinkRecipientsProps {
  mode: RecipientMode;
  rows: RecipientRow[];
  csv: string;
  /** Touchpoints offered (the journey, then those seen). */
  known: string[];
  /** Issues of the rows, keyed `recipients.N.field` as the schema and the API name them. */
  issues: Issues | null;
  /** Errors of the pasted CSV, by line (1-based). */
  lineErrors: { line: number; message: string }[];
  change: (change: { mode?: RecipientMode; rows?: RecipientRow[]; csv?: string }) => void;
}

const FIELDS = ['user', 'touchpoint', 'locale'] as const;

export function LinkRecipients({ mode, rows, csv, known, issues, lineErrors, change }: LinkRecipientsProps) {
  const setRow = (index: number, field: (typeof FIELDS)[number], value: string) => change({ rows: rows.map((row, i) => (i == index ? { ...row, [field]: value } : row)) });
  const countError = issues?.recipients;
  return (
    <fieldset aria-describedby={countError ? 'recipients-error' : 'recipients-help'}>
      <legend>{t('links.recipients')}</legend>
      <p class="help" id="recipients-help">
        {t('links.recipientsHelp', { max: formatNumber(LINK_MAX_RECIPIENTS) })}
      </p>
      <div class="radios" role="radiogroup" aria-label={t('links.recipientsAs')}>
        {(['rows', 'csv'] as const).map((value) => (
          <label class="radio">
            <input type="radio" name="recipient-mode" value={value} checked={mode == value} onChange={() => change({ mode: value })} />
            {t(`links.mode.${value}`)}
          </label>
        ))}
      </div>
      <datalist id="link-touchpoints">
        {known.map((tp) => (
          <option value={tp} />
        ))}
      </datalist>
      <datalist id="link-locales">
        {LOCALES.map((locale) => (
          <option value={locale} />
        ))}
      </datalist>
      {mode == 'rows' ? (
        <div class="table-scroll">
          <table class="recipients">
            <TableHead columns={['#', ...FIELDS.map((field) => t(`links.${field}`))]} actions />
            <tbody>
              {rows.map((row, i) => (
                <tr>
                  <th scope="row">{formatNumber(i + 1)}</th>
                  {FIELDS.map((field) => {
                    const id = `recipient-${i}-${field}`;
                    const error = issues?.[`recipients.${i}.${field}`];
                    return (
                      <td>
                        <input
                          id={id}
                          dir={field == 'user' ? 'auto' : 'ltr'}
                          spellcheck={false}
                          list={field == 'touchpoint' ? 'link-touchpoints' : field == 'locale' ? 'link-locales' : undefined}
                          value={row[field]}
                          onInput={(e) => setRow(i, field, e.currentTarget.value)}
                          aria-label={t('links.fieldOfRow', { field: t(`links.${field}`), row: formatNumber(i + 1) })}
                          aria-invalid={!!error}
                          aria-describedby={error ? `${id}-error` : undefined}
                        />
                        <FieldError id={`${id}-error`} message={error} />
                      </td>
                    );
                  })}
                  <td>
                    <button type="button" class="icon" onClick={() => change({ rows: rows.filter((_, j) => j != i) })} disabled={rows.length == 1} aria-label={t('links.removeRow', { row: formatNumber(i + 1) })}>
                      ×
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div class="field">
          <label for="recipients-csv">{t('links.csv')}</label>
          <textarea
            id="recipients-csv"
            rows={8}
            dir="ltr"
            spellcheck={false}
            placeholder={'user,touchpoint,locale\nu_42,delivery,fa\nu_43,delivery,en'}
            value={csv}
            onInput={(e) => change({ csv: e.currentTarget.value })}
            aria-invalid={lineErrors.length > 0}
            aria-describedby={lineErrors.length > 0 ? 'recipients-csv-error' : 'recipients-csv-help'}
          />
          <p class="help" id="recipients-csv-help">
            {t('links.csvHelp')}
          </p>
          {lineErrors.length > 0 && (
            <ul class="field-error line-errors" id="recipients-csv-error" role="alert">
              {lineErrors.map(({ line, message }) => (
                <li>
                  {t('links.line', { line: formatNumber(line) })}{' '}
                  <span lang="en" dir="ltr">
                    {message}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {mode == 'rows' && (
        <p class="actions">
          <button type="button" class="secondary" onClick={() => change({ rows: [...rows, blankRow()] })} disabled={rows.length >= LINK_MAX_RECIPIENTS}>
            {t('links.addRow')}
          </button>
        </p>
      )}
      <FieldError id="recipients-error" message={countError} />
    </fieldset>
  );
}
