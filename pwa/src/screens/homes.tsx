// Signed in: each role's home is a chunk of its own (issue 14), so a worker's phone loads the
// worker's home only. The few parts every home shares live here.
import { Icon } from '../components/Icon';
import { useI18n } from '../i18n/context';
import { lazy } from '../lazy';
import { Link } from '../router';
import type { User } from '../types';

const WorkerHome = lazy(() => import('./home-worker').then((m) => m.WorkerHome), 'first');
const BuddyHome = lazy(() => import('./home-buddy').then((m) => m.BuddyHome), 'first');
const PosterHome = lazy(() => import('./home-poster').then((m) => m.PosterHome), 'more');
const CoachHome = lazy(() => import('./home-coach').then((m) => m.CoachHome), 'staff');
const AdminHome = lazy(() => import('./home-admin').then((m) => m.AdminHome), 'staff');

const HOMES = { worker: WorkerHome, buddy: BuddyHome, poster: PosterHome, coordinator: CoachHome, admin: AdminHome };

/** Fetches a role's home while the catalogue and the session load (main.tsx): the chunk is
 * there when the session says who is signed in, one round trip sooner. */
export function preloadHome(role: User['role']): void {
  HOMES[role].preload();
}

export function Home({ user }: { user: User }) {
  switch (user.role) {
    case 'worker':
      return <WorkerHome user={user} />;
    case 'buddy':
      return <BuddyHome user={user} />;
    case 'poster':
      return <PosterHome user={user} />;
    case 'coordinator':
      return <CoachHome user={user} />;
    case 'admin':
      return <AdminHome user={user} />;
  }
}

export function Greeting({ user }: { user: User }) {
  const { t } = useI18n();
  return (
    <h1 class="page__title" tabIndex={-1} data-testid="greeting">
      {t('homes.hello', { name: user.first_name })}
    </h1>
  );
}

export function ProfileLink({ label }: { label: string }) {
  return (
    <Link class="button button--secondary button--wide" href="/profile" data-testid="home-profile">
      <Icon name="user" />
      {label}
    </Link>
  );
}
