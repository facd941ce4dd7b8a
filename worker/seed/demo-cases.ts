/**
 * The demo's follow-up cases: every low answer opened its case by trigger
 * as it was stored; here the team has worked them as a team would — old
 * ones mostly closed, this week's partly contacted, today's still open —
 * assigned to the demo's two members, with notes in the customer's
 * language. Written by the Worker's own query functions (db/cases.ts), so
 * each change is in the history and the times follow from the statuses.
 */
import type { CaseStatus } from '../../shared/case-statuses';
import { addNote, updateCase } from '../db/cases';
import type { DemoLocale } from './demo-comments';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SITE = 'demo';

/** The demo's members who work cases (worker/seed/demo.sql). */
export const DEMO_TEAM = ['mina@demo.example', 'reza@demo.example'] as const;

/** A low answer as the demo stored it. */
export interface DemoLowAnswer {
  id: string;
  at: number;
  locale: DemoLocale;
}

const NOTES: Record<DemoLocale, { contacted: string[]; resolved: string[]; no_action: string[] }> = {
  en: {
    contacted: ['Called the customer, left a message.', 'Emailed to ask for the order number.', 'Spoke with them: the parcel was late by three days.'],
    resolved: ['Refund issued, customer thanked us.', 'Replacement shipped with express delivery.', 'Fixed the coupon; they completed the order.'],
    no_action: ['No contact details left.', 'Duplicate of an earlier complaint.'],
  },
  fa: {
    contacted: ['با مشتری تماس گرفتم، پیغام گذاشتم.', 'ایمیل زدم و شمارهٔ سفارش را پرسیدم.', 'صحبت کردیم: بسته سه روز دیر رسیده بود.'],
    resolved: ['پول برگردانده شد، مشتری تشکر کرد.', 'کالای جایگزین با پست پیشتاز فرستاده شد.', 'کد تخفیف درست شد و سفارش را کامل کرد.'],
    no_action: ['راه تماسی نگذاشته است.', 'تکرار یک شکایت قبلی است.'],
  },
  ar: {
    contacted: ['اتصلت بالعميل وتركت رسالة.', 'أرسلت بريدًا أطلب رقم الطلب.', 'تحدثنا: تأخر الطرد ثلاثة أيام.'],
    resolved: ['تم رد المبلغ وشكرنا العميل.', 'أُرسل بديل بالشحن السريع.', 'أصلحنا القسيمة وأكمل الطلب.'],
    no_action: ['لم يترك وسيلة تواصل.', 'تكرار لشكوى سابقة.'],
  },
};

/** Where a case of this age has got to. */
function fate(rand: () => number, ageDays: number): CaseStatus[] {
  const x = rand();
  if (ageDays > 14) return x < 0.6 ? ['contacted', 'resolved'] : x < 0.8 ? ['no_action'] : x < 0.9 ? ['contacted'] : [];
  if (ageDays > 3) return x < 0.35 ? ['contacted'] : x < 0.55 ? ['contacted', 'resolved'] : x < 0.6 ? ['no_action'] : [];
  return x < 0.3 ? ['contacted'] : [];
}

/** Work the demo's cases, writing through `db` (the seed's SQL recorder). */
export async function workDemoCases(db: D1Database, answers: readonly DemoLowAnswer[], now: number, rand: () => number): Promise<void> {
  for (const answer of answers) {
    const steps = fate(rand, (now - answer.at) / DAY);
    const assignee = rand() < 0.85 ? DEMO_TEAM[Math.floor(rand() * DEMO_TEAM.length)]! : null;
    let version = 1;
    let at = answer.at;
    let first: number | null = null;
    let status: CaseStatus = 'open';
    if (assignee && (steps.length > 0 || rand() < 0.5)) {
      at = Math.min(now, at + Math.floor(rand() * 4 * HOUR));
      await updateCase(db, { site: SITE, id: answer.id, version: version++, by: assignee, now: at, update: { status, assignee, tags: [], first_contact_at: null, closed_at: null } }, null);
    }
    for (const step of steps) {
      // First contact within a day or two, mostly; closing a day or so after.
      at = Math.min(now, at + Math.floor((status == 'open' ? 2 + rand() * 50 : 4 + rand() * 40) * HOUR));
      first ??= at;
      status = step;
      const by = assignee ?? DEMO_TEAM[0];
      const closed = step == 'resolved' || step == 'no_action' ? at : null;
      const tags = step == 'resolved' ? [rand() < 0.5 ? 'refund' : 'delivery'] : [];
      await updateCase(db, { site: SITE, id: answer.id, version: version++, by, now: at, update: { status, assignee, tags, first_contact_at: first, closed_at: closed } }, null);
      const said = NOTES[answer.locale][step as 'contacted' | 'resolved' | 'no_action'];
      await addNote(db, { site: SITE, caseId: answer.id, id: `nt_demo${answer.id.replaceAll('-', '').slice(0, 20)}${version}`, author: by, text: said[Math.floor(rand() * said.length)]!, now: at + 60_000 }, null);
    }
  }
}
