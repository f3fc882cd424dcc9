// Postcode + municipality. People type a postcode ("3600") or a name ("genk"); the app asks
// GET /api/v1/postcodes?q= and:
// - an exact postcode with one municipality fills the municipality by itself ("3600 Genk");
// - an exact postcode with several shows <select name="municipality"> to pick one;
// - anything else shows the places found as big buttons to tap.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { Icon } from '../components/Icon';
import type { Translate } from '../i18n';
import { useI18n } from '../i18n/context';
import type { Place } from '../types';
import { FieldError } from './fields';

export type PlaceValue = { postcode: string; municipality: string };

const DEBOUNCE_MS = 200;

export function PostcodeField({
  value,
  onValue,
  errors,
  idPrefix = 'f',
  legend,
}: {
  value: PlaceValue;
  onValue: (value: PlaceValue) => void;
  errors: { postcode?: string | undefined; municipality?: string | undefined };
  idPrefix?: string;
  legend?: string;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(value.postcode);
  const [places, setPlaces] = useState<Place[] | null>(null);
  const [failed, setFailed] = useState(false);
  const onValueRef = useRef(onValue);
  onValueRef.current = onValue;
  const valueRef = useRef(value);
  valueRef.current = value;

  const id = `${idPrefix}-postcode`;
  const selectId = `${idPrefix}-municipality`;
  const query = text.trim();
  const exact = /^[1-9][0-9]{3}$/.test(query);

  // Look the text up, a moment after the last key press.
  useEffect(() => {
    if (query.length < 2) {
      setPlaces(null);
      return;
    }
    const abort = new AbortController();
    const timer = window.setTimeout(() => {
      api<{ places: Place[] }>('GET', `/postcodes?q=${encodeURIComponent(query)}`, { signal: abort.signal }).then(
        (body) => {
          setFailed(false);
          setPlaces(Array.isArray(body?.places) ? body.places : []);
        },
        (err: unknown) => {
          if (!abort.signal.aborted && !(err instanceof DOMException)) setFailed(true);
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      abort.abort();
    };
  }, [query]);

  // An exact postcode: fill in its municipality when there is only one.
  const matches = exact && places ? places.filter((p) => p.postcode === query) : [];
  const municipalities = [...new Set(matches.map((p) => p.municipality))];
  useEffect(() => {
    if (!exact || !places) return;
    const current = valueRef.current;
    if (municipalities.length === 1) {
      const only = municipalities[0] ?? '';
      if (current.postcode !== query || current.municipality !== only) {
        onValueRef.current({ postcode: query, municipality: only });
      }
    } else if (current.postcode !== query || !municipalities.includes(current.municipality)) {
      onValueRef.current({ postcode: query, municipality: '' });
    }
    // municipalities is derived from places and query
  }, [exact, query, places]);

  const type = (next: string) => {
    setText(next);
    const q = next.trim();
    // Until a place is known, the value holds the postcode only (or nothing).
    onValue({ postcode: /^[1-9][0-9]{3}$/.test(q) ? q : '', municipality: '' });
  };

  const pick = (p: Place) => {
    setText(p.postcode);
    onValue({ postcode: p.postcode, municipality: p.municipality });
  };

  const describedBy = [`${id}-hint`, errors.postcode && `${id}-error`].filter(Boolean).join(' ');
  const suggestions = !exact && places ? places.slice(0, 8) : [];
  const chosen = value.postcode !== '' && value.municipality !== '' && value.postcode === query;

  return (
    <fieldset class="field fieldset postcode">
      <legend class="field__label">{legend ?? t('place.legend')}</legend>
      <label class="field__sublabel" for={id}>
        {t('place.postcode')}
      </label>
      <p class="field__hint" id={`${id}-hint`}>
        {t('place.hint')}
      </p>
      <input
        id={id}
        name="postcode"
        type="text"
        class="input input--short"
        autocomplete="postal-code"
        value={text}
        onInput={(e) => type(e.currentTarget.value)}
        aria-invalid={errors.postcode ? true : undefined}
        aria-describedby={describedBy}
      />
      <FieldError id={`${id}-error`} error={errors.postcode} />

      <div role="status" class="postcode__status">
        {chosen && municipalities.length <= 1 && (
          <p class="postcode__chosen" data-testid="place-chosen">
            <Icon name="pin" />
            {`${value.postcode} ${value.municipality}`}
          </p>
        )}
        {exact && places && matches.length === 0 && <p class="field__hint">{t('place.unknown')}</p>}
        {!exact && places && query.length >= 2 && places.length === 0 && (
          <p class="field__hint">{t('place.none')}</p>
        )}
        {failed && <p class="field__hint">{t('place.failed')}</p>}
      </div>

      {municipalities.length > 1 && (
        <div class="field field--tight">
          <label class="field__sublabel" for={selectId}>
            {t('place.municipality')}
          </label>
          <select
            id={selectId}
            name="municipality"
            class="input select"
            value={value.municipality}
            onChange={(e) => onValue({ postcode: query, municipality: e.currentTarget.value })}
            aria-invalid={errors.municipality ? true : undefined}
            aria-describedby={errors.municipality ? `${selectId}-error` : undefined}
          >
            <option value="">{t('place.choose')}</option>
            {municipalities.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
          <FieldError id={`${selectId}-error`} error={errors.municipality} />
        </div>
      )}
      {municipalities.length <= 1 && errors.municipality && (
        <FieldError id={`${selectId}-error`} error={errors.municipality} />
      )}

      {suggestions.length > 0 && (
        <ul class="suggestions" aria-label={t('place.suggestions')}>
          {suggestions.map((p) => (
            <li key={`${p.postcode} ${p.municipality}`}>
              <button
                type="button"
                class="suggestion"
                data-testid="place-suggestion"
                aria-pressed={value.postcode === p.postcode && value.municipality === p.municipality}
                onClick={() => pick(p)}
              >
                <Icon name="pin" />
                {`${p.postcode} ${p.municipality}`}
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

/**
 * For a submit that comes before the lookup above answered (a quick tap, or a test): complete
 * an exact postcode with its municipality when it has only one. Otherwise the field error to
 * show: choose one of several municipalities, or a postcode we do not know.
 */
export async function completePlace(
  value: PlaceValue,
  t: Translate,
): Promise<{ place: PlaceValue } | { errors: Record<string, string> }> {
  if (value.municipality) return { place: value };
  if (!/^[1-9][0-9]{3}$/.test(value.postcode)) return { errors: { postcode: t('place.missing') } };
  const body = await api<{ places: Place[] }>('GET', `/postcodes?q=${encodeURIComponent(value.postcode)}`);
  const names = [...new Set((body?.places ?? []).filter((p) => p.postcode === value.postcode).map((p) => p.municipality))];
  if (names.length === 1) return { place: { postcode: value.postcode, municipality: names[0] ?? '' } };
  return { errors: names.length > 1 ? { municipality: t('place.chooseMissing') } : { postcode: t('place.unknown') } };
}
