import { describe, expect, it } from 'vitest';
import type { SurveyConfig } from '../../shared/schemas/survey';
import { isRtl, language } from '../../shared/locale';
import { formatDigits } from '../../shared/locale-format';
import { asksReasons, followUpText, localize, pickText, promptAfter, requestedLocale } from '../../shared/survey-text';
import { DISMISS_WAIT_DAYS, waitsOf } from '../../shared/waits';
import { STRINGS, stringsFor } from '../../shared/survey-strings';

describe('requestedLocale', () => {
  it('takes data-locale, else the page lang, else the browser, else en', () => {
    expect(requestedLocale('fa', 'ar', 'en-US')).toBe('fa');
    expect(requestedLocale(undefined, 'ar', 'en-US')).toBe('ar');
    expect(requestedLocale('', '', 'de-CH')).toBe('de-CH');
    expect(requestedLocale(undefined, '', undefined)).toBe('en');
  });
});

describe('pickText', () => {
  const texts = { en: 'Hello', 'fa-AF': 'سلام (AF)', fa: 'سلام', ar: 'مرحبا' };
  it('prefers the exact locale, in any case', () => {
    expect(pickText(texts, 'fa-af')).toEqual(['fa-AF', 'سلام (AF)']);
    expect(pickText(texts, 'AR')).toEqual(['ar', 'مرحبا']);
  });

  it('then a text of the same language', () => {
    expect(pickText(texts, 'ar-EG')).toEqual(['ar', 'مرحبا']);
    expect(pickText({ en: 'Hi', 'fa-IR': 'سلام' }, 'fa')).toEqual(['fa-IR', 'سلام']);
    expect(pickText({ en: 'Hi', fa: 'سلام' }, 'fa_IR')).toEqual(['fa', 'سلام']);
  });

  it('then en, then whatever there is', () => {
    expect(pickText(texts, 'de')).toEqual(['en', 'Hello']);
    expect(pickText({ 'en-GB': 'Hello' , fa: 'سلام' }, 'de')).toEqual(['en-GB', 'Hello']);
    expect(pickText({ fa: 'سلام', ar: 'مرحبا' }, 'de')).toEqual(['fa', 'سلام']);
  });

  it('gives nothing for no texts', () => {
    expect(pickText(undefined, 'en')).toBeUndefined();
    expect(pickText({}, 'en')).toBeUndefined();
  });
});

describe('script and digits', () => {
  it('runs Persian, Arabic, Hebrew, Urdu and Arabic-script tags right to left', () => {
    for (const tag of ['fa', 'fa-IR', 'ar', 'ar-EG', 'he', 'ur', 'ckb', 'az-Arab', 'pa-Arab-PK']) expect(isRtl(tag)).toBe(true);
    for (const tag of ['en', 'en-GB', 'fr', 'arn', 'far', 'de-AT', 'az-Latn']) expect(isRtl(tag)).toBe(false);
  });

  it("writes digits in the locale's own script", () => {
    const digits = (tag: string) => Array.from({ length: 11 }, (_, n) => formatDigits(tag)(n)).join(' ');
    expect(digits('fa')).toBe('۰ ۱ ۲ ۳ ۴ ۵ ۶ ۷ ۸ ۹ ۱۰');
    expect(digits('ar')).toBe('٠ ١ ٢ ٣ ٤ ٥ ٦ ٧ ٨ ٩ ١٠'); // bare ar asks for Arabic-Indic explicitly
    expect(digits('ar-EG')).toBe('٠ ١ ٢ ٣ ٤ ٥ ٦ ٧ ٨ ٩ ١٠');
    expect(digits('en')).toBe('0 1 2 3 4 5 6 7 8 9 10');
    expect(digits('ar-MA')).toBe('0 1 2 3 4 5 6 7 8 9 10'); // Morocco writes Latin digits
  });

  it('has every fixed string in en, fa and ar, and falls back to en', () => {
    expect(language('fa-IR')).toBe('fa');
    expect(stringsFor('fa-IR')).toBe(STRINGS.fa);
    expect(stringsFor('ar-EG')).toBe(STRINGS.ar);
    expect(stringsFor('de')).toBe(STRINGS.en);
    for (const strings of Object.values(STRINGS)) {
      for (const text of [strings.close, strings.send, strings.next, strings.thanks, ...strings.faces, ...Object.values(strings.ends).flat()]) expect(text.trim()).not.toBe('');
      expect(strings.faces).toHaveLength(5);
      // The faces' ends are the CSAT scale's ends.
      expect([strings.faces[0], strings.faces[4]]).toEqual(strings.ends.csat);
      expect(Object.keys(strings.ends).sort()).toEqual(['ces', 'csat', 'nps']);
    }
  });
});

describe('followUpText', () => {
  const base = { id: 's', trigger: {} } as unknown as SurveyConfig;
  it('asks low scores with follow_up_low and high ones with follow_up_high, else follow_up', () => {
    const s = { ...base, kind: 'nps', follow_up: { en: 'Why?' }, follow_up_low: { en: 'What went wrong?' } } as SurveyConfig;
    expect(followUpText(s, 6, 'en')).toBe('What went wrong?');
    expect(followUpText(s, 7, 'en')).toBe('Why?');
    const csat = { ...base, kind: 'csat', follow_up_high: { en: 'What did you like?' } } as SurveyConfig;
    expect(followUpText(csat, 3, 'en')).toBeUndefined(); // no follow-up for low CSAT scores here
    expect(followUpText(csat, 4, 'en')).toBe('What did you like?');
  });
});

