// The parts of a booked job on its day (issue 11) that tell where to go and whom to call: the
// route link by the person's own travel mode, the meeting point with the buddy (which the buddy
// can change) and the one-tap phone numbers. day-card.tsx has the taps ("Ik ben er", "Klaar",
// "Ik voel me niet veilig"); answer-card.tsx puts them on the card.
import { useState } from 'preact/hooks';
import type { Accompaniment } from '../buddy';
import { Icon } from '../components/Icon';
import { type Contact, defaultMeetingAt, type Meeting, routeUrl, setMeeting } from '../day';
import { formatTime } from '../format';
import { FormAlert, SubmitButton, useForm } from '../forms/form';
import { TextField } from '../forms/text-field';
import { useI18n } from '../i18n/context';
import type { TravelMode } from '../types';
import { TRAVEL_ICON } from './answer-parts';

/** "Route": directions in the maps app, by the way the person travels. */
export function RouteLink({ point, mode, testid }: { point: { lat: number; lon: number }; mode: TravelMode | null; testid: string }) {
  const { t } = useI18n();
  const href = routeUrl(point, mode);
  if (!href) return null;
  return (
    <a class="button button--secondary button--wide" href={href} target="_blank" rel="noopener noreferrer" data-testid={testid} data-travel-mode={mode ?? ''}>
      <Icon name={mode ? TRAVEL_ICON[mode] : 'route'} />
      {t('assignments.route')}
      <span class="visually-hidden">{`${mode ? ` (${t(`travel.${mode}` as const)})` : ''} ${t('assignments.routeHint')}`}</span>
    </a>
  );
}

/** Where and when the worker and the buddy meet (the job's address when `place` is empty). */
export function MeetingLine({ meeting, name }: { meeting: Meeting; name: string | null }) {
  const { t, lang } = useI18n();
  const time = formatTime(new Date(meeting.at), lang);
  return (
    <li class="job-line job-line--strong" data-testid="meeting" data-chosen={meeting.chosen ? 'true' : 'false'}>
      <Icon name="buddies" />
      <span>
        {name ? t('day.meeting.with', { name, time }) : t('day.meeting.withBuddy', { time })}
        <br />
        <span class="job-line__more">{meeting.place ? t('day.meeting.where', { place: meeting.place }) : t('day.meeting.whereJob')}</span>
      </span>
    </li>
  );
}

/** One tap to call each person of the job (only there from 24 hours before until 24 hours
 * after it: the server leaves the list empty otherwise). */
export function Contacts({ contacts, titleId }: { contacts: readonly Contact[]; titleId: string }) {
  const { t } = useI18n();
  if (contacts.length === 0) return null;
  const headingId = `${titleId}-contacts`;
  return (
    <div class="contacts" data-testid="contacts">
      <p class="contacts__title" id={headingId}>
        {t('day.contacts')}
      </p>
      <ul class="contacts__list" aria-labelledby={headingId}>
        {contacts.map((c) => (
          <li key={`${c.role}-${c.phone}`}>
            <a class="button button--secondary button--wide contact" href={`tel:${c.phone.replace(/[^+\d]/g, '')}`} data-testid="contact" data-role={c.role}>
              <Icon name="phone" />
              <span>
                {t('day.contact.call', { name: c.first_name })} <span class="contact__role">({t(`day.role.${c.role}` as const)})</span>
              </span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

const pad = (n: number) => String(n).padStart(2, '0');
const hhmm = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}`;

/** "08:45" on the start's day (the day before when that time lies after the start: a meeting
 * at 23:30 for a job at 00:30) as a full time. */
export function meetingTime(value: string, start: string): Date | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const s = new Date(start);
  const d = new Date(s.getFullYear(), s.getMonth(), s.getDate(), Number(m[1]), Number(m[2]));
  if (d.getTime() > s.getTime()) d.setDate(d.getDate() - 1);
  return d;
}

/** The buddy's "Afspraak aanpassen": place and time, checked by the server (within the three
 * hours before the start); its field errors show under the fields. */
export function MeetingEditor({ accompaniment, onSaved }: { accompaniment: Accompaniment; onSaved: (a: Accompaniment) => void }) {
  const { t, lang } = useI18n();
  const a = accompaniment;
  const [open, setOpen] = useState(false);
  const [place, setPlace] = useState(a.meeting.place);
  const [time, setTime] = useState(hhmm(new Date(a.meeting.at || defaultMeetingAt(a.job.start))));
  const [saved, setSaved] = useState(false);
  const form = useForm({ known: (k) => k === 'place' || k === 'at' });
  const id = `meeting-${a.id}`;

  if (!open) {
    return (
      <>
        <button
          type="button"
          class="button button--secondary button--wide"
          data-testid="meeting-change"
          onClick={() => {
            setPlace(a.meeting.place);
            setTime(hhmm(new Date(a.meeting.at)));
            setSaved(false);
            setOpen(true);
          }}
        >
          <Icon name="pencil" />
          {t('day.meeting.change')}
        </button>
        <p class="saved" role="status" data-testid="meeting-saved">
          {saved && t('day.meeting.saved', { name: a.worker_first_name })}
        </p>
      </>
    );
  }

  const submit = (e: Event) => {
    e.preventDefault();
    const at = meetingTime(time, a.job.start);
    if (!at) {
      form.fail({ at: t('day.meeting.timeMissing') });
      return;
    }
    void form.submit(async () => {
      const next = await setMeeting(a.id, { place: place.trim(), at: at.toISOString() });
      setOpen(false);
      setSaved(true);
      onSaved(next);
    });
  };

  return (
    <form class="meeting-form" ref={form.ref} onSubmit={submit} noValidate data-testid="meeting-form" aria-labelledby={`${id}-title`}>
      <p class="meeting-form__title" id={`${id}-title`}>
        {t('day.meeting.formTitle', { name: a.worker_first_name })}
      </p>
      <FormAlert messages={form.alert} testid="meeting-error" />
      <TextField
        id={`${id}-place`}
        name="place"
        label={t('day.meeting.place')}
        hint={t('day.meeting.placeHint')}
        value={place}
        maxLength={120}
        onValue={(v) => {
          setPlace(v);
          form.clear('place');
        }}
        error={form.errors.place}
      />
      <TextField
        id={`${id}-at`}
        name="at"
        type="time"
        label={t('day.meeting.time')}
        hint={t('day.meeting.timeHint', { start: formatTime(new Date(a.job.start), lang) })}
        value={time}
        onValue={(v) => {
          setTime(v);
          form.clear('at');
        }}
        error={form.errors.at}
      />
      <div class="button-stack">
        <SubmitButton label={t('day.meeting.save')} busy={form.busy} testid="meeting-save" />
        <button type="button" class="button button--secondary button--wide" onClick={() => setOpen(false)}>
          <Icon name="back" />
          {t('day.meeting.cancel')}
        </button>
      </div>
    </form>
  );
}
