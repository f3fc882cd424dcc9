import { useEffect, useRef } from 'preact/hooks';
import { Header } from './components/Header';
import { Icon } from './components/Icon';
import { OfflineBanner } from './components/OfflineBanner';
import { Loading, Page } from './components/Page';
import { UpdateBar } from './components/UpdateBar';
import type { Lang } from './i18n';
import { I18nProvider, useI18n } from './i18n/context';
import { refreshNews } from './live';
import { listenForOpen } from './register-sw';
import { lazy } from './lazy';
import { isCurrent, Link, matchPath, Redirect, RouterProvider, safeNext, useRouter } from './router';
import { Home } from './screens/homes';
import { isMonth } from './month';
import { SessionProvider, useSession } from './session';
import type { JSX } from 'preact';
import type { Role, User } from './types';

// Every screen is a chunk of its own, loaded when first shown (issue 14): the landing page,
// sign-in and the worker's and buddy's screens carry no coordinator or admin code, nor the QR
// library. The service worker precaches all chunks, so offline still works.
const AdminScreen = lazy(() => import('./screens/admin').then((m) => m.AdminScreen), 'staff');
const AdminCategoriesScreen = lazy(() => import('./screens/admin-categories').then((m) => m.AdminCategoriesScreen), 'staff');
const AuditScreen = lazy(() => import('./screens/audit').then((m) => m.AuditScreen), 'staff');
const BoardScreen = lazy(() => import('./screens/board').then((m) => m.BoardScreen), 'staff');
const CoachHoursScreen = lazy(() => import('./screens/coach-hours').then((m) => m.CoachHoursScreen), 'staff');
const ImpactScreen = lazy(() => import('./screens/impact').then((m) => m.ImpactScreen), 'staff');
const FollowUpScreen = lazy(() => import('./screens/follow-up').then((m) => m.FollowUpScreen), 'staff');
const CoachPhonedScreen = lazy(() => import('./screens/coach-phoned').then((m) => m.CoachPhonedScreen), 'staff');
const CoachJobScreen = lazy(() => import('./screens/coach-job').then((m) => m.CoachJobScreen), 'staff');
const SafetyScreen = lazy(() => import('./screens/safety').then((m) => m.SafetyScreen), 'staff');
const NewPersonScreen = lazy(() => import('./screens/people').then((m) => m.NewPersonScreen), 'staff');
const PeopleScreen = lazy(() => import('./screens/people').then((m) => m.PeopleScreen), 'staff');
const CoachPosterScreen = lazy(() => import('./screens/coach-poster').then((m) => m.CoachPosterScreen), 'staff');
const PersonScreen = lazy(() => import('./screens/person').then((m) => m.PersonScreen), 'staff');
const DevicesScreen = lazy(() => import('./screens/devices').then((m) => m.DevicesScreen), 'more');
const ExportsScreen = lazy(() => import('./screens/exports').then((m) => m.ExportsScreen), 'staff');
const Landing = lazy(() => import('./screens/home').then((m) => m.Landing), 'first');
const InviteScreen = lazy(() => import('./screens/invite').then((m) => m.InviteScreen), 'more');
const JobEditScreen = lazy(() => import('./screens/job-edit').then((m) => m.JobEditScreen), 'more');
const NewJobScreen = lazy(() => import('./screens/job-new').then((m) => m.NewJobScreen), 'more');
const JobScreen = lazy(() => import('./screens/job-page').then((m) => m.JobScreen), 'more');
const LoginScreen = lazy(() => import('./screens/login').then((m) => m.LoginScreen), 'first');
const MyHoursScreen = lazy(() => import('./screens/my-hours').then((m) => m.MyHoursScreen), 'more');
const VolunteerHoursScreen = lazy(() => import('./screens/my-hours').then((m) => m.VolunteerHoursScreen), 'more');
const NewsScreen = lazy(() => import('./screens/news').then((m) => m.NewsScreen), 'more');
const ProfileScreen = lazy(() => import('./screens/profile').then((m) => m.ProfileScreen), 'more');
const SignupScreen = lazy(() => import('./screens/signup').then((m) => m.SignupScreen), 'more');
const MonthStatementScreen = lazy(() => import('./screens/statement').then((m) => m.MonthStatementScreen), 'more');
const StatementsScreen = lazy(() => import('./screens/statement').then((m) => m.StatementsScreen), 'more');

export function App({ lang }: { lang: Lang }) {
  return (
    <I18nProvider initial={lang}>
      <RouterProvider>
        <SessionProvider>
          <Shell />
        </SessionProvider>
      </RouterProvider>
    </I18nProvider>
  );
}

function Shell() {
  const { t } = useI18n();
  const { path, navigate } = useRouter();
  const first = useRef(true);

  // A notification tapped while this window is open (sw.ts): route here rather than have the
  // worker navigate, which reloads the page and loses a half-filled form. Already there: only
  // fresh news, nothing on screen is replaced.
  useEffect(() => listenForOpen((to) => (isCurrent(to) ? refreshNews() : navigate(to))), [navigate]);

  // After moving to another screen, put focus on its title: screen readers announce the new
  // page, and keyboard users start from the top of it.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const target = document.querySelector<HTMLElement>('#main h1') ?? document.getElementById('main');
    target?.focus();
  }, [path]);

  return (
    <>
      <a class="skip-link" href="#main">
        {t('a11y.skipToContent')}
      </a>
      <Header />
      <OfflineBanner />
      <main id="main" class="main" tabIndex={-1}>
        <Routes />
      </main>
      <footer class="footer">
        <p>{t('footer.text')}</p>
      </footer>
      <UpdateBar />
    </>
  );
}

