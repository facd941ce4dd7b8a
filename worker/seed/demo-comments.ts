/**
 * What the demo site's customers wrote, per language and tone, so that the
 * console's comments view shows English, Persian and Arabic side by side.
 * `low` texts are per touchpoint (a complaint names what went wrong).
 */
import type { BuiltInLocale } from '../../shared/locale';

export type Tone = 'low' | 'mid' | 'high';
/** The demo's customers write in each built-in locale. */
export type DemoLocale = BuiltInLocale;
export const JOURNEY = ['landing', 'signup', 'checkout', 'delivery', 'support'] as const;
export type DemoTouchpoint = (typeof JOURNEY)[number];

export const LOW: Record<DemoLocale, Record<DemoTouchpoint, string[]>> = {
  en: {
    landing: ['Could not find the prices anywhere on the home page.', 'The page took ages to load on my phone.'],
    signup: ['Why do you need my phone number just to sign up?', 'The verification email never arrived.'],
    checkout: ['Payment failed twice before it went through.', 'Shipping costs only appeared at the very last step.'],
    delivery: ['The parcel arrived four days late and the box was crushed.', 'Tracking said delivered, but nothing came.'],
    support: ['Waited 40 minutes in the chat queue.', 'Nobody answered my email for a week.'],
  },
  fa: {
    landing: ['قیمت‌ها را در صفحهٔ اول پیدا نکردم.', 'صفحه روی گوشی خیلی دیر باز شد.'],
    signup: ['چرا برای ثبت‌نام شمارهٔ تلفن لازم است؟', 'ایمیل تأیید هیچ‌وقت نرسید.'],
    checkout: ['پرداخت دو بار خطا داد تا بالاخره انجام شد.', 'هزینهٔ ارسال تازه در آخرین مرحله نشان داده شد.'],
    delivery: ['بسته چهار روز دیر رسید و جعبه له شده بود.', 'پیگیری نوشت تحویل شده، ولی چیزی نرسید.'],
    support: ['چهل دقیقه در صف گفت‌وگو منتظر ماندم.', 'یک هفته کسی به ایمیلم جواب نداد.'],
  },
  ar: {
    landing: ['لم أجد الأسعار في أي مكان في الصفحة الرئيسية.', 'استغرقت الصفحة وقتًا طويلًا لتفتح على هاتفي.'],
    signup: ['لماذا تحتاجون رقم هاتفي للتسجيل فقط؟', 'لم تصل رسالة التحقق أبدًا.'],
    checkout: ['فشل الدفع مرتين قبل أن ينجح.', 'ظهرت تكاليف الشحن في الخطوة الأخيرة فقط.'],
    delivery: ['وصل الطرد متأخرًا أربعة أيام والصندوق محطم.', 'قال التتبع إنه سُلّم، لكن لم يصل شيء.'],
    support: ['انتظرت أربعين دقيقة في طابور المحادثة.', 'لم يرد أحد على بريدي لمدة أسبوع.'],
  },
};

export const MID: Record<DemoLocale, string[]> = {
  en: ['Fine overall, nothing special.', 'Good, but a bit pricey.', 'It worked, though the site felt slow.', 'OK. The app could be clearer.'],
  fa: ['در کل خوب بود، چیز خاصی نبود.', 'خوب است ولی کمی گران.', 'کار کرد، هرچند سایت کند بود.', 'بد نبود. برنامه می‌تواند روشن‌تر باشد.'],
  ar: ['جيد عمومًا، لا شيء مميز.', 'جيد لكنه مكلف قليلًا.', 'نجح الأمر، رغم أن الموقع كان بطيئًا.', 'مقبول. يمكن أن يكون التطبيق أوضح.'],
};

export const HIGH: Record<DemoLocale, string[]> = {
  en: ['Smooth and simple. Will order again!', 'Everything worked the first time.', 'Great prices and a clear site.', 'Friendly people, quick answers.', 'Love the quality of the products.'],
  fa: ['روان و ساده. باز هم سفارش می‌دهم!', 'همه‌چیز بار اول درست کار کرد.', 'قیمت‌های خوب و سایتی روشن.', 'آدم‌های مهربان، پاسخ‌های سریع.', 'کیفیت کالاها عالی است.'],
  ar: ['سلس وبسيط. سأطلب مرة أخرى!', 'كل شيء نجح من المرة الأولى.', 'أسعار رائعة وموقع واضح.', 'أناس لطفاء وردود سريعة.', 'أحب جودة المنتجات.'],
};
