// Parts of the coordinator's person form that the worker's own profile does not have: the
// spoken languages as chips, an exact home point taken from the phone's location, and hour caps.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Point } from '../api/types';
import { Icon } from '../components/Icon';
import type { Lang, Translate } from '../i18n';
import { useI18n } from '../i18n/context';
import { FieldError, TextField } from './fields';
import type { FieldErrors } from './form';
import { SPOKEN_LANGUAGES, type SpokenLanguage, spokenKey } from './profile-fields';

/** The languages a coach in Limburg meets most, in the order they are offered. */
export const COMMON_SPOKEN = ['tr', 'ar', 'it', 'pl', 'ti', 'uk', 'ru', 'so', 'fa', 'es', 'fr', 'en', 'de'] as const;

const displayNames = new Map<Lang, Intl.DisplayNames | null>();

function namesIn(lang: Lang): Intl.DisplayNames | null {
  if (!displayNames.has(lang)) {
    let names: Intl.DisplayNames | null = null;
    try {
      if (typeof Intl.DisplayNames === 'function') names = new Intl.DisplayNames([lang], { type: 'language', fallback: 'none' });
    } catch {
      names = null;
    }
    displayNames.set(lang, names);
  }
  return displayNames.get(lang) ?? null;
}

/** For tests: forget the Intl.DisplayNames made so far. */
export function forgetLanguageNames(): void {
  displayNames.clear();
}

const isCatalogued = (code: string): code is SpokenLanguage => (SPOKEN_LANGUAGES as readonly string[]).includes(code);

/** The name of a language (ISO 639-1 code) in the interface language: "Turks", "Turc",
 * "Turkish". From Intl.DisplayNames; without it, from our catalogues; else the code itself. */
export function spokenLanguageName(code: string, lang: Lang, t: Translate): string {
  let name: string | undefined;
  try {
    name = namesIn(lang)?.of(code);
  } catch {
    name = undefined; // not a valid language tag
  }
  if (name && name.toLowerCase() !== code.toLowerCase()) {
    // French writes language names in lower case ("turc"); as a label it starts with a capital.
    return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
  }
  if (isCatalogued(code)) return t(spokenKey(code));
  return code.toUpperCase();
}

/** The languages someone speaks: the chosen ones as chips with a remove button, and the common
 * languages not chosen yet as chips to add. Focus stays in the list after each tap. */
