// /jobs/new: post a job on one short screen, with the price before posting (job-form.tsx).
import { api } from '../api';
import { loadCategories } from '../categories';
import { LoadFailed, Loading, Page } from '../components/Page';
import { messageOf } from '../forms/form';
import { useI18n } from '../i18n/context';
import { useLoad } from '../load';
import type { Profile } from '../types';
import { JobForm } from './job-form';

export function NewJobScreen() {
  const { t } = useI18n();
  const { state, reload } = useLoad(
    (signal) => Promise.all([api<Profile>('GET', '/me/profile', { signal }), loadCategories()]),
    [],
  );
  return (
    <Page title={t('newJob.title')} intro={t('newJob.intro')} back={{ href: '/', label: t('job.back') }} testid="new-job">
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <LoadFailed message={messageOf(state.error, t)} onRetry={reload} />}
      {state.status === 'ready' && <JobForm addresses={state.data[0].poster?.addresses ?? []} categories={state.data[1]} />}
    </Page>
  );
}
