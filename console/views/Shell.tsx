/**
 * The signed-in frame: header (site, language, sign out), navigation, and
 * the view the URL names. Analyst views for everyone; admin views for the
 * admin token (loaded on first use), and a clear message instead of them for
 * a read key.
 */
import { type ComponentChildren, Fragment, h, type FunctionComponent } from 'preact';
import { useEffect, useErrorBoundary, useState } from 'preact/hooks';
import { ErrorNote } from '../components/ErrorNote';
import { Progress } from '../components/Progress';
import { ApiFailure } from '../api/client';
import { t } from '../i18n/strings';
import { ADMIN_VIEWS, route, setParams, type View } from '../state/route';
import { isAdmin, session, signOut } from '../state/session';
import { Breakdowns } from './Breakdowns';
import { Comments } from './Comments';
import { Export } from './Export';
import { FilterBar } from './FilterBar';
import { Journey } from './Journey';
import { LangPicker } from './LangPicker';
import { Nav } from './Nav';
import { Scores } from './Scores';
import { SitePicker } from './SitePicker';
import { Themes } from './Themes';
import { NeedsAdmin } from './admin/NeedsAdmin';

const ANALYST: Partial<Record<View, FunctionComponent>> = {
  scores: Scores,
  journey: Journey,
  breakdowns: Breakdowns,
  themes: Themes,
  comments: Comments,
  export: Export,
};

/** The admin views' module, once loaded. */
function useAdminViews(wanted: boolean): { views?: Record<string, FunctionComponent>; error?: ApiFailure } {
  const [state, setState] = useState<{ views?: Record<string, FunctionComponent>; error?: ApiFailure }>({});
  useEffect(() => {
    if (!wanted || state.views) return;
    import('./admin/index').then(
      (module) => setState({ views: module.ADMIN_VIEWS }),
      () => setState({ error: new ApiFailure(0, 'network', 'the admin views could not be loaded') }),
    );
  }, [wanted]);
  return state;
}

/**
 * A view that throws shows what went wrong instead of a blank page, and the
 * rest of the console (navigation, sign out) keeps working; the next view
 * starts afresh.
 */
function Guarded({ view, children }: { view: string; children: ComponentChildren }) {
  const [error, reset] = useErrorBoundary();
  useEffect(() => reset(), [view]);
  return error ? <ErrorNote error={new ApiFailure(0, 'client', String(error))} /> : <>{children}</>;
}

export function Shell() {
  const { view, params } = route.value;
  const reader = session.value?.role == 'reader';
  // A read key has one site: keep the URL on it.
  useEffect(() => {
    if (reader && session.value?.site && params.site != session.value.site) setParams({ site: session.value.site });
  }, [reader, params.site]);

  const adminView = (ADMIN_VIEWS as readonly string[]).includes(view);
  const admin = useAdminViews(adminView && isAdmin.value);
  const Analyst = ANALYST[view];
  const Admin = admin.views?.[view];
  return (
    <div class="shell">
      {/* Not a link the router reads: moving focus must not change the view or its filters. */}
      <a
        class="skip"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
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
        <Guarded view={view}>
        {!adminView ? (
          <>
            <FilterBar />
            {Analyst && <Analyst />}
          </>
        ) : !isAdmin.value ? (
          <NeedsAdmin />
        ) : Admin ? (
          <Admin />
        ) : admin.error ? (
          <ErrorNote error={admin.error} />
        ) : (
          <Progress label={t('loading')} />
        )}
        </Guarded>
      </main>
    </div>
  );
}
