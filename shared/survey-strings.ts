/**
 * Every fixed string of the survey card, per built-in locale: the widget's,
 * and the link pages' (which add their own, worker/links/strings.ts).
 * Question and follow-up texts come from the site's config instead.
 */
import type { Kind } from './kinds';
import { type BuiltInLocale, tableFor } from './locale';

export interface Strings {
  close: string;
  send: string;
  thanks: string;
  /** What the ends of each scale mean, lowest first; shown under the row and read with the end buttons. */
  ends: Record<Kind, [low: string, high: string]>;
}

export const STRINGS: Record<BuiltInLocale, Strings> = {
  en: {
    close: 'Close',
    send: 'Send',
    thanks: 'Thank you!',
    ends: {
      nps: ['Not at all likely', 'Extremely likely'],
      csat: ['Very dissatisfied', 'Very satisfied'],
      ces: ['Strongly disagree', 'Strongly agree'],
    },
  },
  fa: {
    close: 'بستن',
    send: 'ارسال',
    thanks: 'سپاسگزاریم!',
    ends: {
      nps: ['اصلاً احتمال ندارد', 'بسیار محتمل است'],
      csat: ['بسیار ناراضی', 'بسیار راضی'],
      ces: ['کاملاً مخالفم', 'کاملاً موافقم'],
    },
  },
  ar: {
    close: 'إغلاق',
    send: 'إرسال',
    thanks: 'شكراً لك!',
    ends: {
      nps: ['غير محتمل إطلاقاً', 'محتمل جداً'],
      csat: ['غير راضٍ جداً', 'راضٍ جداً'],
      ces: ['أعارض بشدة', 'أوافق بشدة'],
    },
  },
};

/** Built-in strings for the locale's language, else English. */
export function stringsFor(tag: string): Strings {
  return tableFor(STRINGS, tag);
}
