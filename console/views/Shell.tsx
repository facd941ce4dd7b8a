/**
 * The signed-in frame: header (site, language, sign out), navigation, and
 * the view the URL names. Analyst views for everyone; admin views for the
 * admin token, and a clear message instead of them for a read key.
 */
import { Fragment, h } from 'preact';
import { useEffect } from 'preact/hooks';
import { t } from '../i18n/strings';
import { ADMIN_VIEWS, route, setParams, type View } from '../state/route';
import { isAdmin, session, signOut } from '../state/session';
import { LangPicker } from './LangPicker';
import { Nav } from './Nav';
import { SitePicker } from './SitePicker';
import { Breakdowns } from './Breakdowns';
import { Comments } from './Comments';
import { Export } from './Export';
import { Journey } from './Journey';
import { Scores } from './Scores';
import { FilterBar } from './FilterBar';
import { NeedsAdmin } from './admin/NeedsAdmin';
import { Sites } from './admin/Sites';
import { SiteSettings } from './admin/SiteSettings';
import { Surveys } from './admin/Surveys';
import { SurveyEditor } from './admin/SurveyEditor';
import { Embed } from './admin/Embed';

const ANALYST: Partial<Record<View, () => h.JSX.Element>> = {
  scores: Scores,
  journey: Journey,
  breakdowns: Breakdowns,
  comments: Comments,
  export: Export,
};

const ADMIN: Partial<Record<View, () => h.JSX.Element>> = {
  sites: Sites,
  site: SiteSettings,
  surveys: Surveys,
  survey: SurveyEditor,
  embed: Embed,
};

export function Shell() {
  const { view, params } = route.value;
  const reader = session.value?.role == 'reader';
  // A read key has one site: keep the URL on it.
  useEffect(() => {
    if (reader && session.value?.site && params.site != session.value.site) setParams({ site: session.value.site });
  }, [reader, params.site]);

  const adminView = (ADMIN_VIEWS as readonly string[]).includes(view);
  const Analyst = ANALYST[view];
  const Admin = ADMIN[view];
  return (
    <div class="shell">
      <a class="skip" href="#main">
        {t('skip')}
      </a>
      <header class="top">
        <p class="brand">{t('brand')}</p>
        <SitePicker />
        <div class="top-end">
          <span class="role">{isAdmin.value ? t('role.admin') : t('role.reader')}</span>
          <LangPicker />
          <button type="button" class="secondary" onClick={() => signOut()}>
            {t('signout')}
          </button>
        </div>
      </header>
      <Nav />
      <main id="main" tabIndex={-1}>
        {adminView ? (
          isAdmin.value && Admin ? <Admin /> : <NeedsAdmin />
        ) : (
          <>
            <FilterBar />
            {Analyst && <Analyst />}
          </>
        )}
      </main>
    </div>
  );
}
