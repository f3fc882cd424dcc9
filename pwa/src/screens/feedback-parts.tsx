// Feedback after the job (issue 12). The poster's job page asks per worker "Zou je deze persoon
// opnieuw vragen?" (large Ja/Nee buttons, tag chips, a comment); the worker's and the buddy's
// done card asks about the job with three large faces and tags; the coordinator's person page
// and poster view list what was said. Answers are for the coordinator only: the poster reads
// back their own, the worker and buddy theirs.
import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { Icon, type IconName } from '../components/Icon';
import { Empty, LoadFailed, Loading } from '../components/Page';
import {
  FACES,
  type Face,
  type Feedback,
  type FeedbackLists,
  type FeedbackRole,
  fetchMyFeedback,
  fetchPosterFeedback,
  giveJobFeedback,
  givePosterFeedback,
  JOB_TAGS,
  type JobTag,
  MAX_FEEDBACK_COMMENT,
  POSTER_TAGS,
  type PosterTag,
} from '../feedback';
import { formatDay } from '../format';
import { FormAlert, messageOf, useForm } from '../forms/form';
import { TextArea } from '../forms/fields';
import type { PlainKey, Translate } from '../i18n';
import { useI18n } from '../i18n/context';
import { useLoad } from '../load';

const FACE_ICON: Record<Face, IconName> = { bad: 'alert', ok: 'minus', good: 'star' };
const FACE_LABEL: Record<Face, PlainKey> = { bad: 'feedback.face.bad', ok: 'feedback.face.ok', good: 'feedback.face.good' };
const TAG_LABEL: Record<PosterTag | JobTag, PlainKey> = {
  on_time: 'feedback.tag.on_time',
  friendly: 'feedback.tag.friendly',
  good_work: 'feedback.tag.good_work',
  safe: 'feedback.tag.safe',
  clear_instructions: 'feedback.tag.clear_instructions',
};

function tagText(tag: PosterTag | JobTag, t: Translate): string {
  const key: PlainKey = TAG_LABEL[tag];
  return t(key);
}

function toggle<T>(list: readonly T[], v: T): T[] {
  return list.includes(v) ? list.filter((x) => x !== v) : [...list, v];
}

