// /jobs/:id/edit — the poster changes a job that is still open, offering or unfilled, in the
// form that posts one (job-form.tsx), filled in from the job. A job that can no longer change
// says so, with the way back.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { loadCategories } from '../categories';
import { Icon } from '../components/Icon';
import { LoadFailed, Loading, Page } from '../components/Page';
import { messageOf } from '../forms/form';
import { useI18n } from '../i18n/context';
import type { Job } from '../jobs';
import { useLoad } from '../load';
import { Link } from '../router';
import type { Profile } from '../types';
import { JobForm } from './job-form';
import { isNotFound, JobNotFound } from './job-parts';

export function JobEditScreen({ id }: { id: number }) {
  const { t } = useI18n();
  // Closed while the poster was changing it (409 "closed"): said out loud when the page switches.
  const [justClosed, setJustClosed] = useState(false);
  const { state, reload, set } = useLoad(
    (signal) => Promise.all([api<Job>('GET', `/jobs/${id}`, { signal }), api<Profile>('GET', '/me/profile', { signal }), loadCategories()]),
    [id],
  );
  const back = { href: `/jobs/${id}`, label: t('jobEdit.back') };

  if (state.status === 'error' && isNotFound(state.error)) return <JobNotFound />;
  if (state.status !== 'ready') {
    return (
      <Page title={t('jobEdit.title')} back={back}>
        {state.status === 'loading' ? <Loading /> : <LoadFailed message={messageOf(state.error, t)} onRetry={reload} />}
      </Page>
    );
  }

  const [job, profile, categories] = state.data;
  if (job.editable !== true) {
    return (
      <Page title={t('jobEdit.title')} back={back} testid="job-edit-page">
        <div class="notice notice--stack" role={justClosed ? 'alert' : undefined} data-testid="job-edit-closed">
          <p class="notice__text">
            <Icon name="alert" />
            <span>{t('jobEdit.closed')}</span>
          </p>
          <Link class="button button--secondary button--wide" href={back.href}>
            <Icon name="back" />
            {back.label}
          </Link>
        </div>
      </Page>
    );
  }
  return (
    <Page title={t('jobEdit.title')} intro={t('jobEdit.intro')} back={back} testid="job-edit-page">
      <JobForm
        job={job}
        addresses={profile.poster?.addresses ?? []}
        categories={categories}
        onJob={(fresh) => set([fresh, profile, categories])}
        onClosed={(fresh) => {
          setJustClosed(true);
          set([{ ...fresh, editable: false }, profile, categories]);
        }}
      />
    </Page>
  );
}
