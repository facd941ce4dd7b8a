/**
 * Comments, newest first, or every answer with or without one; filtered by
 * band, text and theme (and by the language, country, device or reason of a
 * breakdown's row), over one survey, one kind, or every kind when none is
 * chosen. How many were found is said as the pages come: the feed reads a
 * bounded stretch of answers per request, so until the last page it is
 * "so far". Each answer says who gave it.
 * With `id` (the link of a chat message), that one answer, comment or not.
 */
import { Fragment, h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Kind } from '../../shared/kinds';
import type { ExportedResponse } from '../../shared/schemas/export';
import { fetchAnswer, fetchComments, type CommentFilters } from '../api/analyst';
import { type ApiFailure, toFailure } from '../api/client';
import { ErrorNote, FieldError } from '../components/ErrorNote';
import { QueryError } from '../components/QueryError';
import { ThemeFilter } from '../components/ThemeFilter';
import { Progress } from '../components/Progress';
import { formatNumber, formatRange } from '../i18n/format';
import { t } from '../i18n/strings';
import { filters } from '../state/filters';
import { useMeta } from '../state/meta';
import { useQueryError } from '../state/query-error';
import { useResource } from '../state/resource';
import { hrefOf, route, setParams } from '../state/route';
import { AnswerCard, answerFilters, BandOptions, NarrowedNote } from './Answers';

export function Comments() {
  const id = route.value.params.id;
  return id ? <OneAnswer id={id} /> : <CommentFeed />;
}

/** One answer, whatever its date or filters: where a chat message's link lands. */
function OneAnswer({ id }: { id: string }) {
  const f = filters.value;
  const meta = useMeta(f.site);
  const answer = useResource(f.site ? JSON.stringify(['answer', f.site, id]) : null, (signal) => fetchAnswer(f.site, id, signal));
  const { id: _one, ...others } = route.value.params;
  return (
    <section class="view" aria-labelledby="view-title">
      <h1 id="view-title">{t('nav.comments')}</h1>
      <p class="actions">
        <strong>{t('comments.one')}</strong>
        <a href={hrefOf('comments', others)}>{t('comments.all')}</a>
      </p>
      {answer.error && <ErrorNote error={answer.error} />}
      {answer.loading && answer.data === undefined && <Progress label={t('loading')} />}
      {answer.data === null && (
        <p class="empty" role="status">
          {t('comments.gone')}
        </p>
      )}
      {answer.data && (
        <ol class="comments">
          <AnswerCard response={answer.data} f={f} labels={meta.data?.touchpoint_labels} showKind />
        </ol>
      )}
    </section>
  );
}

function CommentFeed() {
  const f = filters.value;
  const meta = useMeta(f.site);
  // The kind read: the survey's, the one chosen, or none (every kind).
  const kind: Kind | null = (f.survey && meta.data?.surveys.find((s) => s.id == f.survey)?.kind) || (f.kindChosen ? f.kind : null);
  const q = route.value.params.q ?? '';
  const all = route.value.params.answers == 'all';
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);

  // Text and themes are found in comments: with either, the feed is of comments.
  const filter: CommentFilters = { ...answerFilters(kind), all: all && !q && !route.value.params.theme };
  const key = f.site ? JSON.stringify(['comments', f.site, f.survey, kind, f.from, f.to, f.tz, f.touchpoint, f.channel, filter]) : null;
  const first = useResource(key, (signal) => fetchComments(f, filter, null, signal));
  useQueryError('comments', first.error);

  // Later pages, appended by "More comments", for the filters they were asked under only:
  // a page that arrives after the filters changed is dropped (and its request cancelled).
  const [more, setMore] = useState<{ list: ExportedResponse[]; next: string | null; error?: ApiFailure; loading: boolean }>({ list: [], next: null, loading: false });
  const asking = useRef<{ key: string | null; abort?: AbortController }>({ key: null });
  useEffect(() => {
    asking.current.abort?.abort();
    asking.current = { key };
    setMore({ list: [], next: first.data?.next ?? null, loading: false });
  }, [first.data, key]);
  const loadMore = async () => {
    if (!more.next) return;
    const abort = new AbortController();
    asking.current.abort?.abort();
    asking.current = { key, abort };
    const stillAsked = () => asking.current.key == key && !abort.signal.aborted;
    setMore((now) => ({ ...now, loading: true }));
    try {
      const page = await fetchComments(f, filter, more.next, abort.signal);
      if (stillAsked()) setMore((now) => ({ list: [...now.list, ...page.responses], next: page.next, loading: false }));
    } catch (error) {
      if (stillAsked()) setMore((now) => ({ ...now, loading: false, error: toFailure(error) }));
    }
  };

  const list = [...(first.data?.responses ?? []), ...more.list];
  const count = { count: formatNumber(list.length) };
  return (
    <section class="view" aria-labelledby="view-title">
      <h1 id="view-title">{t('nav.comments')}</h1>
      <form
        class="comment-filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setParams({ q: text.trim() });
        }}
      >
        <div class="control">
          <label for="c-band">{t('comments.band')}</label>
          <select id="c-band" value={filter.band ?? ''} onChange={(e) => setParams({ band: e.currentTarget.value })} aria-describedby={first.error?.issue('band') ? 'c-band-error' : undefined}>
            <BandOptions kind={kind} />
          </select>
          <FieldError id="c-band-error" message={first.error?.issue('band')} />
        </div>
        <div class="control grow">
          <label for="c-q">{t('comments.search')}</label>
          <span class="search">
            <input id="c-q" type="search" dir="auto" value={text} onInput={(e) => setText(e.currentTarget.value)} aria-describedby={first.error?.issue('q') ? 'c-q-error' : undefined} />
            <button type="submit">{t('comments.searchButton')}</button>
          </span>
          <FieldError id="c-q-error" message={first.error?.issue('q')} lead={t('comments.short')} />
        </div>
        <fieldset class="inner control">
          <legend>{t('answers.show')}</legend>
          {(['', 'all'] as const).map((value) => (
            <label class="radio">
              <input type="radio" name="answers" checked={all == (value == 'all')} disabled={value == 'all' && !!(q || route.value.params.theme)} onChange={() => setParams({ answers: value })} />
              {t(value ? 'answers.all' : 'answers.commented')}
            </label>
          ))}
        </fieldset>
      </form>
      <ThemeFilter term={filter.theme ?? ''} />
      <NarrowedNote c={filter} meta={meta.data} />
      {!first.error?.issue('q') && <QueryError error={first.error} />}
      {first.loading && !first.data && <Progress label={t('loading')} />}
      {first.data && !first.error && (
        list.length == 0 && !more.next ? (
          <p class="empty" role="status">
            {t('comments.none', formatRange(f.from, f.to, f.calendar))}
          </p>
        ) : (
          <>
            <p class="muted" role="status" data-testid="found">
              {more.next ? t('comments.foundSoFar', count) : t('comments.found', count)}
            </p>
            <ol class="comments" aria-busy={first.loading}>
              {list.map((r) => (
                <AnswerCard response={r} f={f} labels={meta.data?.touchpoint_labels} showKind={kind === null} />
              ))}
            </ol>
            {more.error && <ErrorNote error={more.error} />}
            {more.next && (
              <button type="button" class="secondary" onClick={loadMore} disabled={more.loading}>
                {more.loading ? t('loading') : t('comments.more')}
              </button>
            )}
          </>
        )
      )}
    </section>
  );
}
