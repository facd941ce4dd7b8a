/** The console's language: each named in itself. */
import { h } from 'preact';
import { LOCALE_NAMES, LOCALES } from '../../shared/locale';
import { lang, type Lang } from '../i18n/lang';
import { setLang, t } from '../i18n/strings';

export function LangPicker() {
  return (
    <label class="lang">
      <span class="visually-hidden">{t('language')}</span>
      <select value={lang.value} onChange={(e) => void setLang(e.currentTarget.value as Lang)}>
        {LOCALES.map((code) => (
          <option value={code} lang={code}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </select>
    </label>
  );
}
