// A poster's part of /profile: who they are (household or company) and their addresses.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { Icon } from '../components/Icon';
import { Empty } from '../components/Page';
import { TextField } from '../forms/fields';
import { type FieldErrors, FormAlert, messageOf, Saved, SubmitButton, useForm } from '../forms/form';
import { completePlace, type PlaceValue, PostcodeField } from '../forms/PostcodeField';
import { looksLikePhone } from '../forms/rules';
import { useI18n } from '../i18n/context';
import type { Address, Place, PosterProfile, User } from '../types';
import { type Save, Section, useSavedFlag } from './profile-section';

export function PosterDetails({ user, poster, save }: { user: User; poster: PosterProfile; save: Save }) {
  const { t } = useI18n();
  const [v, setV] = useState({
    first_name: user.first_name,
    last_name: user.last_name,
    phone: user.phone ?? '',
    company_name: poster.company_name ?? '',
    vat_number: poster.vat_number ?? '',
  });
  const company = poster.kind === 'company';
  const flag = useSavedFlag();
  const form = useForm({ known: (k) => k in v });
  const set = (key: keyof typeof v) => (x: string) => {
    setV((old) => ({ ...old, [key]: x }));
    form.clear(key);
    flag.edited();
  };

  const onSubmit = (e: Event) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    if (!v.first_name.trim()) errors.first_name = t('form.required');
    if (!v.last_name.trim()) errors.last_name = t('form.required');
    if (!v.phone.trim()) errors.phone = t('form.required');
    else if (!looksLikePhone(v.phone)) errors.phone = t('form.phoneInvalid');
    if (company && !v.company_name.trim()) errors.company_name = t('form.required');
    if (company && !v.vat_number.trim()) errors.vat_number = t('form.required');
    if (Object.keys(errors).length > 0) {
      form.fail(errors, [t('form.checkFields')]);
      return;
    }
    const body: Record<string, unknown> = { first_name: v.first_name.trim(), last_name: v.last_name.trim(), phone: v.phone.trim() };
    if (company) body.poster = { company_name: v.company_name.trim(), vat_number: v.vat_number.trim() };
    void form.submit(async () => {
      await save(body);
      flag.done();
    });
  };

  return (
    <Section id="details" title={t('profile.details')} testid="poster-details">
      {user.email && (
        <dl class="facts">
          <div class="facts__row">
            <dt>{t('form.email')}</dt>
            <dd>{user.email}</dd>
          </div>
        </dl>
      )}
      <form class="form" ref={form.ref} onSubmit={onSubmit} noValidate>
        <FormAlert messages={form.alert} />
        {company && (
          <>
            <TextField name="company_name" label={t('signup.companyName')} value={v.company_name} onValue={set('company_name')} error={form.errors.company_name} autocomplete="organization" />
            <TextField name="vat_number" label={t('signup.vat')} hint={t('signup.vatHint')} value={v.vat_number} onValue={set('vat_number')} error={form.errors.vat_number} />
          </>
        )}
        <TextField name="first_name" label={t('form.firstName')} value={v.first_name} onValue={set('first_name')} error={form.errors.first_name} autocomplete="given-name" />
        <TextField name="last_name" label={t('form.lastName')} value={v.last_name} onValue={set('last_name')} error={form.errors.last_name} autocomplete="family-name" />
        <TextField name="phone" type="tel" label={t('form.phone')} hint={t('form.phoneHint')} value={v.phone} onValue={set('phone')} error={form.errors.phone} autocomplete="tel" />
        <SubmitButton label={t('common.save')} busy={form.busy} testid="details-save" />
        <Saved show={flag.saved} />
      </form>
    </Section>
  );
}

