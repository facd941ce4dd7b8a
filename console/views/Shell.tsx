/**
 * The signed-in frame: header (who is signed in, site, language, sign out),
 * navigation, and the view the URL names. Analyst views for everyone; the
 * other views for those whose role or scope allows them (loaded on first
 * use), and a clear message instead of them for anyone else.
 */
import { type ComponentChildren, Fragment, h, type FunctionComponent } from 'preact';
import { useEffect, useErrorBoundary, useState } from 'preact/hooks';
import { ErrorNote } from '../components/ErrorNote';
import { Progress } from '../components/Progress';
import { ApiFailure, toFailure } from '../api/client';
import { t } from '../i18n/strings';
import { route, setParams } from '../state/route';
import { may, onlySite, session, signOut } from '../state/session';
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
  const single = onlySite.value;
  // A read key (or a member of one site) has one site: keep the URL on it.
  useEffect(() => {
    if (single && params.site != single) setParams({ site: single });
  }, [single, params.site]);

  const needs = VIEWS[view].needs;
  const allowed = may(needs);
  const screen = SCREENS[view];
  const admin = useAdminViews('admin' in screen && allowed);
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
          <SignedInAs />
          <LangPicker />
          <button type="button" class="secondary" onClick={() => signOut()}>
            {t('signout')}
          </button>
        </div>
      </header>
      <Nav />
      <main id="main" tabIndex={-1}>
        <Guarded view={view}>
        {!allowed ? (
          <NeedsAdmin />
        ) : needs == 'read' ? (
          <>
            <FilterBar />
            {Screen && <Screen />}
          </>
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

/** "Signed in as ana@example.com · analyst" for a member; the kind of token otherwise. */
function SignedInAs() {
  const who = session.value?.who;
  if (!who) return null;
  const text =
    who.role == 'member'
      ? t('session.member', { email: who.email, role: t(`roles.${who.member_role}`) })
      : who.role == 'api_key'
        ? t('session.apiKey', { prefix: who.prefix })
        : who.role == 'admin'
          ? t('role.admin')
          : t('role.reader');
  return (
    <span class="role" data-testid="signed-in-as" dir="auto">
      {text}
    </span>
  );
}
