// The coordinator's people: /coach/people (list and search) and /coach/people/new (a new worker
// or buddy, with the invite to hand over). One person is person.tsx; the form is person-form.tsx.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { Icon } from '../components/Icon';
import { InviteCard } from '../components/InviteCard';
import { Empty, LoadFailed, Loading, Page, StatusBadge } from '../components/Page';
import { TextField } from '../forms/fields';
import { messageOf } from '../forms/form';
import { useI18n } from '../i18n/context';
import { useLoad } from '../load';
import { Link, useRouter } from '../router';
import type { Invite, Person, PersonSummary } from '../types';
import { PersonForm, type PersonRole } from './person-form';

const roleOf = (value: string | null): PersonRole => (value === 'buddy' ? 'buddy' : 'worker');

export function PeopleScreen() {
  const { t } = useI18n();
  const { query } = useRouter();
  const role = roleOf(query.get('role'));
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');

  // Search a moment after the last key press.
  useEffect(() => {
    const timer = window.setTimeout(() => setSearch(q.trim()), 300);
    return () => window.clearTimeout(timer);
  }, [q]);

  const { state, reload } = useLoad((signal) => {
    const params = new URLSearchParams({ role });
    if (search) params.set('q', search);
    return api<{ people: PersonSummary[] }>('GET', `/org/people?${params.toString()}`, { signal }).then((b) => b.people);
  }, [role, search]);

  return (
    <Page title={t('people.title')} testid="people">
      <div class="button-stack">
        <Link class="button button--wide" href="/coach/people/new?role=worker" data-testid="new-worker">
          <Icon name="userPlus" />
          {t('people.newWorker')}
        </Link>
        <Link class="button button--secondary button--wide" href="/coach/people/new?role=buddy" data-testid="new-buddy">
          <Icon name="userPlus" />
          {t('people.newBuddy')}
        </Link>
      </div>

      <nav class="tabs" aria-label={t('people.filter')}>
        {(['worker', 'buddy'] as const).map((r) => (
          <Link
            key={r}
            class="tabs__tab"
            href={`/coach/people?role=${r}`}
            aria-current={role === r ? 'page' : undefined}
            data-testid={`tab-${r}`}
          >
            <Icon name={r === 'worker' ? 'hardhat' : 'buddies'} />
            {t(r === 'worker' ? 'people.workers' : 'people.buddies')}
          </Link>
        ))}
      </nav>

      <form role="search" class="search" onSubmit={(e) => {
        e.preventDefault();
        setSearch(q.trim());
      }}>
        <TextField
          name="q"
          type="search"
          label={t('people.search')}
          hint={t('people.searchHint')}
          value={q}
          onValue={setQ}
          autocomplete="off"
        />
      </form>

      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <LoadFailed message={messageOf(state.error, t)} onRetry={reload} />}
      {state.status === 'ready' && state.data.length === 0 && (
        <Empty icon="search" testid="people-empty">
          {search ? t('people.noneFound', { q: search }) : t(role === 'worker' ? 'people.noWorkers' : 'people.noBuddies')}
        </Empty>
      )}
      {state.status === 'ready' && state.data.length > 0 && (
        <ul class="list" data-testid="people-list">
          {state.data.map((p) => (
            <li key={p.id} class="list__item list__item--link" data-testid="person">
              <span class="list__icon">
                <Icon name={p.role === 'worker' ? 'hardhat' : 'buddies'} />
              </span>
              <div class="list__body">
                <Link class="list__link" href={`/coach/people/${p.id}`}>
                  {`${p.first_name} ${p.last_name}`}
                </Link>
                <p class="list__text">{[p.municipality, p.phone].filter(Boolean).join(' · ')}</p>
                <StatusBadge status={p.status} />
              </div>
              <Icon name="chevron" class="list__chevron" />
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}

export function NewPersonScreen() {
  const { t } = useI18n();
  const { query, navigate } = useRouter();
  const role = roleOf(query.get('role'));
  const [created, setCreated] = useState<{ person: Person; invite: Invite } | null>(null);
  const list = `/coach/people?role=${role}`;

  return (
    <Page
      title={t(role === 'worker' ? 'people.newWorker' : 'people.newBuddy')}
      intro={created ? undefined : t('person.newIntro')}
      back={{ href: list, label: t('people.backToList') }}
      testid="new-person"
    >
      {created ? (
        <InviteCard invite={created.invite} name={created.person.first_name} onDone={() => navigate(list)} />
      ) : (
        <PersonForm
          role={role}
          person={null}
          submitLabel={t('person.create')}
          onSave={async (body) => {
            const res = await api<{ person: Person; invite: Invite }>('POST', '/org/people', { body: { role, ...body } });
            setCreated(res);
          }}
        />
      )}
    </Page>
  );
}

