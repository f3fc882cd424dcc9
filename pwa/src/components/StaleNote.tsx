// The mark on a screen shown from the copy kept on the phone (offline-cache.ts, load.ts): no
// connection, and when the phone last got this, as it may have changed since.
import { dayText, formatTime } from '../format';
import { useI18n } from '../i18n/context';
import { Icon } from './Icon';

/** Nothing unless `state` came from the phone's copy (`stale`: when it was saved). */
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
