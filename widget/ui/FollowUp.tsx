/** The optional comment after a score; the score itself is already on its way. */
import { Fragment, h } from './dom';
import type { SurveyProps } from './props';

export function FollowUp({ prompt, survey, onSend }: SurveyProps) {
  return (
    <>
      <label for="c" class="q">
        {prompt}
      </label>
      {/* 2000: the collector's COMMENT_MAX (shared/schemas/response.ts). */}
      <textarea id="c" maxLength={2000} />
      <button class="s" onClick={onSend}>
        {survey.strings.send}
      </button>
    </>
  );
}
