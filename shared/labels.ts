/**
 * Names of the product's concepts in each built-in locale, for text the
 * server writes (Slack and Telegram messages of webhooks). The survey card's strings stay
 * in survey-strings.ts, which keeps the widget's bundle small; both pick a
 * table by language the same way (`tableFor`).
 */
import type { Band } from './kinds';
import { type BuiltInLocale, tableFor } from './locale';
import type { CaseStatus } from './schemas/case';
import type { DeliveryEvent } from './schemas/webhook';

export interface Labels {
  /** A score's band: NPS detractor/passive/promoter, CSAT and CES low/high. */
  bands: Record<Band, string>;
  /** What happened, as a message headline. */
  events: Record<DeliveryEvent, string>;
  touchpoint: string;
  survey: string;
  /** The answer's `user`: who to call back. */
  customer: string;
  page: string;
  /** The link to the answer in the console. */
  open: string;
  /** The answer of a `response.erased` (its id follows). */
  erasedAnswer: string;
  /** The line of a `webhook.test` message, before the webhook's id. */
  testLine: string;
  /** A follow-up case's statuses (docs/contract.md §13). */
  statuses: Record<CaseStatus, string>;
  /** Who a case is assigned to, and who changed it. */
  assignee: string;
  unassigned: string;
  by: string;
}

export const LABELS: Record<BuiltInLocale, Labels> = {
  en: {
    bands: { detractor: 'Detractor', passive: 'Passive', promoter: 'Promoter', low: 'Low', high: 'High' },
    events: {
      'response.created': 'New answer',
      'response.commented': 'New comment',
      'response.completed': 'New feedback',
      'response.erased': 'Answer erased',
      'webhook.test': 'Test message',
      'case.updated': 'Case updated',
    },
    touchpoint: 'Touchpoint',
    survey: 'Survey',
    customer: 'Customer',
    page: 'Page',
    open: 'Open in the console',
    erasedAnswer: 'Answer',
    testLine: 'Alerts of this site reach this channel. Webhook',
    statuses: { open: 'Open', contacted: 'Contacted', resolved: 'Resolved', no_action: 'No action' },
    assignee: 'Assignee',
    unassigned: 'Unassigned',
    by: 'By',
  },
  fa: {
    bands: { detractor: 'منتقد', passive: 'بی‌طرف', promoter: 'مروج', low: 'پایین', high: 'بالا' },
    events: {
      'response.created': 'پاسخ تازه',
      'response.commented': 'نظر تازه',
      'response.completed': 'بازخورد تازه',
      'response.erased': 'پاسخ پاک شد',
      'webhook.test': 'پیام آزمایشی',
      'case.updated': 'پرونده به‌روز شد',
    },
    touchpoint: 'نقطهٔ تماس',
    survey: 'نظرسنجی',
    customer: 'مشتری',
    page: 'صفحه',
    open: 'باز کردن در کنسول',
    erasedAnswer: 'پاسخ',
    testLine: 'هشدارهای این سایت به این کانال می‌رسند. وب‌هوک',
    statuses: { open: 'باز', contacted: 'تماس گرفته شد', resolved: 'حل شد', no_action: 'بدون اقدام' },
    assignee: 'مسئول',
    unassigned: 'بدون مسئول',
    by: 'توسط',
  },
  ar: {
    bands: { detractor: 'منتقد', passive: 'محايد', promoter: 'مروّج', low: 'منخفض', high: 'مرتفع' },
    events: {
      'response.created': 'إجابة جديدة',
      'response.commented': 'تعليق جديد',
      'response.completed': 'ملاحظات جديدة',
      'response.erased': 'تم محو إجابة',
      'webhook.test': 'رسالة تجريبية',
      'case.updated': 'تم تحديث الحالة',
    },
    touchpoint: 'نقطة التواصل',
    survey: 'الاستبيان',
    customer: 'العميل',
    page: 'الصفحة',
    open: 'افتح في لوحة التحكم',
    erasedAnswer: 'الإجابة',
    testLine: 'تصل تنبيهات هذا الموقع إلى هذه القناة. الويب هوك',
    statuses: { open: 'مفتوحة', contacted: 'تم التواصل', resolved: 'تم الحل', no_action: 'دون إجراء' },
    assignee: 'المسؤول',
    unassigned: 'دون مسؤول',
    by: 'بواسطة',
  },
};

/** The table for a tag's language, else English. */
export function labelsFor(tag: string): Labels {
  return tableFor(LABELS, tag);
}
