/** The console's language: each named in itself. */
import { h } from 'preact';
import { LANGS, lang, type Lang } from '../i18n/lang';
import { setLang, t } from '../i18n/strings';

const NAMES: Record<Lang, string> = { en: 'English', fa: 'فارسی', ar: 'العربية' };

export function LangPicker() {
  return (
    <label class="lang">
      <span class="visually-hidden">{t('language')}</span>
      <select value={lang.value} onChange={(e) => void setLang(e.currentTarget.value as Lang)}>
        {LANGS.map((code) => (
          <option value={code} lang={code}>
            {NAMES[code]}
          </option>
        ))}
      </select>
    </label>
  );
}
