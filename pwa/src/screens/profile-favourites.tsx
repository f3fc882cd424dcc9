// A poster's favourites on /profile (issue 12): the workers they marked "graag opnieuw", by
// first name only, each with "Niet meer eerst vragen". Their next jobs go to these first.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { Icon } from '../components/Icon';
import { FormAlert, messageOf } from '../forms/form';
import { useI18n } from '../i18n/context';
import { useLoad } from '../load';
import { type Favourite, removeFavourite } from '../repeat';
import { Section } from './profile-section';

export function FavouritesSection() {
  const { t } = useI18n();
  const { state, set } = useLoad((signal) => api<{ favourites: Favourite[] }>('GET', '/me/favourites', { signal }), []);
  const [error, setError] = useState<string[] | null>(null);
  if (state.status !== 'ready') return null;
  const favourites = state.data.favourites;
  const remove = async (id: number) => {
    setError(null);
    try {
      await removeFavourite(id);
      set({ favourites: favourites.filter((f) => f.worker_id !== id) });
    } catch (err) {
      setError([messageOf(err, t)]);
    }
  };
  return (
    <Section id="favourites" title={t('favourite.title')} intro={t('favourite.intro')} testid="favourites">
      <FormAlert messages={error} />
      {favourites.length === 0 ? (
        <p class="card__text" data-testid="favourites-none">
          {t('favourite.none')}
        </p>
      ) : (
        <ul class="series-list" data-testid="favourites-list">
          {favourites.map((f) => (
            <li key={f.worker_id} class="series-list__item" data-testid="favourite">
              <span class="job-line job-line--strong">
                <Icon name="star" />
                <span>{f.first_name}</span>
              </span>
              <button type="button" class="button button--secondary" data-testid="favourite-remove" onClick={() => void remove(f.worker_id)}>
                <Icon name="close" />
                {t('favourite.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
