/**
 * What a link page says, per built-in locale: the survey card's strings
 * (shared/survey-strings.ts: send, thanks, the ends of each scale) plus the
 * strings only a page needs. Kept here, not in the card's table, so the
 * widget's bundle does not carry them. `{n}` stands for a number, written in
 * the locale's digits.
 */
import { type BuiltInLocale, directionOf, tableFor } from '../../shared/locale';
import { digitsOf } from '../../shared/locale-format';
import { stringsFor, type Strings } from '../../shared/survey-strings';

/** A page's title and the sentence under it. */
type Message = [title: string, text: string];

export interface PageOnlyStrings {
  /** Under the question: how to answer. */
  choose: string;
  /** Under the question when the link carried a score and the page did not send it itself. */
  chosen: string;
  received: string;
  already: string;
  commented: string;
  badScore: string;
  commentTooLong: string;
  commentClosed: string;
  expired: Message;
  closed: Message;
  invalid: Message;
  tooLarge: Message;
  busy: Message;
  unavailable: Message;
  forbidden: Message;
  unreadable: Message;
}

const PAGE_STRINGS: Record<BuiltInLocale, PageOnlyStrings> = {
  en: {
    choose: 'Choose a number to send your answer.',
    chosen: 'Press the highlighted number to send it, or choose another.',
    received: 'Your answer was received.',
    already: 'Your answer was already received. Nothing was changed.',
    commented: 'Your comment was received.',
    badScore: 'That score is not on this scale. Choose one of the numbers below.',
    commentTooLong: 'Your comment is too long: at most {n} characters.',
    commentClosed: 'A comment can be added once, within {n} minutes of the answer.',
    expired: ['This link has expired', 'Survey links work for a limited time. Thank you all the same.'],
    closed: ['This survey is closed', 'It no longer takes answers. Thank you all the same.'],
    invalid: ['This link does not work', 'Check that the whole link was copied from your message.'],
    tooLarge: ['That was too long to send', 'Shorten it and send it again.'],
    busy: ['Too many requests', 'Please wait a minute and try again.'],
    unavailable: ['Not available right now', 'Please try again later.'],
    forbidden: ['This form was sent from another page', 'Open the link in your message and answer there.'],
    unreadable: ['This request could not be read', 'Open the link in your message and try again.'],
  },
  fa: {
    choose: 'برای فرستادن پاسخ، یک عدد را انتخاب کنید.',
    chosen: 'برای فرستادن، عدد مشخص‌شده را بزنید یا عدد دیگری را انتخاب کنید.',
    received: 'پاسخ شما دریافت شد.',
    already: 'پاسخ شما پیش‌تر دریافت شده بود. چیزی تغییر نکرد.',
    commented: 'نظر شما دریافت شد.',
    badScore: 'این امتیاز در این مقیاس نیست. یکی از عددهای زیر را انتخاب کنید.',
    commentTooLong: 'نظر شما طولانی است: حداکثر {n} نویسه.',
    commentClosed: 'نظر را فقط یک بار و تا {n} دقیقه پس از پاسخ می‌توان افزود.',
    expired: ['این پیوند منقضی شده است', 'پیوندهای نظرسنجی مدت محدودی کار می‌کنند. با این حال از شما سپاسگزاریم.'],
    closed: ['این نظرسنجی بسته شده است', 'دیگر پاسخی نمی‌پذیرد. با این حال از شما سپاسگزاریم.'],
    invalid: ['این پیوند کار نمی‌کند', 'بررسی کنید که کل پیوند از پیامتان کپی شده باشد.'],
    tooLarge: ['متن برای فرستادن بیش از حد طولانی است', 'آن را کوتاه‌تر کنید و دوباره بفرستید.'],
    busy: ['درخواست‌ها بیش از حد زیاد است', 'لطفاً یک دقیقه صبر کنید و دوباره تلاش کنید.'],
    unavailable: ['اکنون در دسترس نیست', 'لطفاً بعداً دوباره تلاش کنید.'],
    forbidden: ['این فرم از صفحهٔ دیگری فرستاده شد', 'پیوند را از پیامتان باز کنید و همان‌جا پاسخ دهید.'],
    unreadable: ['این درخواست خوانده نشد', 'پیوند را از پیامتان باز کنید و دوباره تلاش کنید.'],
  },
  ar: {
    choose: 'اختر رقماً لإرسال إجابتك.',
    chosen: 'اضغط الرقم المحدد لإرساله، أو اختر رقماً آخر.',
    received: 'تم استلام إجابتك.',
    already: 'تم استلام إجابتك من قبل. لم يتغير شيء.',
    commented: 'تم استلام تعليقك.',
    badScore: 'هذا التقييم ليس ضمن هذا المقياس. اختر أحد الأرقام أدناه.',
    commentTooLong: 'تعليقك طويل جداً: {n} حرف كحد أقصى.',
    commentClosed: 'يمكن إضافة تعليق مرة واحدة فقط، خلال {n} دقيقة من الإجابة.',
    expired: ['انتهت صلاحية هذا الرابط', 'روابط الاستبيان تعمل لفترة محدودة. شكراً لك على أي حال.'],
    closed: ['هذا الاستبيان مغلق', 'لم يعد يقبل إجابات. شكراً لك على أي حال.'],
    invalid: ['هذا الرابط لا يعمل', 'تأكد من نسخ الرابط كاملاً من رسالتك.'],
    tooLarge: ['النص أطول من أن يُرسل', 'اختصره وأرسله مرة أخرى.'],
    busy: ['طلبات كثيرة جداً', 'يرجى الانتظار دقيقة ثم المحاولة مرة أخرى.'],
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
