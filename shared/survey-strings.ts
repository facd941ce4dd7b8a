/**
 * Every fixed string of the widget, per built-in locale. Question and
 * follow-up texts come from the site's config instead.
 */
import type { Kind } from './kinds';

export interface Strings {
  close: string;
  send: string;
  thanks: string;
  /** What the ends of each scale mean, lowest first; shown under the row and read with the end buttons. */
  ends: Record<Kind, [low: string, high: string]>;
}

export const STRINGS: Record<'en' | 'fa' | 'ar', Strings> = {
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