export function Addresses({ addresses, onAddresses }: { addresses: Address[]; onAddresses: (a: Address[]) => void }) {
  const { t } = useI18n();
  const [error, setError] = useState<string[] | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);

  const remove = async (a: Address) => {
    if (confirming !== a.id) {
      setConfirming(a.id);
      return;
    }
    setError(null);
    try {
      await api<void>('DELETE', `/me/addresses/${a.id}`);
      onAddresses(addresses.filter((x) => x.id !== a.id));
    } catch (err) {
      setError([messageOf(err, t)]);
    } finally {
      setConfirming(null);
    }
  };

  return (
    <Section id="addresses" title={t('address.title')} intro={t('address.intro')} testid="addresses">
      <FormAlert messages={error} />
      {addresses.length === 0 ? (
        <Empty icon="pin" testid="addresses-empty">
          {t('address.none')}
        </Empty>
      ) : (
        <ul class="list list--plain" data-testid="address-list">
          {addresses.map((a) => (
            <li key={a.id} class="list__item" data-testid="address">
              <span class="list__icon">
                <Icon name="pin" />
              </span>
              <div class="list__body">
                <p class="list__title">{a.label}</p>
                <p class="list__text">{`${a.street}, ${a.postcode} ${a.municipality}`}</p>
              </div>
              <button
                type="button"
                class={confirming === a.id ? 'button button--danger' : 'button button--quiet button--icon'}
                aria-label={confirming === a.id ? undefined : t('address.remove', { label: a.label })}
                data-testid="address-remove"
                onClick={() => void remove(a)}
              >
                <Icon name="trash" />
                {confirming === a.id && t('address.removeConfirm')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <AddAddress onAdded={(a) => onAddresses([...addresses, a])} />
    </Section>
  );
}

function AddAddress({ onAdded }: { onAdded: (a: Address) => void }) {
  const { t } = useI18n();
  const [label, setLabel] = useState('');
  const [street, setStreet] = useState('');
  const [place, setPlace] = useState<PlaceValue>({ postcode: '', municipality: '' });
  const [point, setPoint] = useState<{ lat: number; lon: number; near: Place | null } | null>(null);
  const [locating, setLocating] = useState(false);
  const [round, setRound] = useState(0); // a new round resets the postcode field
  const [added, setAdded] = useState(false);
  const form = useForm({ known: (k) => ['label', 'street', 'postcode', 'municipality', 'lat', 'lon'].includes(k) });
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );

  const locate = () => {
    form.clear('postcode', 'municipality', 'lat', 'lon');
    if (!('geolocation' in navigator)) {
      form.fail({ lat: t('address.noGeo') });
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      async (pos) => {
        const lat = Number(pos.coords.latitude.toFixed(5));
        const lon = Number(pos.coords.longitude.toFixed(5));
        let near: Place | null = null;
        try {
          near = (await api<{ place: Place }>('GET', `/postcodes/nearest?lat=${lat}&lon=${lon}`)).place;
        } catch {
          /* the server places it anyway */
        }
        if (!live.current) return;
        setPoint({ lat, lon, near });
        setLocating(false);
      },
      (err) => {
        setLocating(false);
        form.fail({ lat: err.code === err.PERMISSION_DENIED ? t('address.geoDenied') : t('address.geoFailed') });
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const onSubmit = (e: Event) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    if (!label.trim()) errors.label = t('form.required');
    if (!street.trim()) errors.street = t('form.required');
    if (!point && !place.postcode) errors.postcode = t('place.missing');
    if (Object.keys(errors).length > 0) {
      form.fail(errors, [t('form.checkFields')]);
      return;
    }
    void form.submit(async () => {
      let body: Record<string, unknown> = { label: label.trim(), street: street.trim() };
      if (point) body = { ...body, lat: point.lat, lon: point.lon };
      else {
        const done = await completePlace(place, t);
        if ('errors' in done) {
          form.fail(done.errors, [t('form.checkFields')]);
          return;
        }
        body = { ...body, postcode: done.place.postcode, municipality: done.place.municipality };
      }
      const a = await api<Address>('POST', '/me/addresses', { body });
      onAdded(a);
      setLabel('');
      setStreet('');
      setPlace({ postcode: '', municipality: '' });
      setPoint(null);
      setRound((n) => n + 1);
      setAdded(true);
    });
  };

  return (
    <form class="form subform" ref={form.ref} onSubmit={onSubmit} noValidate data-testid="address-form">
      <h3 class="subform__title">{t('address.add')}</h3>
      <FormAlert messages={form.alert} />
      <TextField
        name="label"
        label={t('address.label')}
        hint={t('address.labelHint')}
        value={label}
        onValue={(x) => {
          setLabel(x);
          setAdded(false);
          form.clear('label');
        }}
        error={form.errors.label}
      />
      <TextField
        name="street"
        label={t('address.street')}
        value={street}
        onValue={(x) => {
          setStreet(x);
          form.clear('street');
        }}
        error={form.errors.street}
        autocomplete="street-address"
      />
      {point ? (
        <div class="located" data-testid="located">
          <p class="postcode__chosen">
            <Icon name="locate" />
            {point.near ? t('address.locatedNear', { place: `${point.near.postcode} ${point.near.municipality}` }) : t('address.located')}
          </p>
          <button type="button" class="button button--quiet" onClick={() => setPoint(null)}>
            <Icon name="close" />
            {t('address.usePostcode')}
          </button>
        </div>
      ) : (
        <>
          <PostcodeField
            key={round}
            idPrefix="address"
            legend={t('address.place')}
            value={place}
            onValue={(p) => {
              setPlace(p);
              form.clear('postcode', 'municipality');
            }}
            errors={{ postcode: form.errors.postcode, municipality: form.errors.municipality }}
          />
          <p class="or">{t('address.or')}</p>
          <button
            type="button"
            class="button button--secondary button--wide"
            data-testid="use-location"
            onClick={locate}
            aria-describedby={form.errors.lat ? 'f-location-error' : undefined}
          >
            {locating ? <span class="spinner" aria-hidden="true" /> : <Icon name="locate" />}
            {t('address.useLocation')}
          </button>
          {form.errors.lat && (
            <p class="field__error" id="f-location-error">
              <Icon name="alert" />
              <span>{form.errors.lat}</span>
            </p>
          )}
        </>
      )}
      <SubmitButton label={t('address.addButton')} busy={form.busy} icon="plus" testid="address-add" />
      <p class="saved" role="status">
        {added && (
          <>
            <Icon name="check" />
            {t('address.added')}
          </>
        )}
      </p>
    </form>
  );
}
