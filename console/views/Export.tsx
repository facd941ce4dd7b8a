/**
 * Export every answer of the current filters as CSV or NDJSON. Pages of up
 * to 10,000 rows are fetched one after another with their count shown, and
 * the work can be cancelled; the file is handed to the browser at the end.
 */
import { h } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { ExportFormat } from '../../shared/schemas/export';
import { exportUrl } from '../api/analyst';
import { type ApiFailure, toFailure } from '../api/client';
import { exportAll, saveFile, type ExportProgress } from '../api/export';
import { QueryError } from '../components/QueryError';
import { Progress } from '../components/Progress';
import { formatLastDay, formatLocalDate, formatNumber } from '../i18n/format';
import { t } from '../i18n/strings';
import { filters } from '../state/filters';
import { useQueryError } from '../state/query-error';


export function Export() {
  const f = filters.value;
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [done, setDone] = useState<ExportProgress | null>(null);
  const [error, setError] = useState<ApiFailure | undefined>();
  const running = useRef<AbortController | null>(null);
  useQueryError('export', error);

  const start = async () => {
    const controller = new AbortController();
    running.current = controller;
    setError(undefined);
    setDone(null);
    setProgress({ pages: 0, rows: 0 });
    try {
      const result = await exportAll(exportUrl(f, format), format, setProgress, controller.signal);
      const subject = f.survey || f.kind;
      saveFile(result.blob, `responses-${f.site}-${subject}-${f.from}-${f.to}.${format}`);
      setDone(result.progress);
    } catch (failure) {
      if (!controller.signal.aborted) setError(toFailure(failure));
    } finally {
      running.current = null;
      setProgress(null);
    }
  };

  return (
    <section class="view" aria-labelledby="view-title">
      <h1 id="view-title">{t('nav.export')}</h1>
      <p class="lead">
        {t('export.lead', {
          subject: f.survey || t(`kind.all.${f.kind}`),
          from: formatLocalDate(f.from, f.calendar),
          to: formatLastDay(f.to, f.calendar),
        })}
      </p>
      <fieldset class="formats">
        <legend>{t('export.format')}</legend>
        {(['csv', 'ndjson'] as const).map((value) => (
          <label class="radio">
            <input type="radio" name="format" value={value} checked={format == value} onChange={() => setFormat(value)} />
            {t(`export.${value}`)}
          </label>
        ))}
      </fieldset>
      <p class="actions">
        <button type="button" onClick={start} disabled={progress !== null}>
          {t('export.download')}
        </button>
        {progress && (
          <button type="button" class="secondary" onClick={() => running.current?.abort()}>
            {t('cancel')}
          </button>
        )}
      </p>
      {progress && (
        <Progress label={t('export.progress', { pages: formatNumber(progress.pages), rows: formatNumber(progress.rows) })} />
      )}
      {done && (
        <p class="done" role="status">
          {t('export.done', { pages: formatNumber(done.pages), rows: formatNumber(done.rows) })}
        </p>
      )}
      <QueryError error={error} />
    </section>
  );
}
