/**
 * Export every answer of the current filters as CSV or NDJSON, with the
 * score band, comment text, theme and breakdown row the comments view
 * filters by (kept in the URL, so they travel between the two views). Pages of up to 10,000 rows are
 * fetched one after another with their count shown, and the work can be
 * cancelled; the file is handed to the browser at the end.
 */
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Kind } from '../../shared/kinds';
import type { ExportFormat } from '../../shared/schemas/export';
import { exportUrl } from '../api/analyst';
import { type ApiFailure, toFailure } from '../api/client';
import { exportAll, saveFile, type ExportProgress } from '../api/export';
import { ThemeFilter } from '../components/ThemeFilter';
import { FieldError } from '../components/ErrorNote';
import { QueryError } from '../components/QueryError';
import { Progress } from '../components/Progress';
import { formatNumber, formatRange } from '../i18n/format';
import { t } from '../i18n/strings';
import { filters } from '../state/filters';
import { useMeta } from '../state/meta';
import { useQueryError } from '../state/query-error';
import { route, setParams } from '../state/route';
import { answerFilters, BandOptions, NarrowedNote } from './Answers';

export function Export() {
  const f = filters.value;
  const meta = useMeta(f.site);
  // The kind read: the survey's, the one chosen, or none (every kind), as in the comments view.
  const kind: Kind | null = (f.survey && meta.data?.surveys.find((s) => s.id == f.survey)?.kind) || (f.kindChosen ? f.kind : null);
  const filter = answerFilters(kind);
  const q = route.value.params.q ?? '';
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
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
      // The text as typed, even when Download is pressed before the field is left.
      const search = text.trim();
      if (search != q) setParams({ q: search });
      const result = await exportAll(exportUrl(f, format, { ...filter, q: search }), format, setProgress, controller.signal);
      const subject = f.survey || (kind ?? 'all');
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
        {t('export.lead', { subject: f.survey || t(kind ? `kind.all.${kind}` : 'kind.any'), ...formatRange(f.from, f.to, f.calendar) })}
      </p>
      <div class="comment-filters">
        <div class="control">
          <label for="x-band">{t('comments.band')}</label>
          <select id="x-band" value={filter.band ?? ''} onChange={(e) => setParams({ band: e.currentTarget.value })} aria-describedby={error?.issue('band') ? 'x-band-error' : undefined}>
            <BandOptions kind={kind} />
          </select>
          <FieldError id="x-band-error" message={error?.issue('band')} />
        </div>
        <div class="control grow">
          <label for="x-q">{t('comments.search')}</label>
          {/* Set when the field is left or Enter is pressed: the URL keeps it for the comments view. */}
          <input id="x-q" type="search" dir="auto" value={text} onInput={(e) => setText(e.currentTarget.value)} onChange={(e) => setParams({ q: e.currentTarget.value.trim() })} aria-describedby={error?.issue('q') ? 'x-q-error' : undefined} />
          <FieldError id="x-q-error" message={error?.issue('q')} lead={t('comments.short')} />
        </div>
      </div>
      <ThemeFilter term={filter.theme ?? ''} />
      <NarrowedNote c={filter} meta={meta.data} />
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
      {!error?.issue('band') && !error?.issue('q') && <QueryError error={error} />}
    </section>
  );
}
