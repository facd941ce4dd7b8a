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
  /** Leaves the reasons for the follow-up (with the chips chosen, or none). */
  next: string;
  thanks: string;
  /** CSAT's five faces, lowest first, as screen readers name them. */
  faces: [string, string, string, string, string];
  /** What the ends of each scale mean, lowest first; shown under the row and read with the end buttons. */
  ends: Record<Kind, [low: string, high: string]>;
}

export const STRINGS: Record<BuiltInLocale, Strings> = {
  en: {
    close: 'Close',
    send: 'Send',
    next: 'Next',
    thanks: 'Thank you!',
    faces: ['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied'],
    ends: {
      nps: ['Not at all likely', 'Extremely likely'],
      csat: ['Very dissatisfied', 'Very satisfied'],
      ces: ['Strongly disagree', 'Strongly agree'],
    },
  },
  fa: {
    close: 'بستن',
    send: 'ارسال',
    next: 'بعدی',
    thanks: 'سپاسگزاریم!',
    faces: ['بسیار ناراضی', 'ناراضی', 'بی‌نظر', 'راضی', 'بسیار راضی'],
    ends: {
      nps: ['اصلاً احتمال ندارد', 'بسیار محتمل است'],
      csat: ['بسیار ناراضی', 'بسیار راضی'],
      ces: ['کاملاً مخالفم', 'کاملاً موافقم'],
    },
  },
  ar: {
    close: 'إغلاق',
    send: 'إرسال',
    next: 'التالي',
    thanks: 'شكراً لك!',
    faces: ['غير راضٍ جداً', 'غير راضٍ', 'محايد', 'راضٍ', 'راضٍ جداً'],
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
