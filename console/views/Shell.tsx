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
import { ApiFailure, toFailure } from '../api/client';
import { t } from '../i18n/strings';
import { route, setParams } from '../state/route';
import { isAdmin, session, signOut } from '../state/session';
import { VIEWS } from '../state/views';
import { FilterBar } from './FilterBar';
import { LangPicker } from './LangPicker';
import { Nav } from './Nav';
import { type AdminViews, loadAdminViews, SCREENS } from './screens';
import { SitePicker } from './SitePicker';
import { NeedsAdmin } from './admin/NeedsAdmin';

/** The admin views' module, once loaded. */
function useAdminViews(wanted: boolean): { views?: AdminViews; error?: ApiFailure } {
  const [state, setState] = useState<{ views?: AdminViews; error?: ApiFailure }>({});
  useEffect(() => {
    if (!wanted || state.views) return;
    loadAdminViews().then(
      (views) => setState({ views }),
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
  return error ? <ErrorNote error={toFailure(error)} /> : <>{children}</>;
}

export function Shell() {
  const { view, params } = route.value;
  const reader = session.value?.role == 'reader';
  // A read key has one site: keep the URL on it.
  useEffect(() => {
    if (reader && session.value?.site && params.site != session.value.site) setParams({ site: session.value.site });
  }, [reader, params.site]);

  const adminView = VIEWS[view].role == 'admin';
  const screen = SCREENS[view];
  const admin = useAdminViews('admin' in screen && isAdmin.value);
  const Screen: FunctionComponent | undefined = 'component' in screen ? screen.component : admin.views?.[screen.admin];
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
            {Screen && <Screen />}
          </>
        ) : !isAdmin.value ? (
          <NeedsAdmin />
        ) : Screen ? (
          <Screen />
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
