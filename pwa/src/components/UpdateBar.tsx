import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/context';
import { activateUpdate, registerServiceWorker } from '../register-sw';
import { Icon } from './Icon';

/** A quiet bar at the bottom when a new version of the app is ready. Nothing is forced:
 * someone halfway through something can finish first and press Reload later. */
export function UpdateBar() {
  const { t } = useI18n();
  const [waiting, setWaiting] = useState<ServiceWorker | null>(null);

  useEffect(() => registerServiceWorker(setWaiting), []);

  if (!waiting) return null;
  return (
    <div class="update" role="status" data-testid="update-bar">
      <p class="update__text">{t('update.message')}</p>
      <button type="button" class="button button--accent" onClick={() => activateUpdate(waiting)}>
        <Icon name="refresh" />
        {t('update.reload')}
      </button>
    </div>
  );
}
