import type { ComponentChildren } from 'preact';
import { dayText, formatTime } from '../format';
import { useI18n } from '../i18n/context';
import { Link } from '../router';
import { Icon } from './Icon';

/** The frame of every screen: an optional way back, one h1 (focused after navigation), an
 * optional short intro. */
export function Page({
  title,
  intro,
  back,
  testid,
  children,
}: {
  title: ComponentChildren;
  intro?: ComponentChildren;
  back?: { href: string; label: string } | undefined;
  testid?: string | undefined;
  children?: ComponentChildren;
}) {
  return (
    <div class="page" data-testid={testid}>
      {back && (
        <Link class="back-link" href={back.href}>
          <Icon name="back" />
          {back.label}
        </Link>
      )}
      <h1 class="page__title" tabIndex={-1}>
        {title}
      </h1>
      {intro && <p class="page__intro">{intro}</p>}
      {children}
    </div>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <p class="notice" role="status" data-testid="loading">
      <span class="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}

/** Loading a list: grey rows that hold the list's room, so nothing below jumps when it comes
 * (no layout shift, issue 14). Screen readers hear "Laden…" as with Loading. */
export function SkeletonRows({ rows = 1 }: { rows?: number }) {
  const { t } = useI18n();
  return (
    <div class="skeleton" data-testid="loading">
      <p class="visually-hidden" role="status">
        {t('common.loading')}
      </p>
      <ul class="skeleton__rows" aria-hidden="true">
        {Array.from({ length: rows }, (_, i) => (
          <li key={i} class="skeleton__row" />
        ))}
      </ul>
    </div>
  );
}

export function LoadFailed({ message, onRetry }: { message: string; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <div class="notice notice--error" role="alert" data-testid="load-error">
      <p class="notice__text">
        <Icon name="alert" />
        <span>{message}</span>
      </p>
      <button type="button" class="button" onClick={onRetry}>
        <Icon name="refresh" />
        {t('common.retry')}
      </button>
    </div>
  );
}

export function StatusBadge({ status }: { status: 'invited' | 'active' }) {
  const { t } = useI18n();
  return (
    <span class={`badge badge--${status}`} data-testid="status" data-status={status}>
      {status === 'active' ? <Icon name="check" /> : <Icon name="mail" />}
      {t(status === 'active' ? 'people.status.active' : 'people.status.invited')}
    </span>
  );
}

/** A calm "nothing here yet" box. */
export function Empty({ icon = 'inbox', children, testid }: { icon?: Parameters<typeof Icon>[0]['name']; children: ComponentChildren; testid?: string }) {
  return (
    <div class="empty" data-testid={testid}>
      <span class="empty__icon">
        <Icon name={icon} />
      </span>
      <p>{children}</p>
    </div>
  );
}

/** The mark on a screen shown from the copy kept on the phone (offline-cache.ts, load.ts): no
 * connection, and when the phone last got this, as it may have changed since. Nothing unless
 * `state` came from that copy (`stale`: when it was saved). */
export function StaleNote({ state, testid }: { state: { status: string; stale?: number }; testid: string }) {
  const { t, lang } = useI18n();
  if (state.status !== 'ready' || state.stale === undefined) return null;
  const saved = new Date(state.stale);
  return (
    <p class="stale" role="status" data-testid={testid}>
      <Icon name="offline" />
      <span>{t('day.stale', { when: `${dayText(saved, lang, t, Date.now())} ${formatTime(saved, lang)}` })}</span>
    </p>
  );
}
