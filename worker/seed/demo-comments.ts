/**
 * What the demo site's customers wrote, per language and tone, so that the
 * console's comments view shows English, Persian and Arabic side by side.
 * `low` texts are per touchpoint (a complaint names what went wrong); the
 * same few things recur (slow pages, support that does not answer, late
 * parcels; fast delivery, quality, prices), so that the Themes view has
 * terms on both sides in every language.
 */
import type { BuiltInLocale } from '../../shared/locale';

export type Tone = 'low' | 'mid' | 'high';
/** The demo's customers write in each built-in locale. */
export type DemoLocale = BuiltInLocale;
export const JOURNEY = ['landing', 'signup', 'checkout', 'delivery', 'support'] as const;
export type DemoTouchpoint = (typeof JOURNEY)[number];

/** The journey's steps named in each language, as an admin would set them. */
export const LABELS: Record<DemoTouchpoint, Record<DemoLocale, string>> = {
  landing: { en: 'Landing page', fa: 'صفحهٔ نخست', ar: 'الصفحة الرئيسية' },
  signup: { en: 'Sign-up', fa: 'ثبت‌نام', ar: 'التسجيل' },
  checkout: { en: 'Checkout', fa: 'پرداخت', ar: 'الدفع' },
  delivery: { en: 'Delivery', fa: 'ارسال', ar: 'التوصيل' },
  support: { en: 'Support', fa: 'پشتیبانی', ar: 'الدعم' },
};

export const LOW: Record<DemoLocale, Record<DemoTouchpoint, string[]>> = {
  en: {
    landing: ['The site was slow to load and I could not find the prices.', 'Slow pages on my phone, and the prices are hidden.'],
    signup: ['Support never answered my sign-up question.', 'The verification email never arrived, and support did not help.'],
    checkout: ['Payment failed twice and support was no help.', 'Shipping costs only appeared at the very last step.'],
    delivery: ['The parcel arrived late and the box was crushed.', 'Delivery was four days late.'],
    support: ['Support did not answer for a week.', 'Waited 40 minutes and support never answered.'],
  },
  fa: {
    landing: ['سایت خیلی کند بود و قیمت‌ها را پیدا نکردم.', 'صفحه روی گوشی خیلی کند باز شد.'],
    signup: ['پشتیبانی به سؤال ثبت‌نام من جواب نداد.', 'ایمیل تأیید هیچ‌وقت نرسید و پشتیبانی هم جواب نداد.'],
    checkout: ['پرداخت دو بار خطا داد و پشتیبانی کمکی نکرد.', 'هزینهٔ ارسال تازه در آخرین مرحله نشان داده شد.'],
    delivery: ['بسته دیر رسید و جعبه له شده بود.', 'سفارش چهار روز دیر رسید.'],
    // Typed on an Arabic keyboard (ي, ك) and with the plural: one term, three spellings.
    support: ['پشتيباني يك هفته جواب نداد.', 'چهل دقیقه منتظر ماندم و پشتیبانی‌ها جواب ندادند.'],
  },
  ar: {
    landing: ['الموقع بطيء جدًا ولم أجد الأسعار.', 'الصفحة بطيئة على هاتفي.'],
    signup: ['الدعم لم يرد على سؤال التسجيل.', 'لم تصل رسالة التحقق ولم يرد الدعم.'],
    checkout: ['فشل الدفع مرتين ولم يساعد الدعم.', 'ظهرت تكاليف الشحن في الخطوة الأخيرة فقط.'],
    delivery: ['وصل الطرد متأخرًا والصندوق محطم.', 'التوصيل متأخر أربعة أيام.'],
    support: ['لم يرد الدعم لمدة أسبوع.', 'انتظرت أربعين دقيقة ولم يرد الدعم.'],
  },
};

export const MID: Record<DemoLocale, string[]> = {
  en: ['Fine overall, nothing special.', 'Good, but a bit pricey.', 'It worked, though the site felt slow.', 'OK. The app could be clearer.'],
  fa: ['در کل خوب بود، چیز خاصی نبود.', 'خوب است ولی کمی گران.', 'کار کرد، هرچند سایت کند بود.', 'بد نبود. برنامه می‌تواند روشن‌تر باشد.'],
  ar: ['جيد عمومًا، لا شيء مميز.', 'جيد لكنه مكلف قليلًا.', 'نجح الأمر، رغم أن الموقع كان بطيئًا.', 'مقبول. يمكن أن يكون التطبيق أوضح.'],
};

export const HIGH: Record<DemoLocale, string[]> = {
  en: ['Fast delivery and great quality. Will order again!', 'Great quality for the price.', 'Fast delivery, everything worked the first time.', 'Great quality and great prices.', 'Love the quality, and fast delivery too.'],
  fa: ['ارسال سریع و کیفیت عالی. باز هم سفارش می‌دهم!', 'کیفیت عالی با قیمت مناسب.', 'ارسال سریع، همه‌چیز بار اول درست کار کرد.', 'کیفیت عالی و قیمت‌های خوب.', 'کیفیت کالاها عالی است و ارسال سریع بود.'],
  ar: ['توصيل سريع، جودة ممتازة. سأطلب مرة أخرى!', 'جودة ممتازة مقابل السعر.', 'توصيل سريع، كل شيء نجح من المرة الأولى.', 'جودة ممتازة وأسعار رائعة.', 'أحب جودة المنتجات، والتوصيل سريع.'],
};