describe('localize (the config one visitor reads)', () => {
  const survey = {
    id: 's',
    kind: 'csat',
    question: { en: 'Happy?', fa: 'راضی هستید؟', 'fa-AF': 'راضی هستید؟ (AF)' },
    follow_up: { en: 'Why?', fa: 'چرا؟' },
    follow_up_low: { en: 'What went wrong?' },
    thanks: { en: 'Thanks, truly.' },
    reasons: {
      question: { en: 'Main reason?', fa: 'دلیل اصلی؟' },
      options: [
        { id: 'price', label: { en: 'Price', fa: 'قیمت' } },
        { id: 'speed', label: { en: 'Speed', fa: 'سرعت' } },
      ],
      multiple: false,
      when: 'low',
    },
    style: 'faces',
    touchpoint: 'checkout',
    trigger: { on: 'load', delay_s: 0, scroll_pct: null, exit_intent: false, paths: null },
    sample_pct: 50,
    recontact_days: 3,
    position: 'center',
    color: '#123456',
  } as SurveyConfig;

  it('speaks the question\'s locale: its texts, the reasons\' labels and the card\'s words in it', () => {
    const fa = localize(survey, 'fa-IR', 0);
    expect(fa).toMatchObject({ locale: 'fa', question: 'راضی هستید؟', follow_up_high: 'چرا؟', reasons: { question: 'دلیل اصلی؟', when: 'low' } });
    expect(fa.reasons!.options).toEqual([{ id: 'price', label: 'قیمت' }, { id: 'speed', label: 'سرعت' }]);
    expect(fa.strings).toMatchObject({ dir: 'rtl', close: STRINGS.fa.close, next: STRINGS.fa.next, low: STRINGS.fa.ends.csat[0], faces: STRINGS.fa.faces });
    expect(localize(survey, 'fa-AF', 0).question).toBe('راضی هستید؟ (AF)');
    // The survey's fields the widget does not read stay out.
    expect(fa).not.toHaveProperty('touchpoint');
    expect(fa).not.toHaveProperty('style');
  });

  it('resolves the follow-ups per band, the low band falling back to the general one', () => {
    const en = localize(survey, 'en', 0);
    expect([en.follow_up_low, en.follow_up_high]).toEqual(['What went wrong?', 'Why?']);
    expect([promptAfter(en, 3), promptAfter(en, 4)]).toEqual(['What went wrong?', 'Why?']);
    // fa has no low follow-up of its own: the one there is.
    expect(localize(survey, 'fa', 0).follow_up_low).toBe('What went wrong?');
  });

  it('thanks in the survey\'s words only in their language, else the built-in thanks of the card\'s', () => {
    expect(localize(survey, 'en-GB', 0).strings.thanks).toBe('Thanks, truly.');
    expect(localize(survey, 'fa', 0).strings.thanks).toBe(STRINGS.fa.thanks);
    expect(localize({ ...survey, thanks: undefined }, 'en', 0).strings.thanks).toBe('Thank you!');
  });

  it('faces only for CSAT drawn with them; the waits with the site\'s cooldown', () => {
    expect(localize({ ...survey, style: 'numbers' }, 'en', 0).strings.faces).toBeUndefined();
    expect(localize({ ...survey, kind: 'nps', style: 'faces' }, 'en', 0).strings.faces).toBeUndefined();
    expect(localize(survey, 'en', 0)).toMatchObject({ waits: [3, 3], cooldown_days: 0 });
    expect(localize(survey, 'en', 14)).toMatchObject({ waits: [14, 14], cooldown_days: 14 });
  });
});

describe('waitsOf', () => {
  it(`waits recontact_days after an answer and at most ${DISMISS_WAIT_DAYS} after a showing, or the cooldown when longer`, () => {
    expect(waitsOf(30, 0)).toEqual([30, DISMISS_WAIT_DAYS]);
    expect(waitsOf(2, 0)).toEqual([2, 2]);
    expect(waitsOf(30, 10)).toEqual([30, 10]);
    expect(waitsOf(0, 7)).toEqual([7, 7]);
    expect(waitsOf(0, 0)).toEqual([0, 0]);
  });
});

describe('asksReasons', () => {
  const reasons = (when: 'all' | 'low' | 'high') => ({ when });
  it('after every score, the low band or the high band (NPS passives are neither)', () => {
    expect([0, 6, 7, 8, 9, 10].map((score) => asksReasons({ kind: 'nps', reasons: reasons('low') }, score))).toEqual([true, true, false, false, false, false]);
    expect([0, 6, 7, 8, 9, 10].map((score) => asksReasons({ kind: 'nps', reasons: reasons('high') }, score))).toEqual([false, false, false, false, true, true]);
    expect([1, 3, 4, 5].map((score) => asksReasons({ kind: 'csat', reasons: reasons('all') }, score))).toEqual([true, true, true, true]);
    expect(asksReasons({ kind: 'ces' }, 7)).toBe(false);
  });
});
