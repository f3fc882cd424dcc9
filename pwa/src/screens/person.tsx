// /coach/people/:id: one worker or buddy to view, edit (person-form.tsx) and invite again, with
// the customers they no longer go to.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../api';
import { formatDate, formatDateTime, formatDayYear } from '../format';
import { Icon } from '../components/Icon';
import { InviteCard } from '../components/InviteCard';
import { Empty, LoadFailed, Loading, Page, StatusBadge } from '../components/Page';
import { Checkbox } from '../forms/fields';
import { FormAlert, messageOf, useForm } from '../forms/form';
import type { PlainKey } from '../i18n';
import { useI18n } from '../i18n/context';
import { useLoad } from '../load';
import type { BlockBy, Invite, Person, PersonBlock } from '../types';
import { PersonForm, type PersonRole } from './person-form';
import { FeedbackListsView } from './feedback-parts';
import { fetchPersonFeedback } from '../feedback';
import { actionText, fetchFollowUpHistory, KIND_ICON, reasonText } from '../follow-up';

export function PersonScreen({ id }: { id: number }) {
  const { t } = useI18n();
  const { state, reload, set } = useLoad((signal) => api<Person>('GET', `/org/people/${id}`, { signal }), [id]);
  const [saved, setSaved] = useState(false);

  if (state.status !== 'ready') {
    return (
      <Page title={t('person.title')} back={{ href: '/coach/people', label: t('people.backToList') }}>
        {state.status === 'loading' ? <Loading /> : <LoadFailed message={messageOf(state.error, t)} onRetry={reload} />}
      </Page>
    );
  }
  const person = state.data;
  const role: PersonRole = person.role === 'buddy' ? 'buddy' : 'worker';
  return (
    <Page
      title={`${person.first_name} ${person.last_name}`}
      back={{ href: `/coach/people?role=${role}`, label: t('people.backToList') }}
      testid="person-detail"
    >
      <p class="person__meta">
        <StatusBadge status={person.status} />
        <span>{t(role === 'worker' ? 'person.roleWorker' : 'person.roleBuddy')}</span>
      </p>
      <Reinvite person={person} />
      {(person.role === 'worker' || person.role === 'buddy') && <Blocks key={person.id} person={person} />}
      {(person.role === 'worker' || person.role === 'buddy') && <PersonFollowUp key={`u${person.id}`} person={person} />}
      {(person.role === 'worker' || person.role === 'buddy') && <PersonFeedback key={`f${person.id}`} person={person} />}
      <section class="section" aria-labelledby="details-title">
        <h2 id="details-title">{t('person.details')}</h2>
        <PersonForm
          key={person.id}
          role={role}
          person={person}
          submitLabel={t('common.save')}
          saved={saved}
          onEdit={() => setSaved(false)}
          onSave={async (body) => {
            const updated = await api<Person>('PATCH', `/org/people/${person.id}`, { body });
            set(updated);
            setSaved(true);
          }}
        />
      </section>
    </Page>
  );
}

/** A new link for someone who lost theirs, or their phone. */
function Reinvite({ person }: { person: Person }) {
  const { t } = useI18n();
  const [signOut, setSignOut] = useState(false);
  const [invite, setInvite] = useState<Invite | null>(null);
  const form = useForm();
  const again = useRef<HTMLButtonElement>(null);

  if (invite) {
    return (
      <InviteCard
        invite={invite}
        name={person.first_name}
        onDone={() => {
          setInvite(null);
          setTimeout(() => again.current?.focus(), 0);
        }}
      />
    );
  }
  return (
    <section class="section card" aria-labelledby="reinvite-title">
      <h2 id="reinvite-title" class="card__title">
        {t('person.inviteTitle')}
      </h2>
      <p class="card__text">{t(person.status === 'invited' ? 'person.inviteTextInvited' : 'person.inviteTextActive')}</p>
      <form
        class="form"
        ref={form.ref}
        onSubmit={(e) => {
          e.preventDefault();
          void form.submit(async () => {
            const res = await api<{ invite: Invite }>('POST', `/org/people/${person.id}/invite`, {
              body: { sign_out_devices: signOut },
            });
            setInvite(res.invite);
          });
        }}
      >
        <FormAlert messages={form.alert} />
        <Checkbox
          name="sign_out_devices"
          label={t('person.signOutDevices')}
          text={t('person.signOutDevicesText')}
          checked={signOut}
          onChecked={setSignOut}
        />
        <button type="submit" class="button button--wide" data-testid="reinvite" ref={again} aria-disabled={form.busy ? true : undefined}>
          <Icon name="mail" />
          {t('person.newInvite')}
        </button>
      </form>
    </section>
  );
}

