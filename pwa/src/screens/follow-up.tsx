// /coach/follow-up, "Opvolgen": the people of the coordinator's organisation who need a call
// (issue 13, part 5) — who, why in words, when they were last active, what was done last — with
// a note of a call, visit or message, a snooze until a day, or "opgelost". Someone entering the
// list shows without a reload (the news brings a `follow_up` event: the list loads again).
import { useEffect, useRef, useState } from 'preact/hooks';
import { Icon } from '../components/Icon';
import { Empty, LoadFailed, Loading, Page } from '../components/Page';
import { actionText, actOnFollowUp, fetchFollowUp, type FollowUpKind, type FollowUpPerson, KIND_ICON, NOTE_MAX, reasonText, tomorrow } from '../follow-up';
import { formatDateTime } from '../format';
import { TextArea, TextField } from '../forms/fields';
import { FormAlert, messageOf, useForm } from '../forms/form';
import { useI18n } from '../i18n/context';
import { useLoad } from '../load';
import { useNews } from '../live';
import { Link } from '../router';
import type { User } from '../types';
import { telLink } from '../board';
import { FollowUpRules } from './follow-up-rules';

export function FollowUpScreen({ user }: { user: User }) {
  const { t } = useI18n();
  const { state, reload, refresh } = useLoad((signal) => fetchFollowUp(signal), []);
  useNews(user.id, refresh);
  const [done, setDone] = useState<string | null>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  const back = { href: '/', label: t('nav.home') };
  if (state.status !== 'ready') {
    return (
      <Page title={t('followUp.title')} intro={t('followUp.intro')} back={back} testid="follow-up-screen">
        {state.status === 'loading' ? <Loading /> : <LoadFailed message={messageOf(state.error, t)} onRetry={reload} />}
      </Page>
    );
  }
  const people = state.data;
  const acted = (message: string) => {
    setDone(message);
    refresh();
  };
  return (
    <Page title={t('followUp.title')} intro={t('followUp.intro')} back={back} testid="follow-up-screen">
      {done && (
        <p class="notice notice--ok page-note" role="status" tabIndex={-1} ref={doneRef} data-testid="follow-up-done">
          <Icon name="check" />
          {done}
        </p>
      )}
      <section class="section" aria-labelledby="follow-up-list-title">
        <h2 id="follow-up-list-title">{t('followUp.count', { n: String(people.length) })}</h2>
        {people.length === 0 ? (
          <Empty icon="check" testid="follow-up-empty">
            {t('followUp.empty')}
          </Empty>
        ) : (
          <ul class="safety-list follow-up-list" data-testid="follow-up-list">
            {people.map((p) => (
              <PersonCard key={p.person_id} person={p} onActed={acted} />
            ))}
          </ul>
        )}
      </section>
      <section class="section" aria-labelledby="follow-up-rules-title">
        <h2 id="follow-up-rules-title">{t('followUp.rule.title')}</h2>
        <p class="section__intro">{t('followUp.rule.intro')}</p>
        <FollowUpRules onSaved={refresh} />
      </section>
    </Page>
  );
}

