/**
 * What a link page says, per built-in locale: the survey card's strings
 * (shared/survey-strings.ts: send, thanks, the ends of each scale) plus the
 * strings only a page needs. Kept here, not in the card's table, so the
 * widget's bundle does not carry them. `{n}` stands for a number, written in
 * the locale's digits.
 */
import * as v from 'valibot';
import { type BuiltInLocale, directionOf, isBuiltInLocale, language, tableFor } from '../../shared/locale';
import { digitsOf } from '../../shared/locale-format';
import { Locale } from '../../shared/schemas/common';
import { stringsFor, type Strings } from '../../shared/survey-strings';

/** A page's title and the sentence under it. */
type Message = [title: string, text: string];

export interface PageOnlyStrings {
  /** Under the scale: how to answer. */
  choose: string;
  /** Under the scale when the link carried a score (`?score=N`): nothing is sent until the person sends it. */
  chosen: string;
  /** The comment box's label when the survey asks no follow-up question of its own. */
  comment: string;
  received: string;
  already: string;
  commented: string;
  badScore: string;
  noScore: string;
  commentTooLong: string;
  commentClosed: string;
  expired: Message;
  closed: Message;
  /** The link's user was erased: the link takes nothing any more. */
  withdrawn: Message;
  invalid: Message;
  tooLarge: Message;
  /** `{when}`: when to come back, as the Retry-After says ("in 5 minutes"). */
  busy: Message;
  unavailable: Message;
  forbidden: Message;
  unreadable: Message;
}

const PAGE_STRINGS: Record<BuiltInLocale, PageOnlyStrings> = {
  en: {
    choose: 'Choose a number, add a comment if you like, and press Send.',
    chosen: 'Your score is chosen: change it if you like, add a comment, and press Send.',
    comment: 'Anything you would like to add? (optional)',
    received: 'Your answer was received.',
    already: 'Your answer was already received. Nothing was changed.',
    commented: 'Your comment was received.',
    badScore: 'That score is not on this scale. Choose one of the numbers below.',
    noScore: 'Choose a number first, then press Send.',
    commentTooLong: 'Your comment is too long: at most {n} characters.',
    commentClosed: 'A comment can be added once, within {n} minutes of the answer.',
    expired: ['This link has expired', 'Survey links work for a limited time. Thank you all the same.'],
    closed: ['This survey is closed', 'It no longer takes answers. Thank you all the same.'],
    withdrawn: ['This link no longer works', 'It does not take answers any more. Thank you all the same.'],
    invalid: ['This link does not work', 'Check that the whole link was copied from your message.'],
    tooLarge: ['That was too long to send', 'Shorten it and send it again.'],
    busy: ['Too many requests', 'Please try again {when}.'],
    unavailable: ['Not available right now', 'Please try again later.'],
    forbidden: ['This form was sent from another page', 'Open the link in your message and answer there.'],
    unreadable: ['This request could not be read', 'Open the link in your message and try again.'],
  },
  fa: {
    choose: 'یک عدد انتخاب کنید، اگر خواستید نظری بنویسید و «ارسال» را بزنید.',
    chosen: 'امتیاز شما انتخاب شده است: اگر خواستید آن را تغییر دهید، نظری بنویسید و «ارسال» را بزنید.',
    comment: 'چیزی هست که بخواهید اضافه کنید؟ (اختیاری)',
    received: 'پاسخ شما دریافت شد.',
    already: 'پاسخ شما پیش‌تر دریافت شده بود. چیزی تغییر نکرد.',
    commented: 'نظر شما دریافت شد.',
    badScore: 'این امتیاز در این مقیاس نیست. یکی از عددهای زیر را انتخاب کنید.',
    noScore: 'اول یک عدد انتخاب کنید، سپس «ارسال» را بزنید.',
    commentTooLong: 'نظر شما طولانی است: حداکثر {n} نویسه.',
    commentClosed: 'نظر را فقط یک بار و تا {n} دقیقه پس از پاسخ می‌توان افزود.',
    expired: ['این پیوند منقضی شده است', 'پیوندهای نظرسنجی مدت محدودی کار می‌کنند. با این حال از شما سپاسگزاریم.'],
    closed: ['این نظرسنجی بسته شده است', 'دیگر پاسخی نمی‌پذیرد. با این حال از شما سپاسگزاریم.'],
    withdrawn: ['این پیوند دیگر کار نمی‌کند', 'دیگر پاسخی نمی‌پذیرد. با این حال از شما سپاسگزاریم.'],
    invalid: ['این پیوند کار نمی‌کند', 'بررسی کنید که کل پیوند از پیامتان کپی شده باشد.'],
    tooLarge: ['متن برای فرستادن بیش از حد طولانی است', 'آن را کوتاه‌تر کنید و دوباره بفرستید.'],
    busy: ['درخواست‌ها بیش از حد زیاد است', 'لطفاً {when} دوباره تلاش کنید.'],
    unavailable: ['اکنون در دسترس نیست', 'لطفاً بعداً دوباره تلاش کنید.'],
    forbidden: ['این فرم از صفحهٔ دیگری فرستاده شد', 'پیوند را از پیامتان باز کنید و همان‌جا پاسخ دهید.'],
    unreadable: ['این درخواست خوانده نشد', 'پیوند را از پیامتان باز کنید و دوباره تلاش کنید.'],
  },
  ar: {
    choose: 'اختر رقماً، وأضف تعليقاً إن شئت، ثم اضغط «إرسال».',
    chosen: 'تم اختيار تقييمك: غيّره إن شئت، وأضف تعليقاً، ثم اضغط «إرسال».',
    comment: 'هل تود إضافة شيء؟ (اختياري)',
    received: 'تم استلام إجابتك.',
    already: 'تم استلام إجابتك من قبل. لم يتغير شيء.',
    commented: 'تم استلام تعليقك.',
    badScore: 'هذا التقييم ليس ضمن هذا المقياس. اختر أحد الأرقام أدناه.',
    noScore: 'اختر رقماً أولاً، ثم اضغط «إرسال».',
    commentTooLong: 'تعليقك طويل جداً: {n} حرف كحد أقصى.',
    commentClosed: 'يمكن إضافة تعليق مرة واحدة فقط، خلال {n} دقيقة من الإجابة.',
    expired: ['انتهت صلاحية هذا الرابط', 'روابط الاستبيان تعمل لفترة محدودة. شكراً لك على أي حال.'],
    closed: ['هذا الاستبيان مغلق', 'لم يعد يقبل إجابات. شكراً لك على أي حال.'],
    withdrawn: ['هذا الرابط لم يعد يعمل', 'لم يعد يقبل إجابات. شكراً لك على أي حال.'],
    invalid: ['هذا الرابط لا يعمل', 'تأكد من نسخ الرابط كاملاً من رسالتك.'],
    tooLarge: ['النص أطول من أن يُرسل', 'اختصره وأرسله مرة أخرى.'],
    busy: ['طلبات كثيرة جداً', 'يرجى المحاولة مرة أخرى {when}.'],
    unavailable: ['غير متاح الآن', 'يرجى المحاولة لاحقاً.'],
    forbidden: ['أُرسل هذا النموذج من صفحة أخرى', 'افتح الرابط في رسالتك وأجب هناك.'],
    unreadable: ['تعذرت قراءة هذا الطلب', 'افتح الرابط في رسالتك وحاول مرة أخرى.'],
  },
};

