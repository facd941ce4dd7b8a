/** The optional comment after a score; the score itself is already on its way. */
import { Fragment, h } from 'preact';
import type { Strings } from '../../shared/survey-strings';

export interface FollowUpProps {
  prompt?: string;
  /** The card's fixed strings; the follow-up reads the send button's label. */
  strings: Strings;
  onSend: () => void;
}

export function FollowUp({ prompt, strings, onSend }: FollowUpProps) {
  return (
    <>
      <label for="c" class="q">
        {prompt}
      </label>
      {/* 2000: the collector's COMMENT_MAX (shared/schemas/response.ts). */}
      <textarea id="c" maxLength={2000} />
      <button class="send" onClick={onSend}>
        {strings.send}
      </button>
    </>
  );
}