export function SpokenLanguagesField({
  values,
  onValues,
  errors,
  id = 'f-spoken_languages',
}: {
  values: readonly string[];
  onValues: (values: string[]) => void;
  errors: FieldErrors;
  id?: string;
}) {
  const { t, lang } = useI18n();
  const box = useRef<HTMLFieldSetElement>(null);
  const [focusTo, setFocusTo] = useState<{ kind: 'add' | 'remove'; code: string } | null>(null);
  const [said, setSaid] = useState('');

  // A layout effect: the tapped chip is gone after this render, and focus must not rest on
  // the page in between (useEffect waits for the next frame).
  useLayoutEffect(() => {
    if (!focusTo || !box.current) return;
    const chips = [...box.current.querySelectorAll<HTMLElement>('[data-chip]')];
    const target = chips.find((el) => el.dataset.chip === focusTo.kind && el.dataset.code === focusTo.code) ?? chips[0];
    target?.focus();
    setFocusTo(null);
  }, [focusTo]);

  const name = (code: string) => spokenLanguageName(code, lang, t);
  const toAdd = COMMON_SPOKEN.filter((c) => !values.includes(c));

  // The server answers spoken_languages.N for a code it does not accept.
  const own = Object.entries(errors).filter(([k]) => k === 'spoken_languages' || k.startsWith('spoken_languages.'));
  const message = [...new Set(own.map(([, m]) => m))].join(' ') || undefined;
  const bad = new Set(own.map(([k]) => Number(k.split('.')[1])).filter((n) => Number.isInteger(n)));
  const errorId = message ? `${id}-error` : undefined;

  const add = (code: string) => {
    const i = toAdd.indexOf(code as (typeof COMMON_SPOKEN)[number]);
    const rest = toAdd.filter((c) => c !== code);
    const next = rest[i] ?? rest[i - 1];
    onValues([...values, code]);
    setSaid(t('person.spokenAdded', { language: name(code) }));
    setFocusTo(next ? { kind: 'add', code: next } : { kind: 'remove', code });
  };
  const remove = (code: string) => {
    const i = values.indexOf(code);
    const rest = values.filter((c) => c !== code);
    const next = rest[i] ?? rest[i - 1];
    onValues(rest);
    setSaid(t('person.spokenRemoved', { language: name(code) }));
    setFocusTo(next ? { kind: 'remove', code: next } : { kind: 'add', code });
  };

  return (
    <fieldset class="field fieldset" id={id} ref={box} data-testid="spoken-languages">
      <legend class="field__label">
        {t('person.spoken')}
        <span class="field__optional"> {t('form.optional')}</span>
      </legend>
      <p class="field__hint" id={`${id}-hint`}>
        {t('person.spokenHint')}
      </p>
      <p class="field__sublabel" id={`${id}-chosen`}>
        {t('person.spokenChosen')}
      </p>
      {values.length === 0 ? (
        <p class="muted" data-testid="spoken-none">
          {t('person.spokenNone')}
        </p>
      ) : (
        <ul class="chips" aria-labelledby={`${id}-chosen`}>
          {values.map((code, i) => (
            <li key={code}>
              <button
                type="button"
                class="chip chip--on"
                data-chip="remove"
                data-code={code}
                data-testid="spoken-remove"
                data-invalid={bad.has(i) ? 'true' : undefined}
                aria-label={t('person.spokenRemove', { language: name(code) })}
                aria-describedby={errorId}
                onClick={() => remove(code)}
              >
                {name(code)}
                <Icon name="close" />
              </button>
            </li>
          ))}
        </ul>
      )}
      {toAdd.length > 0 && (
        <>
          <p class="field__sublabel" id={`${id}-others`}>
            {t('person.spokenOthers')}
          </p>
          <ul class="chips" aria-labelledby={`${id}-others`}>
            {toAdd.map((code) => (
              <li key={code}>
                <button
                  type="button"
                  class="chip"
                  data-chip="add"
                  data-code={code}
                  data-testid="spoken-add"
                  aria-label={t('person.spokenAdd', { language: name(code) })}
                  onClick={() => add(code)}
                >
                  <Icon name="plus" />
                  {name(code)}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <FieldError id={`${id}-error`} error={message} />
      <p class="visually-hidden" role="status">
        {said}
      </p>
    </fieldset>
  );
}

/** A worker's exact home point (docs/openapi.yaml: Point). */
export type HomePoint = Point;

/** Belgium's box, as the API checks it (Point in docs/openapi.yaml). */
export function inBelgium(p: HomePoint): boolean {
  return p.lat >= 49.4 && p.lat <= 51.6 && p.lon >= 2.5 && p.lon <= 6.5;
}

/** "50.9650, 5.5000": rounded to 4 decimals (about 10 m), as people read coordinates. */
export function formatPoint(p: HomePoint): string {
  return `${p.lat.toFixed(4)}, ${p.lon.toFixed(4)}`;
}

/** Precise enough to trust without a warning (metres). */
const GOOD_ACCURACY = 100;

/** An optional exact home point. The phone is asked for its location only when the coach taps
 * the button (the browser then asks permission); "Wissen" goes back to the postcode's point. */
export function HomePointField({
  value,
  onValue,
  error,
  id = 'f-home_point',
}: {
  value: HomePoint | null;
  onValue: (value: HomePoint | null) => void;
  error: string | undefined;
  id?: string;
}) {
  const { t } = useI18n();
  const [locating, setLocating] = useState(false);
  const [geoError, setGeoError] = useState<string | null>(null);
  const [accuracy, setAccuracy] = useState<number | null>(null);
  const locateButton = useRef<HTMLButtonElement>(null);
  const [focusLocate, setFocusLocate] = useState(false);
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );
  // After "Wissen" that button is gone; focus goes to the one that takes the location again.
  useLayoutEffect(() => {
    if (!focusLocate) return;
    locateButton.current?.focus();
    setFocusLocate(false);
  }, [focusLocate]);

  const shown = geoError ?? error;

  const locate = () => {
    if (locating) return;
    setGeoError(null);
    if (!('geolocation' in navigator) || !navigator.geolocation) {
      setGeoError(t('person.geoNone'));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        if (!live.current) return;
        setLocating(false);
        // Five decimals is about a metre: more would only pretend to be precise.
        const point = { lat: Number(pos.coords.latitude.toFixed(5)), lon: Number(pos.coords.longitude.toFixed(5)) };
        if (!inBelgium(point)) {
          setGeoError(t('person.geoOutside'));
          return;
        }
        setAccuracy(Number.isFinite(pos.coords.accuracy) ? pos.coords.accuracy : null);
        onValue(point);
      },
      (err) => {
        if (!live.current) return;
        setLocating(false);
        setGeoError(t(err.code === err.PERMISSION_DENIED ? 'person.geoDenied' : 'person.geoFailed'));
      },
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 30_000 },
    );
  };

  const clear = () => {
    setGeoError(null);
    setAccuracy(null);
    onValue(null);
    setFocusLocate(true);
  };

  const describe = [`${id}-hint`, `${id}-private`, shown && `${id}-error`].filter(Boolean).join(' ');

  return (
    <fieldset class="field fieldset" id={id} data-testid="home-point">
      <legend class="field__label">
        {t('person.homePoint')}
        <span class="field__optional"> {t('form.optional')}</span>
      </legend>
      <p class="field__hint" id={`${id}-hint`}>
        {t('person.homePointHint')}
      </p>
      <p class="field__note" id={`${id}-private`}>
        <Icon name="shield" />
        <span>{t('person.homePointPrivate')}</span>
      </p>
      <div class="home-point" aria-live="polite">
        {value ? (
          <div class="home-point__set">
            <p class="postcode__chosen" data-testid="home-point-value">
              <Icon name="pin" />
              {t('person.homePointSet', { point: formatPoint(value) })}
            </p>
            <button type="button" class="button button--quiet" data-testid="home-point-clear" onClick={clear}>
              <Icon name="close" />
              {t('person.clearLocation')}
            </button>
          </div>
        ) : (
          <p class="muted" data-testid="home-point-none">
            {t('person.homePointNone')}
          </p>
        )}
        {value && accuracy !== null && accuracy > GOOD_ACCURACY && (
          <p class="field__hint" data-testid="home-point-inaccurate">
            {t('person.geoInaccurate', { m: Math.round(accuracy) })}
          </p>
        )}
        <FieldError id={`${id}-error`} error={shown ?? undefined} />
      </div>
      <button
        type="button"
        class="button button--secondary button--wide"
        ref={locateButton}
        data-testid="home-point-locate"
        data-invalid={shown ? 'true' : undefined}
        aria-describedby={describe}
        aria-disabled={locating ? true : undefined}
        onClick={locate}
      >
        {locating ? <span class="spinner" aria-hidden="true" /> : <Icon name="locate" />}
        {t(locating ? 'person.locating' : 'person.useLocation')}
      </button>
    </fieldset>
  );
}

/** A whole number typed by a person: null when empty, 'invalid' when not a whole number. */
export function parseWhole(text: string): number | null | 'invalid' {
  const s = text.trim();
  if (!s) return null;
  if (!/^[0-9]+$/.test(s)) return 'invalid';
  return Number(s);
}

export const MONTH_CAP_MAX = 744; // hours in 31 days
export const YEAR_CAP_MAX = 8784; // hours in a leap year

/** Client-side check of a cap: empty is fine (the organisation's cap). */
export function checkCap(text: string, max: number, t: Translate): string | undefined {
  const n = parseWhole(text);
  if (n === null) return undefined;
  if (n === 'invalid' || n < 1 || n > max) return t('person.capInvalid', { max });
  return undefined;
}

/** The value to send: null for the organisation's cap. Call after checkCap. */
export function capValue(text: string): number | null {
  const n = parseWhole(text);
  return typeof n === 'number' ? n : null;
}

/** Hours a month and a year; empty means the organisation's cap. */
export function HourCapsFields({
  month,
  year,
  onMonth,
  onYear,
  errors,
  id = 'f-caps',
}: {
  month: string;
  year: string;
  onMonth: (value: string) => void;
  onYear: (value: string) => void;
  errors: FieldErrors;
  id?: string;
}) {
  const { t } = useI18n();
  const numeric = { inputMode: 'numeric', pattern: '[0-9]*', autocomplete: 'off', maxLength: 4, class: 'field--short' } as const;
  return (
    <fieldset class="field fieldset" id={id} data-testid="hour-caps">
      <legend class="field__label">
        {t('person.caps')}
        <span class="field__optional"> {t('form.optional')}</span>
      </legend>
      <p class="field__hint" id={`${id}-hint`}>
        {t('person.capsHint')}
      </p>
      <div class="caps">
        <TextField
          {...numeric}
          name="month_hour_cap"
          label={t('person.monthCap')}
          describedby={`${id}-hint`}
          value={month}
          onValue={onMonth}
          error={errors.month_hour_cap}
        />
        <TextField
          {...numeric}
          name="year_hour_cap"
          label={t('person.yearCap')}
          describedby={`${id}-hint`}
          value={year}
          onValue={onYear}
          error={errors.year_hour_cap}
        />
      </div>
    </fieldset>
  );
}
