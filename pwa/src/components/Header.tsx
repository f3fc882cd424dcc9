import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../forms/form';
import { LANGUAGES, type PlainKey } from '../i18n';
import { useI18n } from '../i18n/context';
import { Link, useRouter } from '../router';
import { useOptionalSession, wasSignedInHere } from '../session';
import type { Role, User } from '../types';
import { ConnectionStatus } from './ConnectionStatus';
import { Icon, type IconName } from './Icon';
import { FollowUpBadge, UnreadBadge, useUnreadNews } from './NewsUnread';

export function Header() {
  const { t } = useI18n();
  const session = useOptionalSession();
  const user = session?.user ?? null;
  return (
    <header class="header">
      <div class="header__inner">
        <Link class="brand" href="/">
          {/* Decorative: the name beside it says the same. */}
          <img class="brand__logo" src="/icons/logo-inverse.svg" alt="" width="36" height="36" />
          <span class="brand__name">{t('app.name')}</span>
        </Link>
        <LanguageSwitcher />
      </div>
      {user && <UserNav user={user} />}
      {!user && session?.state.status === 'loading' && wasSignedInHere() && <div class="usernav usernav--pending" aria-hidden="true" />}
    </header>
  );
}

type NavItem = { href: string; label: PlainKey; icon: IconName; roles?: readonly Role[] };

const NAV: readonly NavItem[] = [
  { href: '/', label: 'nav.home', icon: 'house' },
  { href: '/berichten', label: 'news.nav', icon: 'bell' },
  { href: '/uren', label: 'worked.nav', icon: 'clock', roles: ['worker'] },
  { href: '/vrijwilligersuren', label: 'volunteer.nav', icon: 'clock', roles: ['buddy'] },
  { href: '/coach/people', label: 'nav.people', icon: 'buddies', roles: ['coordinator'] },
  { href: '/coach/jobs', label: 'board.nav', icon: 'clipboard', roles: ['coordinator'] },
  { href: '/coach/safety', label: 'safety.nav', icon: 'shield', roles: ['coordinator'] },
  { href: '/coach/follow-up', label: 'followUp.nav', icon: 'phone', roles: ['coordinator'] },
  { href: '/admin', label: 'nav.admin', icon: 'building', roles: ['admin'] },
  { href: '/admin/categories', label: 'adminCategories.nav', icon: 'euro', roles: ['admin'] },
  { href: '/profile', label: 'nav.profile', icon: 'user' },
  { href: '/devices', label: 'nav.devices', icon: 'phone' },
];

/** Signed in: the first name and the menu. On a phone the menu folds open under the header;
 * on a wide screen its links are always shown. */
function UserNav({ user }: { user: User }) {
  const { t } = useI18n();
  const { path, navigate } = useRouter();
  const session = useOptionalSession();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const unread = useUnreadNews(user.id);

  // A new page closes the menu.
  const [menuPath, setMenuPath] = useState(path);
  if (menuPath !== path) {
    setMenuPath(path);
    setOpen(false);
  }

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        document.getElementById('menu-button')?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  const items = NAV.filter((i) => !i.roles || i.roles.includes(user.role));
  const under = (href: string) => path === href || path.startsWith(`${href}/`);
  // The most precise item only: on /admin/categories that is not /admin as well.
  const current = (href: string) =>
    href === '/' ? path === '/' : under(href) && !items.some((o) => o.href.length > href.length && o.href.startsWith(href) && under(o.href));

  const logout = async () => {
    setError(null);
    try {
      await session?.signOut();
      navigate('/', { replace: true });
    } catch (err) {
      setError(messageOf(err, t));
    }
  };

  return (
    <div class="usernav">
      <div class="usernav__bar">
        {/* The connection sits under the name: the name keeps the width on a small phone. */}
        <div class="usernav__who">
          <p class="usernav__name" data-testid="user-name">
            <Icon name="user" />
            <span>{user.first_name}</span>
          </p>
          <ConnectionStatus userId={user.id} />
        </div>
        <button
          type="button"
          id="menu-button"
          class="usernav__toggle"
          aria-expanded={open}
          aria-controls="main-menu"
          data-testid="menu-button"
          onClick={() => setOpen((o) => !o)}
        >
          <Icon name={open ? 'close' : 'menu'} />
          {t('nav.menu')}
          <UnreadBadge count={unread} testid="menu-unread" />
        </button>
      </div>
      <nav id="main-menu" class={open ? 'usernav__panel is-open' : 'usernav__panel'} aria-label={t('nav.label')}>
        <ul class="usernav__list">
          {items.map((i) => (
            <li key={i.href}>
              <Link
                class="usernav__link"
                href={i.href}
                aria-current={current(i.href) ? 'page' : undefined}
                data-testid={`nav-${i.href === '/' ? 'home' : i.href.split('/').pop()}`}
              >
                <Icon name={i.icon} />
                {t(i.label)}
                {i.href === '/berichten' && <UnreadBadge count={unread} testid="news-unread" />}
                {i.href === '/coach/follow-up' && <FollowUpBadge testid="menu-follow-up-count" />}
              </Link>
            </li>
          ))}
          <li>
            <button type="button" class="usernav__link usernav__logout" data-testid="logout" onClick={logout}>
              <Icon name="signOut" />
              {t('nav.logout')}
            </button>
          </li>
        </ul>
        {error && (
          <p class="usernav__error" role="alert">
            {error}
          </p>
        )}
      </nav>
    </div>
  );
}

/** NL / FR / EN / TR / AR, each named in its own language so that everyone can find theirs. The name
 * also holds the visible "NL" (WCAG 2.5.3 label in name: voice control users say "NL"); axe
 * checks this and ignores text in parentheses, hence "Nederlands, NL". Signed in, the account
 * language changes too, so that messages from the server follow. */
export function LanguageSwitcher() {
  const { lang, setLang, t } = useI18n();
  const session = useOptionalSession();
  return (
    <div class="lang-switch" role="group" aria-label={t('lang.choose')}>
      {LANGUAGES.map((l) => (
        <button
          key={l.code}
          type="button"
          class="lang-switch__button"
          lang={l.code}
          aria-label={`${l.name}, ${l.short}`}
          aria-pressed={l.code === lang}
          data-testid={`lang-${l.code}`}
          onClick={() => (session ? session.changeLanguage(l.code) : setLang(l.code))}
        >
          {l.short}
        </button>
      ))}
    </div>
  );
}
