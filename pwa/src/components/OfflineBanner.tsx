import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/context';
import { Icon } from './Icon';

function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

/** Says plainly when there is no connection, so a failing screen is not a mystery. */
export function OfflineBanner() {
  const { t } = useI18n();
  const online = useOnline();
  // The (empty) live region is always in the page, so screen readers announce the message
  // when it appears.
  return (
    <div role="status" data-testid="offline-banner">
      {!online && (
        <div class="offline">
          <p class="offline__inner">
            <Icon name="offline" />
            {t('offline.message')}
          </p>
        </div>
      )}
    </div>
  );
}
