/**
 * An answer as a case shows it: the score, the comment in its own direction,
 * the kind, touchpoint and when, and who gave it. Lighter than the comments
 * view's card (views/Answers.tsx), which the inbox does not import: sharing
 * it would split the console's first screen into one more file.
 */
import { h } from 'preact';
import type { ExportedResponse } from '../../../shared/schemas/export';
import { formatDate, formatNumber } from '../../i18n/format';
import { t } from '../../i18n/strings';
import { filters } from '../../state/filters';

export function CaseAnswer({ response: r }: { response: ExportedResponse }) {
  const f = filters.value;
  return (
    <div class="comment" data-answer={r.id}>
      <p class="score-badge">{formatNumber(r.score)}</p>
      <div class="comment-body">
        {r.comment === null ? <p class="comment-text muted">{t('comments.noComment')}</p> : <p class="comment-text" dir="auto">{r.comment}</p>}
        <p class="comment-meta">
          <span>{t(`kind.${r.kind}`)}</span>
          {r.touchpoint && <bdi>{r.touchpoint}</bdi>}
          <time dateTime={r.created_at}>{formatDate(Date.parse(r.created_at), f.tz, f.calendar, 'stamp')}</time>
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
        </p>
      </div>
    </div>
  );
}
