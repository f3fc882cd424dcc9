// /jobs/:id: a job as its poster follows it — the details (for a job whose day is not settled
// yet, "Een dag tussen … en …" and who picks it), who is coming with their buddy and "Niet meer
// deze persoon" per place, cancel, "Aanpassen". It follows the news without a reload.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { categoryName, useCategories } from '../categories';
import { type Fact, Facts } from '../components/Facts';
import { ContactList } from '../components/ContactList';
import { Icon } from '../components/Icon';
import { NeverAgain } from '../components/NeverAgain';
import { LoadFailed, Loading, Page } from '../components/Page';
import { formatList, formatMoney, formatUnitPrice } from '../format';
import { FormAlert, messageOf } from '../forms/form';
import { categoryIcon, findCategory, hoursText, levelKey, peopleText } from '../forms/job-fields';
import { spokenLanguageName } from '../forms/person-fields';
import { useI18n } from '../i18n/context';
import {
  BUDDY_POLICIES,
  canCancel,
  isLateCancellation,
  type Job,
  type JobPlace,
  jobMinutes,
  isUpcoming,
  neverAgain,
  priceEstimate,
  takeEdited,
  takePosted,
  windowDays,
} from '../jobs';
import { useLoad } from '../load';
import { useNews } from '../live';
import { Link } from '../router';
import { JobHours } from './job-hours';
import { PosterFeedbackCard } from './feedback-parts';
import { FavouriteToggle, RepostCard, SeriesCard } from './job-repeat';
import { JobStatementCard } from './statement';
import { buddiesText, comingText, isNotFound, JobNotFound, JobStateBadge, jobWhenText, PlaceStatus } from './job-parts';

