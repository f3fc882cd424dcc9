import type { PlainKey } from '../i18n';
import { useI18n } from '../i18n/context';
import { Icon, type IconName } from './Icon';

// Informational for now: each role gets its own screens (and links here) in later work.
const ROLES: readonly { id: string; icon: IconName; title: PlainKey; text: PlainKey }[] = [
  { id: 'poster', icon: 'house', title: 'roles.poster.title', text: 'roles.poster.text' },
  { id: 'worker', icon: 'hardhat', title: 'roles.worker.title', text: 'roles.worker.text' },
  { id: 'buddy', icon: 'buddies', title: 'roles.buddy.title', text: 'roles.buddy.text' },
  { id: 'coach', icon: 'clipboard', title: 'roles.coach.title', text: 'roles.coach.text' },
];

export function RoleCards() {
  const { t } = useI18n();
  return (
    <section class="section" aria-labelledby="roles-title">
      <h2 id="roles-title">{t('roles.title')}</h2>
      <ul class="roles" data-testid="role-list">
        {ROLES.map((r) => (
          <li key={r.id} class="role" data-testid="role" data-role={r.id}>
            <span class="role__icon">
              <Icon name={r.icon} />
            </span>
            <div>
              <h3 class="role__title">{t(r.title)}</h3>
              <p class="role__text">{t(r.text)}</p>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