const BLOCK_BY: Record<BlockBy, PlainKey> = {
  worker: 'blocks.by.worker',
  buddy: 'blocks.by.buddy',
  poster: 'blocks.by.poster',
  coordinator: 'blocks.by.coordinator',
};

/** "Niet meer samen met": the customers this worker or buddy no longer goes to (never again,
 * asked by either side or by a coach), each with a way to lift it. A lifted block leaves the
 * list and a short notice takes the focus. */
function Blocks({ person }: { person: Person }) {
  const { t, lang } = useI18n();
  const { state, reload } = useLoad(
    (signal) => api<{ blocks: PersonBlock[] }>('GET', `/org/people/${person.id}/blocks`, { signal }).then((b) => b.blocks),
    [person.id],
  );
  // Lifted here (or already gone on the server): kept apart, so two lifts at once both stick.
  const [lifted, setLifted] = useState<ReadonlySet<number>>(() => new Set());
  const [notice, setNotice] = useState<{ text: string; n: number } | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);

  // The row with the focus is gone: the notice takes it.
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const onLifted = (block: PersonBlock, alreadyGone: boolean) => {
    setLifted((old) => new Set(old).add(block.poster.id));
    setNotice((old) => ({
      text: alreadyGone ? t('blocks.gone') : t('blocks.lifted', { poster: block.poster.name }),
      n: (old?.n ?? 0) + 1,
    }));
  };

  const blocks = state.status === 'ready' ? state.data.filter((b) => !lifted.has(b.poster.id)) : [];
  return (
    <section class="section" aria-labelledby="blocks-title" data-testid="blocks">
      <h2 id="blocks-title">{t('blocks.title')}</h2>
      <p class="section__intro">{t('blocks.intro', { name: person.first_name })}</p>
      {notice && (
        <p
          key={notice.n}
          class="notice notice--ok blocks__notice"
          role="status"
          tabIndex={-1}
          ref={noticeRef}
          data-testid="block-lifted"
        >
          <Icon name="check" />
          <span>{notice.text}</span>
        </p>
      )}
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <LoadFailed message={messageOf(state.error, t)} onRetry={reload} />}
      {state.status === 'ready' && blocks.length === 0 && (
        <Empty icon="check" testid="blocks-empty">
          {t('blocks.empty')}
        </Empty>
      )}
      {blocks.length > 0 && (
        <ul class="list" data-testid="blocks-list">
          {blocks.map((b) => (
            <li key={b.poster.id} class="list__item block" data-testid="block" data-poster={b.poster.id}>
              <span class="list__icon">
                <Icon name="ban" />
              </span>
              <div class="list__body">
                <p class="list__title">{b.poster.name}</p>
                {b.poster.municipality && <p class="list__text">{b.poster.municipality}</p>}
                <p class="list__text">
                  {Object.hasOwn(BLOCK_BY, b.by) && `${t(BLOCK_BY[b.by])} · `}
                  <time dateTime={b.created_at}>{t('blocks.since', { date: formatDayYear(b.created_at, lang) })}</time>
                </p>
                <LiftBlock person={person} block={b} onLifted={(gone) => onLifted(b, gone)} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** "Opheffen", then a confirm step that says what it means (DELETE /org/people/{id}/blocks/
 * {poster_id}). A 404 means the block is gone already: the row goes as well. */
function LiftBlock({ person, block, onLifted }: { person: Person; block: PersonBlock; onLifted: (alreadyGone: boolean) => void }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const opened = useRef(false);
  const textId = `lift-${useId()}`;
  const poster = block.poster.name;

  // As in NeverAgain: focus to the question, and back to the button on "no".
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (opened.current) startRef.current?.focus();
    opened.current = asking;
  }, [asking]);

  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await api<void>('DELETE', `/org/people/${person.id}/blocks/${block.poster.id}`);
      onLifted(false);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) {
        onLifted(true);
        return;
      }
      setError(err instanceof ApiError && err.status === 403 ? t('neverAgain.forbidden') : messageOf(err, t));
      setBusy(false);
    }
  };

  if (!asking) {
    return (
      <button
        type="button"
        class="button button--secondary block__lift"
        data-testid="block-lift"
        ref={startRef}
        aria-label={t('blocks.liftFor', { poster })}
        onClick={() => {
          setError(null);
          setAsking(true);
        }}
      >
        <Icon name="close" />
        <span>{t('blocks.lift')}</span>
      </button>
    );
  }

  return (
    <div class="confirm block__confirm" role="group" aria-labelledby={textId} tabIndex={-1} ref={confirmRef} data-testid="block-question">
      <p id={textId} class="confirm__text">
        <Icon name="alert" />
        <span>{t('blocks.question', { name: person.first_name, poster })}</span>
      </p>
      {error && (
        <p class="field__error" role="alert" data-testid="block-error">
          <Icon name="alert" />
          <span>{error}</span>
        </p>
      )}
      <div class="button-stack">
        <button
          type="button"
          class="button button--wide"
          data-testid="block-confirm"
          aria-disabled={busy ? true : undefined}
          onClick={() => void confirm()}
        >
          {busy ? <span class="spinner spinner--on-dark" aria-hidden="true" /> : <Icon name="check" />}
          {t('blocks.yes')}
        </button>
        <button type="button" class="button button--secondary button--wide" onClick={() => !busy && setAsking(false)}>
          <Icon name="back" />
          {t('neverAgain.no')}
        </button>
      </div>
    </div>
  );
}