export type PageStrings = Strings & PageOnlyStrings;

/** How a page or email block speaks a locale: its strings, direction and digits. */
export interface Look {
  lang: string;
  dir: 'ltr' | 'rtl';
  strings: PageStrings;
  digits: (n: number) => string;
}

export function lookOf(locale: string): Look {
  const strings = { ...stringsFor(locale), ...tableFor(PAGE_STRINGS, locale) };
  return { lang: locale, dir: directionOf(locale), strings, digits: digitsOf(locale) };
}

/** A string with its `{n}` in the look's digits. */
export function withNumber(look: Look, text: string, n: number): string {
  return text.replace('{n}', look.digits(n));
}

/** A string with its `{when}` as the look says "in 40 seconds" or "in 5 minutes" (a Retry-After). */
export function withWhen(look: Look, text: string, seconds: number): string {
  const [n, unit] = seconds < 60 ? [seconds, 'second' as const] : [Math.ceil(seconds / 60), 'minute' as const];
  let when: string;
  try {
    when = new Intl.RelativeTimeFormat(look.lang, { numeric: 'always' }).format(n, unit);
  } catch {
    when = new Intl.RelativeTimeFormat('en', { numeric: 'always' }).format(n, unit);
  }
  return text.replace('{when}', when);
}

/** The browser's languages, most wanted first (`Accept-Language`, q-values honoured), valid tags only. */
export function acceptedLocales(header: string | undefined): string[] {
  const ranked = (header ?? '')
    .slice(0, 1000)
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.split(';').map((p) => p.trim());
      const q = params.find((p) => p.startsWith('q='));
      return { tag, q: q ? Number(q.slice(2)) : 1, i };
    })
    .filter(({ tag, q }) => q > 0 && v.is(Locale, tag));
  return ranked.sort((a, b) => b.q - a.q || a.i - b.i).map(({ tag }) => tag);
}

/** A page's locale when no link says one: the browser's first that the pages speak, else English. */
export function browserLocale(header: string | undefined): string {
  return acceptedLocales(header).find((tag) => isBuiltInLocale(language(tag))) ?? 'en';
}