export function JobScreen({ id, userId }: { id: number; userId: number }) {
  const { t, lang } = useI18n();
  const { state, reload, set, refresh } = useLoad((signal) => api<Job>('GET', `/jobs/${id}`, { signal }), [id]);
  // Its state and who is coming change as people answer: follow them live.
  useNews(userId, refresh);
  const categories = useCategories();
  const [posted] = useState(() => takePosted(id));
  const [edited] = useState(() => takeEdited(id));
  const [cancelled, setCancelled] = useState<{ late: boolean } | null>(null);
  // The job's statement loads again when its hours change here.
  const [sheetsChanged, setSheetsChanged] = useState(0);
  const cancelledRef = useRef<HTMLParagraphElement>(null);

  // The cancel button is gone once the job is cancelled: focus goes to the confirmation.
  useEffect(() => {
    if (cancelled) cancelledRef.current?.focus();
  }, [cancelled]);

  if (state.status === 'error' && isNotFound(state.error)) return <JobNotFound />;
  if (state.status !== 'ready') {
    return (
      <Page title={t('job.title')} back={{ href: '/', label: t('job.back') }}>
        {state.status === 'loading' ? <Loading /> : <LoadFailed message={messageOf(state.error, t)} onRetry={reload} />}
      </Page>
    );
  }

  const job = state.data;
  const category = categories.status === 'ready' ? findCategory(categories.categories, job.category) : undefined;
  const name = category ? categoryName(category, lang) : job.category;
  const minutes = jobMinutes(job);
  const coming = comingText(job.coming, lang, t);
  const buddies = buddiesText(job.buddies ?? [], lang, t);
  const awaiting = job.awaiting_buddy ?? 0;
  // Who comes, place by place (an older server sends only the names: then the lines below).
  const places = Array.isArray(job.places) ? [...job.places].sort((x, y) => x.place - y.place) : [];
  const active = job.state === 'open' || job.state === 'offering' || job.state === 'filled' || job.state === 'unfilled';
  // The price fixed when the job was posted, never today's price list.
  const estimate = job.price ? priceEstimate(job.price, minutes, job.workers_needed) : null;
  const a = job.address;

  const when = jobWhenText(job, lang, t, 'long');
  const rows: Fact[] = [
    {
      icon: 'calendar',
      label: t('job.when'),
      value:
        windowDays(job) > 1 ? (
          <>
            <span data-testid="job-when">{when}</span>
            <span class="facts__note" data-testid="job-window-note">
              {t('jobs.windowNote')}
            </span>
          </>
        ) : (
          when
        ),
    },
    { icon: 'clock', label: t('job.duration'), value: hoursText(minutes, t) },
    { icon: 'pin', label: t('job.where'), value: `${a.label} — ${a.street}, ${a.postcode} ${a.municipality}` },
    { icon: 'buddies', label: t('job.workers'), value: peopleText(job.workers_needed, t) },
    { icon: 'star', label: t('job.level'), value: t(levelKey(job.level)) },
    {
      icon: 'user',
      label: t('job.buddy'),
      value: (BUDDY_POLICIES as readonly string[]).includes(job.buddy) ? t(`jobs.buddy.${job.buddy}` as const) : job.buddy,
    },
  ];
  if (job.language_hints.length > 0) {
    rows.push({ icon: 'globe', label: t('job.languages'), value: formatList(job.language_hints.map((c) => spokenLanguageName(c, lang, t)), lang) });
  }
  if (estimate) {
    rows.push({
      icon: 'euro',
      label: t('job.price'),
      value:
        estimate.kind === 'total'
          ? t('newJob.estimate', { price: formatMoney(estimate.cents, estimate.currency, lang) })
          : `${formatUnitPrice(estimate.cents, estimate.currency, 'item', lang, t)}. ${t('newJob.perItemNote')}`,
    });
  }
  if (job.description) rows.push({ icon: 'note', label: t('job.description'), value: job.description, long: true });

  return (
    <Page title={name} back={{ href: '/', label: t('job.back') }} testid="job-page">
      <div class="job-head">
        <span class="job-head__icon">
          <Icon name={categoryIcon(category)} />
        </span>
        <JobStateBadge state={job.state} />
      </div>
      {posted && !cancelled && (
        <p class="notice notice--ok" role="status" data-testid="job-posted">
          <Icon name="check" />
          {t('job.posted')}
        </p>
      )}
      {edited && !cancelled && (
        <p class="notice notice--ok" role="status" data-testid="job-edited">
          <Icon name="check" />
          {edited.reoffered ? t('jobEdit.savedAgain') : t('jobEdit.saved')}
        </p>
      )}
      {cancelled && (
        <p class="notice notice--ok" role="status" tabIndex={-1} ref={cancelledRef} data-testid="job-cancelled">
          <Icon name="check" />
          {cancelled.late ? t('job.cancelledLate') : t('job.cancelled')}
        </p>
      )}
      <section class="card" aria-label={name}>
        <Facts rows={rows} />
      </section>
      <section class="card" aria-labelledby="coming-title">
        <h2 id="coming-title" class="card__title">
          {t('job.coming')}
        </h2>
        {places.length > 0 ? (
          <ul class="places" data-testid="job-places">
            {places.map((p) => (
              <PlaceItem key={p.place} jobId={job.id} place={p} done={job.state === 'done' || job.state === 'hours_confirmed'} />
            ))}
          </ul>
        ) : (
          <>
            <p class="job-line job-line--strong" data-testid="job-coming">
              <Icon name="buddies" />
              <span>{coming ?? (active ? t('jobs.nobodyYet') : t('jobs.nobody'))}</span>
            </p>
            {buddies && (
              <p class="job-line job-line--strong" data-testid="job-buddies">
                <Icon name="user" />
                <span>{buddies}</span>
              </p>
            )}
          </>
        )}
        {awaiting > 0 && active && (
          <p class="job-line" data-testid="job-awaiting-buddy">
            <Icon name="hourglass" />
            <span>{awaiting === 1 ? t('buddy.awaitingOne') : t('buddy.awaitingMany', { n: awaiting })}</span>
          </p>
        )}
      </section>
      {/* The hours (issue 12): once someone is done (or had to leave), or the job is. */}
      {(job.state === 'done' || job.state === 'hours_confirmed' || places.some((p) => p.status === 'done' || p.status === 'left')) && (
        <JobHours jobId={job.id} onChange={() => setSheetsChanged((n) => n + 1)} />
      )}
      {(job.state === 'done' || job.state === 'hours_confirmed') && <JobStatementCard key={sheetsChanged} jobId={job.id} />}
      {/* Feedback (issue 12): once the job is done, per worker. */}
      {(job.state === 'done' || job.state === 'hours_confirmed') && places.length > 0 && <PosterFeedbackCard jobId={job.id} places={places} />}
      {Array.isArray(job.contacts) && job.contacts.length > 0 && (
        <section class="card" aria-labelledby="contacts-title" data-testid="job-contacts">
          <h2 id="contacts-title" class="card__title">
            {t('job.contacts')}
          </h2>
          <p class="card__text">{t('job.contactsIntro')}</p>
          <ContactList contacts={job.contacts} testid="job-contact" />
        </section>
      )}
      {typeof job.series_id === 'number' && <SeriesCard seriesId={job.series_id} jobId={job.id} onCancelled={refresh} />}
      {!isUpcoming(job) && <RepostCard job={job} />}
      {job.editable === true && !cancelled && (
        <Link class="button button--secondary button--wide" href={`/jobs/${job.id}/edit`} data-testid="job-edit">
          <Icon name="pencil" />
          {t('jobEdit.button')}
        </Link>
      )}
      {canCancel(job.state) && (
        <CancelJob
          job={job}
          onCancelled={(j, late) => {
            set(j);
            setCancelled({ late });
          }}
        />
      )}
    </Page>
  );
}