/** Feedback (issue 12): what posters said about this person and what they said about jobs;
 * for the coordinator only. */
function PersonFeedback({ person }: { person: Person }) {
  const { t } = useI18n();
  const { state, reload } = useLoad((signal) => fetchPersonFeedback(person.id, signal), [person.id]);
  return (
    <section class="section" aria-labelledby="feedback-coach-title" data-testid="person-feedback">
      <h2 id="feedback-coach-title">{t('feedback.coach.title')}</h2>
      <p class="section__intro">{t('feedback.coach.private')}</p>
      {state.status === 'loading' ? (
        <Loading />
      ) : state.status === 'error' ? (
        <LoadFailed message={messageOf(state.error, t)} onRetry={reload} />
      ) : (
        <FeedbackListsView
          lists={state.data}
          receivedTitle={t('feedback.coach.received')}
          givenTitle={t('feedback.coach.given', { name: person.first_name })}
          posterLinks
        />
      )}
    </section>
  );
}

/** Under the radar (issue 13): why they are on the follow-up list now, and every follow-up
 * action, the latest first; for the coordinator only. */
function PersonFollowUp({ person }: { person: Person }) {
  const { t, lang } = useI18n();
  const { state, reload } = useLoad((signal) => fetchFollowUpHistory(person.id, signal), [person.id]);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <LoadFailed message={messageOf(state.error, t)} onRetry={reload} />;
  const h = state.data;
  return (
    <section class="section" aria-labelledby="follow-up-history-title" data-testid="person-follow-up">
      <h2 id="follow-up-history-title">{t('followUp.history')}</h2>
      {h.state && (
        <p class="job-line job-line--strong" data-testid="person-follow-up-state">
          <Icon name={h.state === 'resolved' ? 'check' : h.state === 'snoozed' ? 'hourglass' : 'phone'} />
          <span>
            {h.state === 'snoozed'
              ? t('followUp.state.snoozed', { date: formatDate(h.snoozed_until ?? '', lang) })
              : h.state === 'resolved'
                ? t('followUp.state.resolved', { when: formatDateTime(h.resolved_at ?? '', lang) })
                : t('followUp.state.open')}
          </span>
        </p>
      )}
      {h.reasons.length > 0 && (
        <ul class="follow-up__reasons" aria-label={t('followUp.reasons')}>
          {h.reasons.map((r) => {
            const { icon, text } = reasonText(r, lang, t);
            return (
              <li key={r.code} class="job-line">
                <Icon name={icon} />
                <span>{text}</span>
              </li>
            );
          })}
        </ul>
      )}
      {h.actions.length === 0 ? (
        <Empty icon="inbox" testid="person-follow-up-none">
          {t('followUp.historyNone')}
        </Empty>
      ) : (
        <ul class="follow-up__actions" data-testid="person-follow-up-actions">
          {h.actions.map((a) => (
            <li key={a.id} class="job-line">
              <Icon name={KIND_ICON[a.kind]} />
              <span>{actionText(a, lang, t)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
