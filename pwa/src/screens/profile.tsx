// /profile: each part of the profile is its own small form with its own "Opslaan" button, so
// people change one thing at a time and see it saved.
import { api } from '../api';
import { LoadFailed, Loading, Page, StaleNote } from '../components/Page';
import { messageOf } from '../forms/form';
import { useI18n } from '../i18n/context';
import { useLoad } from '../load';
import { useSession } from '../session';
import type { PosterProfile, Profile, User } from '../types';
import { AvailabilitySection, ExceptionsSection } from './profile-availability';
import { FavouritesSection } from './profile-favourites';
import { Addresses, PosterDetails } from './profile-poster';
import { type Save, Section } from './profile-section';
import { BuddyCategoriesSection, LanguagesSection, SkillsView, TravelSection } from './profile-travel-skills';

export function ProfileScreen({ user }: { user: User }) {
  const { t } = useI18n();
  const session = useSession();
  const { state, reload, set } = useLoad((signal) => api<Profile>('GET', '/me/profile', { signal }), [user.id], { userId: user.id, name: 'profile' });

  const save: Save = async (body) => {
    const profile = await api<Profile>('PATCH', '/me/profile', { body });
    set(profile);
    if (profile?.user) session.setUser(profile.user);
  };

  return (
    <Page title={t('profile.title')} testid="profile">
      <StaleNote state={state} testid="profile-stale" />
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <LoadFailed message={messageOf(state.error, t)} onRetry={reload} />}
      {state.status === 'ready' && <ProfileBody profile={state.data} save={save} onChange={set} />}
    </Page>
  );
}

function ProfileBody({ profile, save, onChange }: { profile: Profile; save: Save; onChange: (p: Profile) => void }) {
  const { user } = profile;
  if (user.role === 'worker' && profile.worker) {
    const w = profile.worker;
    return (
      <>
        <AccountCard user={user} />
        <AvailabilitySection role="worker" slots={w.availability} save={save} />
        <ExceptionsSection role="worker" exceptions={w.exceptions} save={save} />
        <TravelSection role="worker" profile={w} save={save} />
        <LanguagesSection role="worker" languages={w.languages} spoken={w.spoken_languages} save={save} />
        <SkillsView worker={w} />
      </>
    );
  }
  if (user.role === 'buddy' && profile.buddy) {
    const b = profile.buddy;
    return (
      <>
        <AccountCard user={user} />
        <AvailabilitySection role="buddy" slots={b.availability} save={save} />
        <ExceptionsSection role="buddy" exceptions={b.exceptions} save={save} />
        <TravelSection role="buddy" profile={b} save={save} />
        <BuddyCategoriesSection buddy={b} save={save} />
        <LanguagesSection role="buddy" languages={null} spoken={b.spoken_languages} save={save} />
      </>
    );
  }
  if (user.role === 'poster' && profile.poster) {
    return (
      <>
        <PosterDetails user={user} poster={profile.poster} save={save} />
        <Addresses
          addresses={profile.poster.addresses}
          onAddresses={(addresses) => onChange({ ...profile, poster: { ...(profile.poster as PosterProfile), addresses } })}
        />
        <FavouritesSection />
      </>
    );
  }
  return <AccountCard user={user} />;
}

/** Who you are; for workers and buddies the coach keeps these. */
function AccountCard({ user }: { user: User }) {
  const { t } = useI18n();
  const rows: [string, string][] = [[t('profile.name'), `${user.first_name} ${user.last_name}`]];
  if (user.phone) rows.push([t('form.phone'), user.phone]);
  if (user.email) rows.push([t('form.email'), user.email]);
  if (user.organisation) rows.push([t('profile.organisation'), user.organisation.name]);
  return (
    <Section id="account" title={t('profile.account')} intro={user.role === 'worker' ? t('profile.accountByCoach') : user.role === 'buddy' ? t('profile.accountByOrg') : undefined}>
      <dl class="facts">
        {rows.map(([k, v]) => (
          <div key={k} class="facts__row">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </Section>
  );
}

