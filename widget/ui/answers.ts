/**
 * What one card sends: its exposure events, the answer and its comment, each
 * written to the outbox first (nothing is lost if the page goes or the network
 * fails), with the card's context.
 */
import type { Host, ShowOptions } from '../types';
import { enqueue, uuid } from './outbox';

export interface Answers {
  event(type: 'shown' | 'dismissed'): void;
  answer(score: number): void;
  comment(text: string): void;
}

export function answers(host: Host, survey: string, locale: string, options: ShowOptions): Answers {
  const about = { site: host.site, survey, touchpoint: options.touchpoint || host.touchpoint, locale };
  let id: string;
  return {
    event: (type) => enqueue(host, uuid(), '/v1/events', { ...about, type }),
    answer(score) {
      id = uuid();
      host.store.update((state) => {
        state.a = Date.now();
      });
      enqueue(host, id, '/v1/responses', { id, ...about, score, page: location.pathname, user: options.user || host.user, meta: options.meta });
    },
    // Sent once the answer is stored (it waits for it), even if the answer waited offline:
    // the comment window counts from when the collector stored the answer.
    comment: (comment) => enqueue(host, id + '/c', `/v1/responses/${id}/comment`, { site: host.site, comment }, id),
  };
}
