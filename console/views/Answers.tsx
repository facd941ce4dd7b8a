/**
 * What the comments feed and the export share: the answer filters kept in
 * the URL (band, text, theme, and the language, country, device or reason a
 * breakdown's row opened), the band's choices, the note that says a row
 * narrows them, and the card of one answer with who gave it.
 */
import { Fragment, h } from 'preact';
import { bandOf, bands, BANDS, type Band, type Kind } from '../../shared/kinds';
import type { ExportedResponse } from '../../shared/schemas/export';
import type { SiteMeta, TouchpointLabels } from '../../shared/schemas/site';
import type { CommentFilters } from '../api/analyst';
import { displayName, formatDate, formatNumber, labelOf } from '../i18n/format';
import { t } from '../i18n/strings';
import type { Filters } from '../state/filters';
import { route, setParams } from '../state/route';
import { keyName } from './Breakdowns';

/** The narrowing a breakdown's row sets, in the order its note names them. */
const NARROWING = ['locale', 'country', 'device', 'reason'] as const;

/** The answer filters of the URL; a band of another kind than the one read (the kind changed since) filters nothing. */
export function answerFilters(kind: Kind | null): CommentFilters {
  const p = route.value.params;
  const band = (kind ? bands(kind).map((b) => b.band) : BANDS).find((b) => b == p.band);
  return { band, q: p.q, theme: p.theme, locale: p.locale, country: p.country, device: p.device, reason: p.reason };
}

/** A band select's choices: the kind's bands with their scores, or every band by name when every kind is read. */
export function BandOptions({ kind }: { kind: Kind | null }) {
  return (
    <>
      <option value="">{t('comments.allBands')}</option>
      {kind
        ? bands(kind).map((b) => (
            <option value={b.band}>
              {t(`band.${b.band}`)} ({formatNumber(b.min)}–{formatNumber(b.max)})
            </option>
          ))
        : BANDS.map((band) => <option value={band}>{t(`band.${band}`)}</option>)}
    </>
  );
}

/** "Only answers of Persian, mobile": what a breakdown's row narrowed the answers to, and a button that lifts it. */
export function NarrowedNote({ c, meta }: { c: CommentFilters; meta: SiteMeta | undefined }) {
  const names = NARROWING.filter((by) => c[by]).map((by) => keyName(by, c[by]!, meta));
  if (names.length == 0) return null;
  return (
    <p class="theme-filter">
      <span>{t('drill.narrowed', { what: names.join(t('list.separator')) })}</span>
      <button type="button" class="secondary" onClick={() => setParams({ locale: undefined, country: undefined, device: undefined, reason: undefined })}>
        {t('comments.themeClear')}
      </button>
    </p>
  );
}

const TONE: Record<Band, string> = { detractor: 'low', passive: 'mid', promoter: 'high', low: 'low', high: 'high' };

/**
 * One answer: its score, its comment (text, never HTML, in its own direction)
 * or that it has none, where and when it was given, and who gave it: the
 * user id, the page and the site's meta, each isolated in its own direction
 * (a Persian city in an English card, a URL in a Persian one).
 */
export function AnswerCard({ response: r, f, labels, showKind }: { response: ExportedResponse; f: Filters; labels?: TouchpointLabels; showKind: boolean }) {
  const band = bandOf(r.kind, r.score);
  return (
    <li class="comment" data-answer={r.id}>
      <p class={`score-badge ${TONE[band]}`} title={t(`band.${band}`)}>
        <span class="visually-hidden">{t('comments.score')}: </span>
        {formatNumber(r.score)}
      </p>
      <div class="comment-body">
        {r.comment === null ? (
          <p class="comment-text muted">{t('comments.noComment')}</p>
        ) : (
          <p class="comment-text" dir="auto">
            {r.comment}
          </p>
        )}
        <p class="comment-meta">
          {showKind && <span>{t(`kind.${r.kind}`)}</span>}
          <span>{t(`band.${band}`)}</span>
          {r.touchpoint && <span>{labelOf(labels, r.touchpoint)}</span>}
          <span>{t(`channel.${r.channel}`)}</span>
          {r.locale && <span>{displayName('language', r.locale)}</span>}
          <time dateTime={r.created_at}>{formatDate(Date.parse(r.created_at), f.tz, f.calendar, 'stamp')}</time>
        </p>
        {(r.user || r.page || r.meta) && (
          <p class="comment-meta who">
            {r.user && (
              <span>
                {t('comments.customer')}: <bdi data-testid="answer-user">{r.user}</bdi>
              </span>
            )}
            {r.page && (
              <span>
                {t('comments.page')}: <bdi>{r.page}</bdi>
              </span>
            )}
            {Object.entries(r.meta ?? {}).map(([key, value]) => (
              <span data-testid="meta">
                <bdi>{key}</bdi>: <bdi>{String(value)}</bdi>
              </span>
            ))}
          </p>
        )}
      </div>
    </li>
  );
}
