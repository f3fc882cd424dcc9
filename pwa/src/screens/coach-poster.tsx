// /coach/posters/:id: what the coordinator's own people said about a poster's jobs, and what
// the poster said about them (issue 12). For the coordinator only.
import { Icon } from '../components/Icon';
import { LoadFailed, Loading, Page } from '../components/Page';
import { fetchPosterFeedbackForCoach } from '../feedback';
import { messageOf } from '../forms/form';
import { useI18n } from '../i18n/context';
import { useLoad } from '../load';
import { FeedbackListsView } from './feedback-parts';

export function CoachPosterScreen({ id }: { id: number }) {
  const { t } = useI18n();
  const { state, reload } = useLoad((signal) => fetchPosterFeedbackForCoach(id, signal), [id]);
  const name =
    state.status === 'ready' ? (state.data.received[0]?.about.name ?? state.data.given[0]?.from.name ?? t('feedback.coach.posterTitle')) : t('feedback.coach.posterTitle');
  return (
    <Page title={name} back={{ href: '/coach/people', label: t('people.backToList') }} testid="coach-poster">
      <p class="job-line">
        <Icon name="shield" />
        <span>{t('feedback.coach.private')}</span>
      </p>
      {state.status === 'loading' ? (
        <Loading />
      ) : state.status === 'error' ? (
        <LoadFailed message={messageOf(state.error, t)} onRetry={reload} />
      ) : (
        <FeedbackListsView lists={state.data} receivedTitle={t('feedback.coach.aboutPoster')} givenTitle={t('feedback.coach.byPoster')} level={2} />
      )}
    </Page>
  );
}
