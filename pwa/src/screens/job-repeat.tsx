// Repeat work on the poster's job page (issue 12): "Graag opnieuw" for a worker on a done job,
// the series a job belongs to with "Hele reeks annuleren", and "Opnieuw plaatsen" for a past
// job: the same job at a new date (and time), posted with one tap.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { Icon } from '../components/Icon';
import { formatDay, formatTime } from '../format';
import { TextField } from '../forms/fields';
import { FormAlert, messageOf } from '../forms/form';
import { useI18n } from '../i18n/context';
import { type Job, type JobPlace, markPosted, startIso } from '../jobs';
import { useLoad } from '../load';
import { addFavourite, cancelSeries, nextSameWeekday, removeFavourite, repostJob, type Series } from '../repeat';
import { Link, useRouter } from '../router';
import { JobStateBadge } from './job-parts';

/** "Graag opnieuw": the poster's next jobs go to this worker first. */
export function FavouriteToggle({ place }: { place: JobPlace }) {
  const { t } = useI18n();
  const [on, setOn] = useState(place.favourite === true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string[] | null>(null);
  const id = place.worker_id;
  if (typeof id !== 'number') return null;
  const toggle = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      if (on) await removeFavourite(id);
      else await addFavourite(id);
      setOn(!on);
    } catch (err) {
      setError([messageOf(err, t)]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="favourite" data-testid="place-favourite" data-on={on ? 'true' : 'false'}>
      {on && (
        <p class="job-line" role="status" data-testid="place-favourite-on">
          <Icon name="star" />
          <span>{t('favourite.on', { name: place.first_name })}</span>
        </p>
      )}
      <FormAlert messages={error} />
      <button
        type="button"
        class={on ? 'button button--secondary button--wide' : 'button button--wide'}
        aria-pressed={on}
        data-testid="place-favourite-toggle"
        onClick={() => void toggle()}
      >
        {busy ? <span class="spinner" aria-hidden="true" /> : <Icon name="star" />}
        {on ? t('favourite.remove') : t('favourite.add')}
      </button>
    </div>
  );
}

/** The series the job is an occurrence of: how often, until when, every date with its state, and
 * "Hele reeks annuleren" (two taps) while anything is left to cancel. */
export function SeriesCard({ seriesId, jobId, onCancelled }: { seriesId: number; jobId: number; onCancelled: () => void }) {
  const { t, lang } = useI18n();
  const { state, set } = useLoad((signal) => api<Series>('GET', `/series/${seriesId}`, { signal }), [seriesId]);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string[] | null>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  if (state.status !== 'ready') return null;
  const s = state.data;
  const until = formatDay(`${s.until}T12:00:00`, lang, 'long');
  const cancellable = s.jobs.some((j) => ['open', 'offering', 'filled', 'unfilled'].includes(j.state) && Date.parse(j.start) > Date.now());
  const cancel = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await cancelSeries(s.id);
      set(answer.series);
      setAsking(false);
      setDone(true);
      onCancelled();
    } catch (err) {
      setError([messageOf(err, t)]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card" aria-labelledby="series-title" data-testid="job-series">
      <h2 id="series-title" class="card__title">
        {t('series.title')}
      </h2>
      <p class="job-line job-line--strong" data-testid="series-rule">
        <Icon name="refresh" />
        <span>{s.every_weeks === 2 ? t('series.biweekly', { until }) : t('series.weekly', { until })}</span>
      </p>
      <ul class="series-list" data-testid="series-jobs">
        {s.jobs.map((j) => (
          <li key={j.id} class="series-list__item" data-testid="series-job" data-state={j.state}>
            {j.id === jobId ? (
              <span aria-current="page">
                {formatDay(j.start, lang)} · {formatTime(new Date(j.start), lang)} ({t('series.this')})
              </span>
            ) : (
              <Link href={`/jobs/${j.id}`}>
                {formatDay(j.start, lang)} · {formatTime(new Date(j.start), lang)}
              </Link>
            )}
            <JobStateBadge state={j.state} />
          </li>
        ))}
      </ul>
      {done && (
        <p class="notice notice--ok" role="status" data-testid="series-cancelled">
          <Icon name="check" />
          {t('series.cancelled')}
        </p>
      )}
      {cancellable && !asking && (
        <button type="button" class="button button--danger-outline button--wide" data-testid="series-cancel" onClick={() => setAsking(true)}>
          <Icon name="ban" />
          {t('series.cancel')}
        </button>
      )}
      {cancellable && asking && (
        <div class="confirm" role="group" aria-labelledby="series-confirm-text" tabIndex={-1} ref={confirmRef} data-testid="series-cancel-question">
          <p id="series-confirm-text" class="confirm__text">
            <Icon name="alert" />
            <span>{t('series.cancelQuestion')}</span>
          </p>
          <FormAlert messages={error} />
          <div class="button-stack">
            <button type="button" class="button button--danger button--wide" data-testid="series-cancel-confirm" onClick={() => void cancel()}>
              {busy ? <span class="spinner spinner--on-dark" aria-hidden="true" /> : <Icon name="ban" />}
              {t('series.cancelYes')}
            </button>
            <button type="button" class="button button--secondary button--wide" onClick={() => setAsking(false)}>
              <Icon name="back" />
              {t('series.cancelNo')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

/** "Opnieuw plaatsen": the same job at a date (and time) to pick, the job's weekday and time
 * next week by default; posted with one tap, at today's price. */
export function RepostCard({ job }: { job: Job }) {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const [first] = useState(() => nextSameWeekday(job));
  const [date, setDate] = useState(first.date);
  const [time, setTime] = useState(first.time);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string[] | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const post = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const start = startIso(date, time);
    if (!start) {
      setFieldError(t('newJob.dateMissing'));
      return;
    }
    setBusy(true);
    setError(null);
    setFieldError(undefined);
    try {
      const posted = await repostJob(job.id, start);
      markPosted(posted.id);
      navigate(`/jobs/${posted.id}`);
    } catch (err) {
      setError([messageOf(err, t)]);
      setBusy(false);
    }
  };
  return (
    <section class="card" aria-labelledby="repost-title" data-testid="job-repost">
      <h2 id="repost-title" class="card__title">
        {t('repost.title')}
      </h2>
      <p class="card__text">{t('repost.intro')}</p>
      <form class="form" onSubmit={(e) => void post(e)} noValidate>
        <FormAlert messages={error} testid="repost-error" />
        <div class="when">
          <TextField name="repost_date" type="date" label={t('newJob.date')} value={date} onValue={setDate} error={fieldError} class="when__date" />
          <TextField name="repost_time" type="time" label={t('newJob.time')} value={time} step={300} onValue={setTime} error={undefined} class="when__time" />
        </div>
        <button type="submit" class="button button--wide" data-testid="repost-submit">
          {busy ? <span class="spinner spinner--on-dark" aria-hidden="true" /> : <Icon name="copy" />}
          {t('repost.submit')}
        </button>
      </form>
    </section>
  );
}
