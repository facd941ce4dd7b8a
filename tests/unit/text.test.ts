/**
 * shared/text/: the fold (one table for search and themes), and a comment's
 * terms — words folded, lightly stemmed, stop words dropped, two-word
 * phrases — on tables of Persian, Arabic and English spellings.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForSearch, foldText, isSearchable, LETTER_FOLDS, SEARCH_FOLDS, sourcesOf } from '../../shared/text/fold';
import { STOP_WORDS } from '../../shared/text/stopwords';
import { segmentedSpellingsOf, spellingsOf } from '../../shared/text/split';
import { normaliseTerm, termOf, termsOf } from '../../shared/text/words';

describe('the fold table', () => {
  it('maps one character to at most one, and never to a character it maps (so an SQL replace() chain equals it)', () => {
    const sources = new Set(SEARCH_FOLDS.map(([from]) => from));
    for (const [from, to] of SEARCH_FOLDS) {
      expect([...from], from).toHaveLength(1);
      expect([...to].length, from).toBeLessThanOrEqual(1);
      expect(sources.has(to), `${from} → ${to}`).toBe(false);
      expect(/[A-Z]/.test(from) || /[A-Z]/.test(to)).toBe(false);
    }
    expect(sources.size).toBe(SEARCH_FOLDS.length);
  });

  it('folds, character by character, as the table says', () => {
    const rows: [string, string][] = [
      ['پيكي', 'پیکی'], // Arabic yeh and kaf
      ['مصطفى', 'مصطفی'], // alef maksura
      ['پیـــک', 'پیک'], // tatweel
      ['می‌خواستم', 'میخواستم'], // ZWNJ
      ['تأیید', 'تایید'],
      ['إرسال', 'ارسال'],
      ['آرام', 'ارام'],
      ['مسؤول', 'مسوول'],
      ['مسئول', 'مسیول'],
      ['شيء', 'شی'],
      ['شمارۀ', 'شماره'], // ۀ
      ['شماره\u0654', 'شماره'], // the hamza above as a combining mark
      ['الخِدْمَةُ مُمْتَازَةٌ', 'الخدمة ممتازة'],
      ['۱۲۳۴۵۶۷۸۹۰', '1234567890'],
      ['١٢٣٤٥٦٧٨٩٠', '1234567890'],
      ['Late COURIER', 'late courier'],
      ['Çok İyi', 'Çok İyi'.replace(/[A-Z]/g, (c) => c.toLowerCase())], // only ASCII has case here, as in the database
    ];
    for (const [text, folded] of rows) expect(foldText(text), text).toBe(folded);
  });

  it('a search also drops spaces of every kind, so a space, a half-space and none match', () => {
    expect(foldForSearch('ثبت نام')).toBe('ثبتنام');
    expect(foldForSearch('ثبت‌نام')).toBe('ثبتنام');
    expect(foldForSearch('a\u00A0b\tc\nd\re')).toBe('abcde');
  });

  it('a search needs two characters once folded', () => {
    expect(isSearchable('ab')).toBe(true);
    expect(isSearchable('😡😡')).toBe(true);
    for (const q of ['a', ' a ', 'ـ', '\u200C', 'ب\u064E', '٫'.slice(0, 0)]) expect(isSearchable(q), q).toBe(false);
  });

  it('knows where each folded character may have come from', () => {
    expect(sourcesOf('ی').sort()).toEqual(['ی', 'ي', 'ى', 'ئ'].sort());
    expect(sourcesOf('ا').sort()).toEqual(['ا', 'أ', 'إ', 'آ'].sort());
    expect(sourcesOf('1').sort()).toEqual(['1', '۱', '١'].sort());
    expect(sourcesOf('c').sort()).toEqual(['C', 'c']);
    expect(sourcesOf('پ')).toEqual(['پ']);
    // Every folded character's sources fold back to it.
    for (const [, to] of LETTER_FOLDS) if (to) for (const source of sourcesOf(to)) expect(foldText(source)).toBe(to);
  });
});

describe('the terms of a word', () => {
  const table: [written: string, term: string | null][] = [
    // ي/ی, ك/ک, ى
    ['پشتيباني', 'پشتیبانی'],
    ['كيفيت', 'کیفیت'],
    ['مستشفى', 'مستشفی'],
    // ZWNJ and the Persian plurals ها / های / هایی, when three letters remain
    ['پشتیبانی‌ها', 'پشتیبانی'],
    ['پشتیبانیها', 'پشتیبانی'],
    ['کتاب‌های', 'کتاب'],
    ['کتابهایی', 'کتاب'],
    ['تنها', 'تنها'],
    ['رها', 'رها'],
    // tatweel and diacritics
    ['پیـــک', 'پیک'],
    ['مُمْتَاز', 'ممتاز'],
    // ال and its prefixed forms, when three letters remain
    ['الخدمة', 'خدمة'],
    ['والخدمة', 'خدمة'],
    ['بالخدمة', 'خدمة'],
    ['كالخدمة', 'خدمة'],
    ['کالخدمة', 'خدمة'],
    ['فالخدمة', 'خدمة'],
    ['للخدمة', 'خدمة'],
    ['الدعم', 'دعم'],
    ['الگو', 'الگو'],
    // hamza forms
    ['أسعار', 'اسعار'],
    ['الأسعار', 'اسعار'],
    ['تأخير', 'تاخیر'],
    // Persian and Arabic digits
    ['۲۴', '24'],
    ['٢٤', '24'],
    // English: ASCII case, the plural s of four letters or more, not ss
    ['Deliveries', 'deliverie'],
    ['Items', 'item'],
    ['bus', 'bus'],
    ['class', 'class'],
    ['Shipping', 'shipping'],
    // stop words of fa, ar and en, and lone letters: no term
    ['و', null],
    ['از', null],
    ['که', null],
    ['في', null],
    ['على', null],
    ['the', null],
    ['The', null],
    ['x', null],
  ];
  it.each(table)('%s → %s', (written, term) => {
    expect(termOf(written)).toBe(term);
  });

  it('takes its stop words from the package, folded (hundreds, not a hand-typed list)', () => {
    expect(STOP_WORDS.size).toBeGreaterThan(500);
    expect(STOP_WORDS.has('انا')).toBe(true); // أنا in the Arabic list, folded
  });
});

describe('the terms of a comment', () => {
  it('words and two-word phrases, each once, with the first spelling seen', () => {
    expect([...termsOf('پیک خیلی دیر رسید، پيك دیر')]).toEqual([
      ['پیک', 'پیک'],
      ['خیلی', 'خیلی'],
      ['پیک خیلی', 'پیک خیلی'],
      ['دیر', 'دیر'],
      ['خیلی دیر', 'خیلی دیر'],
      ['رسید', 'رسید'],
      ['دیر رسید', 'دیر رسید'],
      ['پیک دیر', 'پيك دیر'],
    ]);
  });

  it('a stop word or a punctuation mark between two words makes no phrase; a half-space is within a word', () => {
    expect([...termsOf('The delivery was late. Support helped')].map(([t]) => t)).toEqual(['delivery', 'late', 'support', 'helped', 'support helped']);
    expect([...termsOf('ثبت‌نام سخت')].map(([t]) => t)).toEqual(['ثبتنام', 'سخت', 'ثبتنام سخت']);
  });

  it('counts scripts with no rule without error: Chinese splits into words, Hebrew by its spaces, emoji are no words', () => {
    const chinese = [...termsOf('快递很慢，客服很好')].map(([t]) => t);
    expect(chinese.length).toBeGreaterThan(1);
    expect(chinese.join('')).not.toMatch(/，/);
    expect([...termsOf('המשלוח איחר')].map(([t]) => t)).toEqual(['המשלוח', 'איחר', 'המשלוח איחר']);
    expect(termsOf('😡'.repeat(2000)).size).toBe(0);
    expect(termsOf('و از به که the of').size).toBe(0);
  });

  it('normalises a term as typed, for the feed: a word or two, not stop words', () => {
    expect(normaliseTerm('پشتيباني‌ها')).toBe('پشتیبانی');
    expect(normaliseTerm('Late Deliveries')).toBe('late deliverie');
    expect(normaliseTerm('پشتیبانی')).toBe('پشتیبانی');
    for (const text of ['و', 'the', 'a b c', '', '😡', 'late, delivery']) expect(normaliseTerm(text), text).toBeNull();
  });
});

describe('splitting words', () => {
  it('gives what Intl.Segmenter gives, on generated text of Persian, Arabic and Latin letters, digits, marks and punctuation', () => {
    // The first alphabet is what the fast split takes; the second adds what must go to Intl.Segmenter.
    const plain = [...'ابپکیيك‌ـَُّٔءأؤئۀ۱١1aZ .,:;!?،؛؟«»"()-…\n\t\u00A0😀', 'سلام', 'don', 'ها', '12'];
    const any = [...plain, ...'\'’_🏽‍️', 'אב', '快递', '\uFEFF', 'é'];
    // Every Arabic-script character of the Basic Multilingual Plane, marks, digits and signs included.
    const arabic = Array.from({ length: 0x10000 }, (_, code) => String.fromCharCode(code)).filter((c) => /\p{Script=Arabic}/u.test(c));
    const arabicText = [...arabic, ...arabic.slice(0, 40).map((c) => `${c}ب`), ' ', '.', '،', '\u200C', 'a', '1', '\u{1EE01}', '\u{10E60}'];
    for (const pieces of [plain, any, arabicText]) {
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
          const text = parts.join('');
          expect(spellingsOf(text), JSON.stringify(text)).toEqual(segmentedSpellingsOf(text));
        }),
        { numRuns: 5000 },
      );
    }
  });
});
