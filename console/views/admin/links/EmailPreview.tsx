/**
 * The email block of a survey as it will look in a mail client, before any
 * link is minted: the Worker renders it (`/preview/email/…`, its own
 * document under its own CSP) and the console frames it, sandboxed (no
 * script, no same-origin, no navigation), in any language the survey
 * speaks and at a desktop mail client's or a phone's width. The console
 * itself still renders no HTML.
 */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import type { SurveyRecord } from '../../../api/admin';
import { segment } from '../../../api/path';
import { displayName, formatNumber } from '../../../i18n/format';
import { t } from '../../../i18n/strings';

/** Widths of the frame: a desktop mail client's reading pane, and a phone. */
const WIDTHS = { desktop: 600, phone: 360 } as const;
type Width = keyof typeof WIDTHS;

export function EmailPreview({ site, survey }: { site: string; survey: SurveyRecord }) {
  // Persian and English always (the product's first languages), then every language the question has.
  const locales = [...new Set(['fa', 'en', ...Object.keys(survey.question)])];
  const [locale, setLocale] = useState(survey.question.fa ? 'fa' : locales.find((l) => survey.question[l]) ?? 'en');
  const [width, setWidth] = useState<Width>('desktop');
  const src = `/preview/email/${segment('site', site)}/${segment('survey', survey.id)}?locale=${encodeURIComponent(locale)}`;
  return (
    <section class="card" aria-labelledby="email-preview-title">
      <h2 id="email-preview-title">{t('links.preview')}</h2>
      <p class="help">{t('links.previewHelp')}</p>
      <div class="control-row">
        <fieldset class="inner">
          <legend>{t('links.locale')}</legend>
          <div class="radios">
            {locales.map((value) => (
              <label class="radio">
                <input type="radio" name="preview-locale" value={value} checked={locale == value} onChange={() => setLocale(value)} />
                {displayName('language', value)}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset class="inner">
          <legend>{t('links.previewWidth')}</legend>
          <div class="radios">
            {(Object.keys(WIDTHS) as Width[]).map((value) => (
              <label class="radio">
                <input type="radio" name="preview-width" value={value} checked={width == value} onChange={() => setWidth(value)} />
                {t(`links.width.${value}`, { px: formatNumber(WIDTHS[value]) })}
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      <iframe
        class="email-preview"
        src={src}
        sandbox=""
        referrerpolicy="no-referrer"
        width={WIDTHS[width]}
        height={width == 'phone' ? 240 : 180}
        title={t('links.previewFrame', { lang: displayName('language', locale) })}
      />
    </section>
  );
}
