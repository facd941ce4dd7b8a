import { describe, expect, it } from 'vitest';
import type { SurveyConfig } from '../../shared/schemas/survey';
import { isRtl, language } from '../../shared/locale';
import { formatDigits } from '../../shared/locale-format';
import { followUpText, pickText, requestedLocale } from '../../shared/survey-text';
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
      for (const text of [strings.close, strings.send, strings.thanks, ...Object.values(strings.ends).flat()]) expect(text.trim()).not.toBe('');
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