/** One booked place: the worker's first name, whether they arrived (left, are done), their
 * buddy, "Graag opnieuw" once the job is done, and "Niet meer deze persoon". */
function PlaceItem({ jobId, place: p, done }: { jobId: number; place: JobPlace; done: boolean }) {
  const { t } = useI18n();
  const name = p.first_name;
  const b = p.buddy;
  return (
    <li class="place" data-testid="job-place" data-place={p.place}>
      <p class="job-line job-line--strong place__name" data-testid="job-place-name">
        <Icon name="hardhat" />
        <span>{name}</span>
      </p>
      <PlaceStatus status={p.status} />
      {b?.state === 'confirmed' && (
        <p class="job-line" data-testid="job-place-buddy" data-state="confirmed">
          <Icon name="buddies" />
          <span>{b.first_name ? t('buddy.comingOne', { names: b.first_name }) : t('job.place.buddyAnon')}</span>
        </p>
      )}
      {b?.state === 'searching' && (
        <p class="job-line job-line--wait" data-testid="job-place-buddy" data-state="searching">
          <Icon name="hourglass" />
          <span>{t('job.place.searching')}</span>
        </p>
      )}
      {done && p.status !== 'left' && <FavouriteToggle place={p} />}
      <NeverAgain
        testid="place-never-again"
        label={t('neverAgain.poster.button')}
        forReaders={name}
        question={t('neverAgain.poster.question', { name })}
        yes={t('neverAgain.poster.yes', { name })}
        no={t('neverAgain.no')}
        doneText={t('neverAgain.poster.done', { name })}
        notFound={t('neverAgain.poster.notFound', { name })}
        run={() => neverAgain(jobId, { place: p.place })}
      />
    </li>
  );
}

/** Cancelling needs two taps; the question says whether it is still free. */
function CancelJob({ job, onCancelled }: { job: Job; onCancelled: (job: Job, late: boolean) => void }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string[] | null>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const opened = useRef(false);

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (opened.current) startRef.current?.focus();
    opened.current = asking;
  }, [asking]);

  const late = isLateCancellation(job);

  const cancel = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await api<{ job: Job; late: boolean }>('POST', `/jobs/${job.id}/cancel`);
      onCancelled(answer.job, answer.late);
    } catch (err) {
      setError([messageOf(err, t)]);
      setBusy(false);
    }
  };

  return (
    <section class="section danger-zone" aria-labelledby="cancel-title">
      <h2 id="cancel-title">{t('job.cancelTitle')}</h2>
      <p class="section__intro">{t('job.cancelIntro')}</p>
      {!asking ? (
        <button
          type="button"
          class="button button--danger-outline button--wide"
          data-testid="job-cancel"
          ref={startRef}
          onClick={() => setAsking(true)}
        >
          <Icon name="ban" />
          {t('job.cancel')}
        </button>
      ) : (
        <div
          class="confirm"
          role="group"
          aria-labelledby="cancel-confirm-text"
          tabIndex={-1}
          ref={confirmRef}
          data-testid="job-cancel-question"
          data-late={late ? 'true' : 'false'}
        >
          <p id="cancel-confirm-text" class="confirm__text">
            <Icon name="alert" />
            <span>{late ? t('job.cancelLate') : t('job.cancelFree')}</span>
          </p>
          <FormAlert messages={error} />
          <div class="button-stack">
            <button type="button" class="button button--danger button--wide" data-testid="job-cancel-confirm" onClick={() => void cancel()}>
              {busy ? <span class="spinner spinner--on-dark" aria-hidden="true" /> : <Icon name="ban" />}
              {t('job.cancelYes')}
            </button>
            <button type="button" class="button button--secondary button--wide" onClick={() => setAsking(false)}>
              <Icon name="back" />
              {t('job.cancelNo')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
