// /coach/phoned: a job for a household that phoned (issue 13, part 7). The coordinator records
// the household (no e-mail: it cannot sign in; its address in the organisation's area) and posts
// its job, which is then matched and offered like any other.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { categoryName, useCategories } from '../categories';
import { Link } from '../router';
import { Icon } from '../components/Icon';
import { Page } from '../components/Page';
import { SelectField, TextArea, TextField } from '../forms/fields';
import { messageOf } from '../forms/form';
import { useI18n } from '../i18n/context';
import { startIso } from '../jobs';

type Errors = Record<string, string>;

/** A household the organisation recorded before (GET /org/posters). */
type Phoned = { id: number; first_name: string; last_name: string; address: { id: number; street: string; municipality: string } };

export function CoachPhonedScreen() {
  const { t, lang } = useI18n();
  const cats = useCategories();
  const [v, setV] = useState({ first_name: '', last_name: '', phone: '', street: '', postcode: '', municipality: '', category: '',
    date: '', time: '10:00', minutes: '120', description: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [failed, setFailed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [posted, setPosted] = useState<number | null>(null);
  const [poster, setPoster] = useState<{ id: number; address: number } | null>(null);
  const [earlier, setEarlier] = useState<Phoned[]>([]);
  const set = (k: keyof typeof v) => (value: string) => setV({ ...v, [k]: value });

  // A household that phoned before is chosen, not typed again; without the list, a new one.
  useEffect(() => {
    const ctl = new AbortController();
    api<{ posters: Phoned[] }>('GET', '/org/posters', { signal: ctl.signal })
      .then((r) => setEarlier(r.posters))
      .catch(() => undefined);
    return () => ctl.abort();
  }, []);
  const chooseEarlier = (value: string) => {
    const p = earlier.find((e) => String(e.id) === value);
    setPoster(p ? { id: p.id, address: p.address.id } : null);
    setErrors({});
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setErrors({});
    setFailed(null);
    try {
      let p = poster;
      if (!p) {
        const made = await api<{ id: number; address: { id: number } }>('POST', '/org/posters', {
          body: { first_name: v.first_name, last_name: v.last_name, phone: v.phone,
            address: { street: v.street, postcode: v.postcode, municipality: v.municipality } },
        });
        p = { id: made.id, address: made.address.id };
        setPoster(p);
      }
      const job = await api<{ id: number }>('POST', `/org/posters/${p.id}/jobs`, {
        body: { category: v.category, address_id: p.address, start: startIso(v.date, v.time) ?? '', minutes: Number(v.minutes) || 0,
          workers_needed: 1, description: v.description },
      });
      setPosted(job.id);
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fieldErrors).length > 0) {
        const out: Errors = {};
        for (const [k, msg] of Object.entries(err.fieldErrors)) out[k.replace(/^address\./, '')] = msg;
        setErrors(out);
      } else setFailed(messageOf(err, t));
    } finally {
      setBusy(false);
    }
  };

  const back = { href: '/', label: t('phoned.back') };
  if (posted !== null) {
    return (
      <Page title={t('phoned.title')} back={back} testid="coach-phoned">
        <p class="notice notice--ok page-note" role="status" data-testid="phoned-posted">
          <Icon name="check" />
          {t('phoned.posted')}
        </p>
        <Link class="button button--wide" href={`/coach/jobs/${posted}`}>
          <Icon name="clipboard" />
          {t('phoned.toJob')}
        </Link>
      </Page>
    );
  }
  const options = cats.status === 'ready' ? cats.categories.map((c) => ({ value: c.slug, label: categoryName(c, lang) })) : [];
  return (
    <Page title={t('phoned.title')} intro={t('phoned.intro')} back={back} testid="coach-phoned">
      <form class="form" onSubmit={(e) => void submit(e)} noValidate>
        {failed && (
          <p class="notice notice--error" role="alert">
            <Icon name="alert" />
            {failed}
          </p>
        )}
        {earlier.length > 0 && (
          <SelectField
            name="earlier"
            label={t('phoned.earlier')}
            value={poster ? String(poster.id) : ''}
            onValue={chooseEarlier}
            options={[
              { value: '', label: t('phoned.newHousehold') },
              ...earlier.map((e) => ({
                value: String(e.id),
                label: t('phoned.earlierOption', { name: `${e.first_name} ${e.last_name}`.trim(), street: e.address.street, municipality: e.address.municipality }),
              })),
            ]}
          />
        )}
        {!poster && (
          <fieldset class="fieldset">
            <legend>{t('phoned.household')}</legend>
            <TextField name="first_name" label={t('phoned.firstName')} value={v.first_name} onValue={set('first_name')} error={errors.first_name} />
            <TextField name="last_name" label={t('phoned.lastName')} value={v.last_name} onValue={set('last_name')} error={errors.last_name} optional />
            <TextField name="phone" type="tel" label={t('phoned.phone')} value={v.phone} onValue={set('phone')} error={errors.phone} autocomplete="off" />
            <TextField name="street" label={t('phoned.street')} value={v.street} onValue={set('street')} error={errors.street} />
            <TextField name="postcode" label={t('phoned.postcode')} value={v.postcode} onValue={set('postcode')} error={errors.postcode} inputMode="numeric" />
            <TextField name="municipality" label={t('phoned.municipality')} value={v.municipality} onValue={set('municipality')} error={errors.municipality} />
          </fieldset>
        )}
        <fieldset class="fieldset">
          <legend>{t('phoned.job')}</legend>
          <SelectField name="category" label={t('phoned.category')} value={v.category} onValue={set('category')} options={options} error={errors.category} required />
          <TextField name="date" type="date" label={t('phoned.date')} value={v.date} onValue={set('date')} error={errors.start} />
          <TextField name="time" type="time" label={t('phoned.time')} value={v.time} onValue={set('time')} />
          <TextField name="minutes" type="number" label={t('phoned.minutes')} value={v.minutes} onValue={set('minutes')} error={errors.minutes} />
          <TextArea name="description" label={t('phoned.description')} value={v.description} onValue={set('description')} error={errors.description} optional maxLength={2000} />
        </fieldset>
        <button type="submit" class="button button--accent button--wide" data-testid="phoned-submit" aria-disabled={busy ? true : undefined}>
          {busy ? <span class="spinner" aria-hidden="true" /> : <Icon name="plus" />}
          {busy ? t('form.busy') : t('phoned.submit')}
        </button>
      </form>
    </Page>
  );
}