function PersonCard({ person: p, onActed }: { person: FollowUpPerson; onActed: (message: string) => void }) {
  const { t, lang } = useI18n();
  const name = `${p.first_name} ${p.last_name}`.trim();
  const titleId = `follow-up-${p.person_id}-who`;
  return (
    <li class="safety-report follow-up-card" data-testid="follow-up-person" data-person-id={p.person_id} aria-labelledby={titleId}>
      <h3 class="safety-report__who" id={titleId}>
        <Icon name="user" />
        <Link href={`/coach/people/${p.person_id}`} data-testid="follow-up-name">
          {name}
        </Link>
        <span class="follow-up__role">{p.role === 'buddy' ? t('safety.role.buddy') : t('safety.role.worker')}</span>
      </h3>
      <ul class="follow-up__reasons" aria-label={t('followUp.reasons')} data-testid="follow-up-reasons">
        {p.reasons.map((r) => {
          const { icon, text } = reasonText(r, lang, t);
          return (
            <li key={r.code} class="job-line job-line--strong" data-testid="follow-up-reason" data-code={r.code}>
              <Icon name={icon} />
              <span>{text}</span>
            </li>
          );
        })}
      </ul>
      <p class="job-line" data-testid="follow-up-active">
        <Icon name="clock" />
        <span>{p.last_active_at ? t('followUp.lastActive', { when: formatDateTime(p.last_active_at, lang) }) : t('followUp.neverActive')}</span>
      </p>
      {p.latest_action && (
        <p class="job-line" data-testid="follow-up-latest">
          <Icon name={KIND_ICON[p.latest_action.kind]} />
          <span>{actionText(p.latest_action, lang, t)}</span>
        </p>
      )}
      {p.phone && (
        <a class="button button--secondary button--wide" href={telLink(p.phone)} data-testid="follow-up-call-link">
          <Icon name="phone" />
          <span>
            {t('safety.call', { name: p.first_name })} <span class="contact__phone">{p.phone}</span>
          </span>
        </a>
      )}
      <ActionForm person={p} onActed={onActed} />
    </li>
  );
}

/** A note and what was done: "Gebeld", "Bezocht", "Bericht gestuurd"; below, opzij zetten tot
 * een dag, and "Opgelost". A 422 shows under its field. */
function ActionForm({ person: p, onActed }: { person: FollowUpPerson; onActed: (message: string) => void }) {
  const { t } = useI18n();
  const form = useForm({ known: (k) => k === 'note' || k === 'until' });
  const [note, setNote] = useState('');
  const [until, setUntil] = useState('');
  const id = `follow-up-${p.person_id}`;
  const name = p.first_name;

  const act = (kind: FollowUpKind) => {
    const text = note.trim();
    if (text.length > NOTE_MAX) return form.fail({ note: t('followUp.noteTooLong', { n: String(NOTE_MAX) }) });
    if (kind === 'snooze' && !until) return form.fail({ until: t('followUp.untilRequired') });
    void form.submit(async () => {
      await actOnFollowUp(p.person_id, kind === 'snooze' ? { kind, note: text, until } : { kind, note: text });
      setNote('');
      onActed(kind === 'resolve' ? t('followUp.resolvedDone', { name }) : kind === 'snooze' ? t('followUp.snoozedDone', { name }) : t('followUp.notedDone', { name }));
    });
  };
  const button = (kind: FollowUpKind, label: string, variant = 'button') => (
    <button type="button" class={`${variant} button--wide`} disabled={form.busy} data-testid={`follow-up-${kind}`} onClick={() => act(kind)}>
      <Icon name={KIND_ICON[kind]} />
      {label}
    </button>
  );

  return (
    <form class="form follow-up__form" ref={form.ref} onSubmit={(e) => e.preventDefault()} noValidate data-testid="follow-up-form">
      <FormAlert messages={form.alert} testid="follow-up-error" />
      <TextArea
        name="note"
        id={`${id}-note`}
        label={t('followUp.note', { name })}
        hint={t('followUp.noteHint')}
        optional
        value={note}
        onValue={(v) => {
          setNote(v);
          form.clear('note');
        }}
        error={form.errors.note}
        maxLength={NOTE_MAX}
        rows={2}
      />
      <div class="button-stack">
        {button('call', t('followUp.kind.call'))}
        {button('visit', t('followUp.kind.visit'), 'button button--secondary')}
        {button('message', t('followUp.kind.message'), 'button button--secondary')}
      </div>
      <TextField
        name="until"
        id={`${id}-until`}
        type="date"
        label={t('followUp.until')}
        hint={t('followUp.untilHint')}
        optional
        min={tomorrow()}
        value={until}
        onValue={(v) => {
          setUntil(v);
          form.clear('until');
        }}
        error={form.errors.until}
      />
      <div class="button-stack">
        {button('snooze', t('followUp.kind.snooze'), 'button button--secondary')}
        {button('resolve', t('followUp.kind.resolve'), 'button button--secondary')}
      </div>
    </form>
  );
}