function Routes() {
  const { t } = useI18n();
  const { path, query } = useRouter();
  const session = useSession();

  // The invite link works whoever is (or is not) signed in on this phone.
  if (path === '/invite') return <InviteScreen />;

  if (session.state.status === 'loading') return <Loading />;
  if (session.state.status === 'error') {
    return (
      <Page title={t('session.errorTitle')}>
        <div class="notice notice--error" role="alert" data-testid="session-error">
          <p class="notice__text">
            <Icon name="alert" />
            <span>{t('session.error')}</span>
          </p>
          <button type="button" class="button" onClick={session.retry}>
            <Icon name="refresh" />
            {t('common.retry')}
          </button>
        </div>
      </Page>
    );
  }
  const user = session.user;
  const here = path + (query.toString() ? `?${query.toString()}` : '');

  const signedIn = (roles: readonly Role[] | null, screen: (user: User) => JSX.Element) => {
    if (!user) return <Redirect to={`/login?next=${encodeURIComponent(here)}`} />;
    if (roles && !roles.includes(user.role)) return <Forbidden />;
    return screen(user);
  };

  switch (path) {
    case '/':
      return user ? <Home user={user} /> : <Landing />;
    case '/login':
      return user ? <Redirect to={safeNext(query.get('next'))} /> : <LoginScreen />;
    case '/signup':
      return user ? <Redirect to="/" /> : <SignupScreen />;
    case '/profile':
      return signedIn(null, (u) => <ProfileScreen user={u} />);
    case '/berichten':
      return signedIn(null, (u) => <NewsScreen user={u} />);
    case '/devices':
      return signedIn(null, () => <DevicesScreen />);
    case '/admin':
      return signedIn(['admin'], () => <AdminScreen />);
    case '/coach/people':
      return signedIn(['coordinator'], () => <PeopleScreen />);
    case '/coach/people/new':
      return signedIn(['coordinator'], () => <NewPersonScreen />);
    case '/admin/categories':
      return signedIn(['admin'], () => <AdminCategoriesScreen />);
    case '/coach/jobs':
      return signedIn(['coordinator'], (u) => <BoardScreen user={u} />);
    case '/coach/safety':
      return signedIn(['coordinator'], (u) => <SafetyScreen user={u} />);
    case '/coach/follow-up':
      return signedIn(['coordinator'], (u) => <FollowUpScreen user={u} />);
    case '/jobs/new':
      return signedIn(['poster'], () => <NewJobScreen />);
    case '/uren':
      return signedIn(['worker'], () => <MyHoursScreen />);
    case '/vrijwilligersuren':
      return signedIn(['buddy'], () => <VolunteerHoursScreen />);
    case '/coach/hours':
      return signedIn(['coordinator'], () => <CoachHoursScreen />);
    case '/coach/impact':
      return signedIn(['coordinator'], () => <ImpactScreen />);
    case '/coach/phoned':
      return signedIn(['coordinator'], () => <CoachPhonedScreen />);
    case '/coach/audit':
      return signedIn(['coordinator'], () => <AuditScreen scope="org" />);
    case '/admin/audit':
      return signedIn(['admin'], () => <AuditScreen scope="admin" />);
    case '/coach/exports':
      return signedIn(['coordinator'], () => <ExportsScreen scope="org" />);
    case '/admin/exports':
      return signedIn(['admin'], () => <ExportsScreen scope="admin" />);
    case '/afrekeningen':
      return signedIn(['poster'], () => <StatementsScreen />);
  }
  const statement = matchPath('/afrekening/:month', path);
  if (statement?.month && isMonth(statement.month)) {
    const month = statement.month;
    return signedIn(['poster'], () => <MonthStatementScreen key={month} month={month} />);
  }
  const jobEdit = matchPath('/jobs/:id/edit', path);
  if (jobEdit?.id && /^\d+$/.test(jobEdit.id)) {
    const id = Number(jobEdit.id);
    return signedIn(['poster'], () => <JobEditScreen key={id} id={id} />);
  }
  const job = matchPath('/jobs/:id', path);
  if (job?.id && /^\d+$/.test(job.id)) {
    const id = Number(job.id);
    return signedIn(['poster'], (u) => <JobScreen key={id} id={id} userId={u.id} />);
  }
  const boardJob = matchPath('/coach/jobs/:id', path);
  if (boardJob?.id && /^\d+$/.test(boardJob.id)) {
    const id = Number(boardJob.id);
    return signedIn(['coordinator'], (u) => <CoachJobScreen key={id} id={id} userId={u.id} />);
  }
  const poster = matchPath('/coach/posters/:id', path);
  if (poster?.id && /^\d+$/.test(poster.id)) {
    const id = Number(poster.id);
    return signedIn(['coordinator'], () => <CoachPosterScreen id={id} />);
  }
  const person = matchPath('/coach/people/:id', path);
  if (person?.id && /^\d+$/.test(person.id)) {
    const id = Number(person.id);
    return signedIn(['coordinator'], () => <PersonScreen id={id} />);
  }
  return <NotFound />;
}

function NotFound() {
  const { t } = useI18n();
  return (
    <Page title={t('notFound.title')} intro={t('notFound.text')} testid="not-found">
      <Link class="button" href="/">
        <Icon name="house" />
        {t('nav.toHome')}
      </Link>
    </Page>
  );
}

function Forbidden() {
  const { t } = useI18n();
  return (
    <Page title={t('forbidden.title')} intro={t('forbidden.text')} testid="forbidden">
      <Link class="button" href="/">
        <Icon name="house" />
        {t('nav.toHome')}
      </Link>
    </Page>
  );
}