/** Tag chips that can be switched on and off (aria-pressed). */
function TagChips<T extends PosterTag | JobTag>({ id, tags, on, onValue, error }: { id: string; tags: readonly T[]; on: readonly T[]; onValue: (v: T[]) => void; error?: string | undefined }) {
  const { t } = useI18n();
  return (
    <fieldset class="field fieldset" id={`${id}-tags`}>
      <legend class="field__label">{t('feedback.tags')}</legend>
      <ul class="chips">
        {tags.map((tag) => {
          const pressed = on.includes(tag);
          return (
            <li key={tag}>
              <button
                type="button"
                class={pressed ? 'chip chip--on' : 'chip'}
                aria-pressed={pressed}
                data-testid={`feedback-tag-${tag}`}
                onClick={() => onValue(toggle(on, tag))}
              >
                <Icon name={pressed ? 'check' : 'plus'} />
                {tagText(tag, t)}
              </button>
            </li>
          );
        })}
      </ul>
      {error && (
        <p class="field__error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** The worker's or buddy's question about a done job: three faces, tags, a comment. */
export function JobFeedbackPart({ role, target, userId }: { role: FeedbackRole; target: number; userId: number }) {
  const { t } = useI18n();
  // Kept on the phone: offline, the card shows the answer given (or the question) as last seen.
  const { state, reload, set } = useLoad((signal) => fetchMyFeedback(role, target, signal), [role, target], { userId, name: `feedback.${role}.${target}` });
  const [face, setFace] = useState<Face | null>(null);
  const [tags, setTags] = useState<JobTag[]>([]);
  const [comment, setComment] = useState('');
  const form = useForm({ known: (k) => k === 'face' || k === 'tags' || k === 'comment' });
  const id = `feedback-${role}-${target}`;

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <LoadFailed message={messageOf(state.error, t)} onRetry={reload} />;
  const answered = state.data;
  if (answered) {
    return (
      <p class="job-line job-line--strong" role="status" data-testid="job-feedback-thanks">
        <Icon name="check" />
        <span>{t('feedback.job.thanks', { face: answered.face ? t(FACE_LABEL[answered.face]) : '' })}</span>
      </p>
    );
  }
  const send = (e: Event) => {
    e.preventDefault();
    if (face === null) {
      form.fail({ face: t('feedback.job.faceNeeded') });
      return;
    }
    void form.submit(async () => {
      try {
        set(await giveJobFeedback(role, target, { face, tags, ...(comment.trim() ? { comment: comment.trim() } : {}) }));
      } catch (err) {
        if (err instanceof ApiError && err.status === 409) reload();
        throw err;
      }
    });
  };
  return (
    <form ref={form.ref} class="feedback" noValidate onSubmit={send} data-testid="job-feedback" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} class="feedback__title">
        {t('feedback.job.question')}
      </h3>
      <fieldset class="field fieldset" id="f-face">
        <legend class="visually-hidden">{t('feedback.job.question')}</legend>
        <div class="feedback__faces">
          {FACES.map((f) => (
            <button
              key={f}
              type="button"
              class={face === f ? 'button button--big feedback__face feedback__face--on' : 'button button--big button--secondary feedback__face'}
              aria-pressed={face === f}
              data-testid={`feedback-face-${f}`}
              onClick={() => (setFace(f), form.clear('face'))}
            >
              <Icon name={FACE_ICON[f]} />
              {t(FACE_LABEL[f])}
            </button>
          ))}
        </div>
        {form.errors.face && (
          <p class="field__error" role="alert" data-testid="feedback-face-error">
            {form.errors.face}
          </p>
        )}
      </fieldset>
      <TagChips id={id} tags={JOB_TAGS} on={tags} onValue={setTags} error={form.errors.tags} />
      <TextArea
        name="comment"
        id={`${id}-comment`}
        label={t('feedback.comment')}
        hint={t('feedback.forCoach')}
        rows={3}
        maxLength={MAX_FEEDBACK_COMMENT}
        value={comment}
        onValue={(v) => (setComment(v), form.clear('comment'))}
        error={form.errors.comment}
      />
      <FormAlert messages={form.alert} testid="job-feedback-alert" />
      <button type="submit" class="button button--accent button--wide" aria-disabled={form.busy ? true : undefined} data-testid="job-feedback-send">
        {form.busy ? <span class="spinner spinner--on-dark" aria-hidden="true" /> : <Icon name="check" />}
        {form.busy ? t('day.busy') : t('feedback.send')}
      </button>
    </form>
  );
}

export type FeedbackPlace = { place: number; first_name: string };

/** The poster's question per worker of a done job. */
export function PosterFeedbackCard({ jobId, places }: { jobId: number; places: readonly FeedbackPlace[] }) {
  const { t } = useI18n();
  const { state, reload, set } = useLoad((signal) => fetchPosterFeedback(jobId, signal), [jobId]);
  return (
    <section class="card" aria-labelledby="feedback-title" data-testid="poster-feedback">
      <h2 id="feedback-title" class="card__title">
        {t('feedback.poster.title')}
      </h2>
      <p class="job-line">
        <Icon name="shield" />
        <span>{t('feedback.forCoach')}</span>
      </p>
      {state.status === 'loading' ? (
        <Loading />
      ) : state.status === 'error' ? (
        <LoadFailed message={messageOf(state.error, t)} onRetry={reload} />
      ) : (
        <ul class="hours-list">
          {places.map((p) => (
            <PosterFeedbackItem
              key={p.place}
              jobId={jobId}
              place={p}
              answer={state.data.find((f) => f.place === p.place) ?? null}
              onAnswer={(f) => set([...state.data.filter((x) => x.place !== f.place), f])}
              onConflict={reload}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function PosterFeedbackItem({ jobId, place, answer, onAnswer, onConflict }: { jobId: number; place: FeedbackPlace; answer: Feedback | null; onAnswer: (f: Feedback) => void; onConflict: () => void }) {
  const { t } = useI18n();
  const [again, setAgain] = useState<boolean | null>(null);
  const [tags, setTags] = useState<PosterTag[]>([]);
  const [comment, setComment] = useState('');
  const form = useForm({ known: (k) => k === 'again' || k === 'tags' || k === 'comment' });
  const id = `feedback-place-${place.place}`;
  const name = place.first_name;
  if (answer) {
    return (
      <li class="hours-item" data-testid="poster-feedback-item" data-place={place.place}>
        <p class="job-line job-line--strong" role="status" data-testid="poster-feedback-thanks">
          <Icon name="check" />
          <span>{t(answer.again ? 'feedback.poster.thanksYes' : 'feedback.poster.thanksNo', { name })}</span>
        </p>
      </li>
    );
  }
  const send = (e: Event) => {
    e.preventDefault();
    if (again === null) {
      form.fail({ again: t('feedback.poster.answerNeeded') });
      return;
    }
    void form.submit(async () => {
      try {
        onAnswer(await givePosterFeedback(jobId, { place: place.place, again, tags, ...(comment.trim() ? { comment: comment.trim() } : {}) }));
      } catch (err) {
        if (err instanceof ApiError && err.status === 409) onConflict();
        throw err;
      }
    });
  };
  return (
    <li class="hours-item" data-testid="poster-feedback-item" data-place={place.place}>
      <form ref={form.ref} class="feedback" noValidate onSubmit={send} aria-labelledby={`${id}-q`}>
        <p class="job-line job-line--strong" id={`${id}-q`}>
          <Icon name="user" />
          <span>{t('feedback.poster.question', { name })}</span>
        </p>
        <fieldset class="field fieldset" id="f-again">
          <legend class="visually-hidden">{t('feedback.poster.question', { name })}</legend>
          <div class="feedback__faces feedback__faces--two">
            {([true, false] as const).map((v) => (
              <button
                key={String(v)}
                type="button"
                class={again === v ? 'button button--big feedback__face feedback__face--on' : 'button button--big button--secondary feedback__face'}
                aria-pressed={again === v}
                data-testid={v ? 'feedback-yes' : 'feedback-no'}
                onClick={() => (setAgain(v), form.clear('again'))}
              >
                <Icon name={v ? 'check' : 'close'} />
                {t(v ? 'feedback.yes' : 'feedback.no')}
              </button>
            ))}
          </div>
          {form.errors.again && (
            <p class="field__error" role="alert" data-testid="feedback-again-error">
              {form.errors.again}
            </p>
          )}
        </fieldset>
        <TagChips id={id} tags={POSTER_TAGS} on={tags} onValue={setTags} error={form.errors.tags} />
        <TextArea
          name="comment"
          id={`${id}-comment`}
          label={t('feedback.comment')}
          rows={3}
          maxLength={MAX_FEEDBACK_COMMENT}
          value={comment}
          onValue={(v) => (setComment(v), form.clear('comment'))}
          error={form.errors.comment}
        />
        <FormAlert messages={form.alert} testid="poster-feedback-alert" />
        <button type="submit" class="button button--accent button--wide" aria-disabled={form.busy ? true : undefined} data-testid="poster-feedback-send">
          {form.busy ? <span class="spinner spinner--on-dark" aria-hidden="true" /> : <Icon name="check" />}
          {form.busy ? t('day.busy') : t('feedback.send')}
        </button>
      </form>
    </li>
  );
}

/** One answer as a coordinator reads it. */
function FeedbackItem({ f, showAbout }: { f: Feedback; showAbout: boolean }) {
  const { t, lang } = useI18n();
  const [icon, answer]: [IconName, string] =
    f.again !== null ? [f.again ? 'check' : 'close', t(f.again ? 'feedback.coach.yes' : 'feedback.coach.no')] : f.face ? [FACE_ICON[f.face], t(FACE_LABEL[f.face])] : ['note', ''];
  const who = showAbout ? f.about.name : f.from.name;
  return (
    <li class="list__item" data-testid="feedback-item" data-again={f.again === null ? undefined : String(f.again)} data-face={f.face ?? undefined}>
      <p class="job-line job-line--strong">
        <Icon name={icon} />
        <span>{answer}</span>
      </p>
      <p class="job-line">
        <Icon name="calendar" />
        <span>{t('feedback.coach.line', { day: formatDay(f.job_start, lang), who })}</span>
      </p>
      {f.tags.length > 0 && (
        <p class="job-line" data-testid="feedback-item-tags">
          <Icon name="star" />
          <span>{f.tags.map((tag) => tagText(tag, t)).join(', ')}</span>
        </p>
      )}
      {f.comment && (
        <p class="job-line" data-testid="feedback-item-comment">
          <Icon name="note" />
          <span>{f.comment}</span>
        </p>
      )}
    </li>
  );
}

/** What was said by and about someone, for their coordinator. The titles are h3 inside a
 * person's feedback section, h2 where the lists are the screen's own content (no skipped level). */
export function FeedbackListsView({
  lists,
  receivedTitle,
  givenTitle,
  posterLinks,
  level = 3,
}: {
  lists: FeedbackLists;
  receivedTitle: string;
  givenTitle: string;
  posterLinks?: boolean;
  level?: 2 | 3;
}) {
  const { t } = useI18n();
  const Title = level === 2 ? 'h2' : 'h3';
  const list = (items: Feedback[], testid: string, showAbout: boolean) =>
    items.length === 0 ? (
      <Empty icon="inbox" testid={`${testid}-empty`}>
        {t('feedback.coach.none')}
      </Empty>
    ) : (
      <ul class="list" data-testid={testid}>
        {items.map((f) => (
          <FeedbackItem key={f.id} f={f} showAbout={showAbout} />
        ))}
      </ul>
    );
  const posters = posterLinks ? [...new Map([...lists.received.map((f) => [f.from.id, f.from.name] as const), ...lists.given.map((f) => [f.about.id, f.about.name] as const)].filter(([id]) => id > 0)).entries()] : [];
  return (
    <>
      <Title>{receivedTitle}</Title>
      {list(lists.received, 'feedback-received', false)}
      <Title>{givenTitle}</Title>
      {list(lists.given, 'feedback-given', true)}
      {posters.length > 0 && (
        <ul class="list" data-testid="feedback-posters">
          {posters.map(([id, name]) => (
            <li key={id}>
              <a class="button button--secondary button--wide" href={`/coach/posters/${id}`}>
                <Icon name="building" />
                {t('feedback.coach.posterLink', { name })}
              </a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
