// The coordinator's organisation on their home: this year's figures (its buddies' approved
// "vrijwilligersuren", its workers' worked hours) and the hourly pay of its workers, which
// they set (PATCH /org/settings); without it the workers see no amounts.
import { useState } from 'preact/hooks';
import { Icon } from '../components/Icon';
import { LoadFailed, Loading } from '../components/Page';
import { formatMoney } from '../format';
import { TextField } from '../forms/fields';
import { FormAlert, messageOf, Saved, SubmitButton, useForm } from '../forms/form';
import { useI18n } from '../i18n/context';
import { useLoad } from '../load';
import { fetchOrgFigures, fetchOrgSettings, hoursText, parseEuro, saveOrgSettings } from '../worked';

const euroText = (cents: number | null | undefined) => (cents == null ? '' : (cents / 100).toFixed(2).replace('.', ','));

export function OrgSection() {
  const { t, lang } = useI18n();
  const { state, reload, set } = useLoad((signal) => Promise.all([fetchOrgFigures(signal), fetchOrgSettings(signal)]), []);
  const form = useForm({ known: (k) => k === 'worker_rate_cents' });
  // What the coach typed; null: the saved rate, as it is.
  const [typedRate, setRate] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const current = state.status === 'ready' ? state.data[1].worker_rate_cents : undefined;
  const rate = typedRate ?? euroText(current);

  const save = (e: Event) => {
    e.preventDefault();
    setSaved(false);
    const typed = rate.trim();
    const cents = typed === '' ? null : parseEuro(typed);
    if (cents === null && typed !== '') {
      form.fail({ worker_rate_cents: t('org.rateInvalid') });
      return;
    }
    void form.submit(async () => {
      const next = await saveOrgSettings({ worker_rate_cents: cents });
      if (state.status === 'ready') set([state.data[0], next]);
      setRate(null);
      setSaved(true);
    });
  };

  return (
    <section class="section" aria-labelledby="org-title" data-testid="org-section">
      <h2 id="org-title">{t('org.title')}</h2>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <LoadFailed message={messageOf(state.error, t)} onRetry={reload} />}
      {state.status === 'ready' && (
        <>
          <ul class="stats" data-testid="org-figures">
            <li class="stat">
              <span class="stat__value" data-testid="figure-volunteer-hours">
                {hoursText(state.data[0].volunteer_hours, lang, t)}
              </span>
              <span class="stat__label">{t('org.volunteerHours')}</span>
              <span class="stat__note">{t('org.inYear', { year: String(state.data[0].year) })}</span>
            </li>
            <li class="stat">
              <span class="stat__value" data-testid="figure-worked-hours">
                {hoursText(state.data[0].worked_hours, lang, t)}
              </span>
              <span class="stat__label">{t('org.workedHours')}</span>
              <span class="stat__note">{t('org.inYear', { year: String(state.data[0].year) })}</span>
            </li>
          </ul>
          <form ref={form.ref} onSubmit={save} noValidate data-testid="org-rate-form">
            <FormAlert messages={form.alert} />
            <TextField
              name="worker_rate_cents"
              label={t('org.rate')}
              hint={current != null ? t('org.rateNow', { amount: formatMoney(current, 'EUR', lang) }) : t('org.rateNone')}
              value={rate}
              onValue={(v) => {
                setRate(v);
                setSaved(false);
                form.clear('worker_rate_cents');
              }}
              inputMode="decimal"
              autoComplete="off"
              optional
              error={form.errors['worker_rate_cents']}
            />
            <SubmitButton label={t('org.saveRate')} busy={form.busy} icon="euro" testid="org-rate-save" />
            <Saved show={saved} />
          </form>
        </>
      )}
    </section>
  );
}
