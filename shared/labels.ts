/**
 * Names of the product's concepts in each built-in locale, for text the
 * server writes (Slack messages of webhooks). The survey card's strings stay
 * in survey-strings.ts, which keeps the widget's bundle small; both pick a
 * table by language the same way (`tableFor`).
 */
import type { Band } from './kinds';
import { type BuiltInLocale, tableFor } from './locale';
import type { WebhookEvent } from './schemas/webhook';

export interface Labels {
  /** A score's band: NPS detractor/passive/promoter, CSAT and CES low/high. */
  bands: Record<Band, string>;
  /** What happened, as a message headline. */
  events: Record<WebhookEvent, string>;
  touchpoint: string;
  survey: string;
}

export const LABELS: Record<BuiltInLocale, Labels> = {
  en: {
    bands: { detractor: 'Detractor', passive: 'Passive', promoter: 'Promoter', low: 'Low', high: 'High' },
    events: { 'response.created': 'New answer', 'response.commented': 'New comment' },
    touchpoint: 'Touchpoint',
    survey: 'Survey',
  },
  fa: {
    bands: { detractor: 'منتقد', passive: 'بی‌طرف', promoter: 'مروج', low: 'پایین', high: 'بالا' },
    events: { 'response.created': 'پاسخ تازه', 'response.commented': 'نظر تازه' },
    touchpoint: 'نقطهٔ تماس',
    survey: 'نظرسنجی',
  },
  ar: {
    bands: { detractor: 'منتقد', passive: 'محايد', promoter: 'مروّج', low: 'منخفض', high: 'مرتفع' },
    events: { 'response.created': 'إجابة جديدة', 'response.commented': 'تعليق جديد' },
    touchpoint: 'نقطة التواصل',
    survey: 'الاستبيان',
  },
};

/** The table for a tag's language, else English. */
export function labelsFor(tag: string): Labels {
  return tableFor(LABELS, tag);
}
