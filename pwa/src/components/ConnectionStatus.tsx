// "Live", "Verbinden…" or "Offline" in the header, for a signed-in user: whether new offers
// reach this screen by themselves right now. Small on purpose; the offline banner under the
// header already explains a lost network in a sentence.
import { useEffect, useState } from 'preact/hooks';
import type { PlainKey } from '../i18n';
import { useI18n } from '../i18n/context';
import { type ConnectionState, useConnection } from '../live';
import { Icon, type IconName } from './Icon';

const LOOK: Record<ConnectionState, { icon: IconName; label: PlainKey }> = {
  live: { icon: 'signal', label: 'connection.live' },
  connecting: { icon: 'refresh', label: 'connection.connecting' },
  offline: { icon: 'offline', label: 'connection.offline' },
};

/** A drop that heals within this long (a server restart, a phone waking up) is not shown, so
 * that the word and screen readers do not flicker; getting live again shows at once. */
export const SETTLE_MS = 3_000;

function useSettled(state: ConnectionState): ConnectionState {
  const [shown, setShown] = useState(state);
  useEffect(() => {
    if (state === 'live') {
      setShown(state);
      return;
    }
    const id = setTimeout(() => setShown(state), SETTLE_MS);
    return () => clearTimeout(id);
  }, [state]);
  return shown;
}

export function ConnectionStatus({ userId }: { userId: number }) {
  const { t } = useI18n();
  const state = useSettled(useConnection(userId));
  const look = LOOK[state];
  return (
    <div class={`conn conn--${state}`} role="status" data-testid="connection" data-state={state}>
      <Icon name={look.icon} />
      <span class="visually-hidden">{t('connection.label')} </span>
      <span class="conn__word">{t(look.label)}</span>
    </div>
  );
}
