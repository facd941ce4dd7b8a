/**
 * What one card sends: its exposure events, the answer, its reasons and its
 * comment, each written to the outbox first (nothing is lost if the page goes
 * or the network fails), with the card's context.
 */
import type { Host, ShowOptions } from '../types';
import { enqueue, uuid } from './outbox';

export interface Answers {
  event(type: 'shown' | 'dismissed'): void;
  answer(score: number): void;
  reasons(ids: string[]): void;
  comment(text: string): void;
}

export function answers(host: Host, survey: string, locale: string, options: ShowOptions): Answers {
  // `user` rides on events too: a site with a cooldown counts a survey shown to an identified visitor.
  const about = { site: host.site, survey, touchpoint: options.touchpoint || host.touchpoint, locale, user: options.user || host.user };
  let id: string;
  // Reasons and the comment are sent once the answer is stored (they wait for it), even if the
  // answer waited offline: their 60 minutes count from when the collector stored the answer.
  const after = (what: string, body: Record<string, unknown>) => enqueue(host, id + '/' + what[0], `/v1/responses/${id}/${what}`, { site: host.site, ...body }, id);
  return {
    event: (type) => enqueue(host, uuid(), '/v1/events', { ...about, type }),
    answer(score) {
      id = uuid();
      host.store.update((state) => {
        state.a = Date.now();
      });
      enqueue(host, id, '/v1/responses', { id, ...about, score, page: location.pathname, meta: options.meta });
    },
    reasons: (reasons) => after('reasons', { reasons }),
    comment: (comment) => after('comment', { comment }),
  };
}
