/**
 * Comments, newest first, with score, touchpoint, locale and date; filtered
 * by band (detractors / passives / promoters, or low / high), touchpoint and
 * text. A comment is text, never HTML, each in its own direction. With `id`
 * (the link of a chat message), that one answer, comment or not, with who
 * gave it and on which page.
 */
import { Fragment, h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { bandOf, bands, type Band, type Kind } from '../../shared/kinds';
import type { ExportedResponse } from '../../shared/schemas/export';
import { fetchAnswer, fetchComments, type CommentFilters } from '../api/analyst';
import { type ApiFailure, toFailure } from '../api/client';
import { ErrorNote, FieldError } from '../components/ErrorNote';
import { QueryError } from '../components/QueryError';
import { ThemeFilter } from '../components/ThemeFilter';
import { Progress } from '../components/Progress';
import { displayName, formatDate, formatLastDay, formatLocalDate, formatNumber } from '../i18n/format';
import { t } from '../i18n/strings';
import { filters, type Filters } from '../state/filters';
import { useMeta } from '../state/meta';
import { useQueryError } from '../state/query-error';
import { useResource } from '../state/resource';
import { hrefOf, route, setParams } from '../state/route';

/** The score range of a band of the kind, for min_score / max_score. */
function bandRange(kind: Kind, band: string): Pick<CommentFilters, 'minScore' | 'maxScore'> {
  const range = bands(kind).find((b) => b.band == band);
  return range ? { minScore: range.min, maxScore: range.max } : {};
}

export function Comments() {
  const id = route.value.params.id;
  return id ? <OneAnswer id={id} /> : <CommentFeed />;
}

/** One answer, whatever its date or filters: where a chat message's link lands. */
function OneAnswer({ id }: { id: string }) {
  const f = filters.value;
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
          <Comment response={answer.data} f={f} full />
        </ol>
      )}
    </section>
  );
}

function CommentFeed() {
  const f = filters.value;
  const meta = useMeta(f.site);
  const kind: Kind = (f.survey && meta.data?.surveys.find((s) => s.id == f.survey)?.kind) || f.kind;
  const band = route.value.params.band ?? '';
  const q = route.value.params.q ?? '';
  const theme = route.value.params.theme ?? '';
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);

  const filter: CommentFilters = { ...bandRange(kind, band), touchpoint: f.touchpoint, q, theme };
  const key = f.site ? JSON.stringify(['comments', f.site, f.survey, kind, f.from, f.to, f.tz, f.channel, filter]) : null;
  const first = useResource(key, (signal) => fetchComments({ ...f, kind }, filter, null, signal));
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
      const page = await fetchComments({ ...f, kind }, filter, more.next, abort.signal);
      if (stillAsked()) setMore((now) => ({ list: [...now.list, ...page.responses], next: page.next, loading: false }));
    } catch (error) {
      if (stillAsked()) setMore((now) => ({ ...now, loading: false, error: toFailure(error) }));
    }
  };

  const list = [...(first.data?.responses ?? []), ...more.list];
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
          <select id="c-band" value={band} onChange={(e) => setParams({ band: e.currentTarget.value })}>
            <option value="">{t('comments.allBands')}</option>
            {bands(kind).map((b) => (
              <option value={b.band}>
                {t(`band.${b.band}`)} ({formatNumber(b.min)}–{formatNumber(b.max)})
              </option>
            ))}
          </select>
          <FieldError id="c-band-error" message={first.error?.issue('min_score') ?? first.error?.issue('max_score')} />
        </div>
        <div class="control grow">
          <label for="c-q">{t('comments.search')}</label>
          <span class="search">
            <input id="c-q" type="search" dir="auto" value={text} onInput={(e) => setText(e.currentTarget.value)} aria-describedby={first.error?.issue('q') ? 'c-q-error' : undefined} />
            <button type="submit">{t('comments.searchButton')}</button>
          </span>
          <FieldError id="c-q-error" message={first.error?.issue('q')} />
        </div>
      </form>
      <ThemeFilter term={theme} />
      {!first.error?.issue('q') && <QueryError error={first.error} />}
      {first.loading && !first.data && <Progress label={t('loading')} />}
      {first.data && !first.error && (
        list.length == 0 && !more.next ? (
          <p class="empty" role="status">
            {t('comments.none', { from: formatLocalDate(f.from, f.calendar), to: formatLastDay(f.to, f.calendar) })}
          </p>
        ) : (
          <>
            <ol class="comments" aria-busy={first.loading}>
              {list.map((r) => (
                <Comment response={r} f={f} />
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

const TONE: Record<Band, string> = { detractor: 'low', passive: 'mid', promoter: 'high', low: 'low', high: 'high' };

/** A comment (or, `full`, any answer: "no comment" said, with its customer and page). */
function Comment({ response: r, f, full = false }: { response: ExportedResponse; f: Filters; full?: boolean }) {
  const band = bandOf(r.kind, r.score);
  return (
    <li class="comment">
      <p class={`score-badge ${TONE[band]}`} title={t(`band.${band}`)}>
        <span class="visually-hidden">{t('comments.score')}: </span>
        {formatNumber(r.score)}
      </p>
      <div class="comment-body">
        {/* Text, never HTML; dir="auto" lets each comment run in its own script's direction. */}
        {r.comment !== null ? (
          <p class="comment-text" dir="auto">
            {r.comment}
          </p>
        ) : (
          <p class="comment-text muted">{t('comments.noComment')}</p>
        )}
        <p class="comment-meta">
          <span>{t(`band.${band}`)}</span>
          {full && r.user && (
            <span>
              {t('comments.customer')}: <bdi data-testid="answer-user">{r.user}</bdi>
            </span>
          )}
          {full && r.page && (
            <span>
              {t('comments.page')}: <bdi dir="ltr">{r.page}</bdi>
            </span>
          )}
          {r.touchpoint && <span>{r.touchpoint}</span>}
          {r.locale && <span>{displayName('language', r.locale)}</span>}
          <time dateTime={r.created_at}>{formatDate(Date.parse(r.created_at), f.tz, f.calendar, 'stamp')}</time>
        </p>
      </div>
    </li>
  );
}
