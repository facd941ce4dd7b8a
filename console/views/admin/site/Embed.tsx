/**
 * What a site owner pastes: the script tag for the site, with optional
 * `data-locale` and `data-touchpoint`, and the `cx('show', …)` line of each
 * survey for manual triggers, each with a copy button.
 */
import { Fragment, h } from 'preact';
import { useState } from 'preact/hooks';
import { CopyButton } from '../../../components/CopyButton';
import { ErrorNote } from '../../../components/ErrorNote';
import { FieldError } from '../../../components/ErrorNote';
import { Progress } from '../../../components/Progress';
import { t } from '../../../i18n/strings';
import { listSurveys } from '../../../api/admin';
import { useMeta } from '../../../state/meta';
import { useResource } from '../../../state/resource';
import { route } from '../../../state/route';
import { LOCALE_NAMES, LOCALES } from '../../../../shared/locale';
import { TOUCHPOINT_PATTERN } from '../../../../shared/schemas/common';
import { embedTag, showLine } from '../../../forms/embed';

export function Embed() {
  const site = route.value.params.site ?? '';
  const meta = useMeta(site);
  const surveys = useResource(site ? `embed ${site}` : null, (signal) => listSurveys(site, signal));
  const [locale, setLocale] = useState('');
  const [touchpoint, setTouchpoint] = useState('');
  const badTouchpoint = touchpoint !== '' && !TOUCHPOINT_PATTERN.test(touchpoint);
  const tag = embedTag(location.origin, site, { locale, touchpoint: badTouchpoint ? undefined : touchpoint });

  return (
    <section class="view" aria-labelledby="view-title">
      <h1 id="view-title">{t('nav.embed')}</h1>
      <p class="lead">{t('embed.lead')}</p>
      <div class="card">
        <div class="control-row">
          <div class="control">
            <label for="embed-locale">{t('embed.locale')}</label>
            <select id="embed-locale" value={locale} onChange={(e) => setLocale(e.currentTarget.value)}>
              <option value="">{t('embed.localeAuto')}</option>
              {LOCALES.map((code) => (
                <option value={code}>
                  {LOCALE_NAMES[code]} ({code})
                </option>
              ))}
            </select>
          </div>
          <div class="control">
            <label for="embed-touchpoint">{t('embed.touchpoint')}</label>
            <input
              id="embed-touchpoint"
              dir="ltr"
              list="embed-touchpoints"
              value={touchpoint}
              spellcheck={false}
              onInput={(e) => setTouchpoint(e.currentTarget.value)}
              aria-invalid={badTouchpoint}
              aria-describedby={badTouchpoint ? 'embed-touchpoint-error' : undefined}
            />
            <datalist id="embed-touchpoints">
              {[...(meta.data?.journey ?? []), ...(meta.data?.touchpoints ?? [])].map((tp) => (
                <option value={tp} />
              ))}
            </datalist>
            <FieldError id="embed-touchpoint-error" message={badTouchpoint ? t('embed.touchpointInvalid') : undefined} />
          </div>
        </div>
        <h2>{t('embed.tag')}</h2>
        {/* Only for a site the admin API knows: nothing to copy for a key from a mistyped or crafted address. */}
        {surveys.data ? (
          <>
            <pre class="snippet" dir="ltr">
              <code data-testid="embed-tag">{tag}</code>
            </pre>
            <CopyButton text={tag} />
          </>
        ) : surveys.error ? (
          <ErrorNote error={surveys.error} />
        ) : (
          <Progress label={t('loading')} />
        )}
      </div>
      <div class="card">
        <h2>{t('embed.manual')}</h2>
        <p class="help">{t('embed.manualHelp')}</p>
        {(surveys.data ?? []).map((survey) => {
          const line = showLine(survey.id, badTouchpoint ? undefined : touchpoint);
          return (
            <div class="snippet-block">
              <h3>
                {survey.name || survey.id} <code class="muted">{survey.id}</code>
                {!survey.active && <span class="status paused">{t('survey.paused')}</span>}
              </h3>
              <pre class="snippet" dir="ltr">
                <code>{line}</code>
              </pre>
              <CopyButton text={line} />
            </div>
          );
        })}
      </div>
    </section>
  );
}
