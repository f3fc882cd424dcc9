import { useEffect, useRef, useState } from 'preact/hooks';
import { api, API_BASE, ApiError, problemOf } from '../api';
import { CalendarSection } from '../components/CalendarSection';
import { Icon } from '../components/Icon';
import { LoadFailed, Loading, Page, StaleNote } from '../components/Page';
import { PushSettings } from '../components/PushSettings';
import { formatDateTime } from '../format';
import { FormAlert, messageOf } from '../forms/form';
import { useI18n } from '../i18n/context';
import { useLoad } from '../load';
import { useRouter } from '../router';
import { useSession } from '../session';
import type { DeviceSession } from '../types';

/** Where am I signed in; sign devices out; notifications on this phone (workers and buddies,
 * the only ones who get pushes); my jobs in my calendar (workers, buddies, posters); download my
 * data; delete my account. */
export function DevicesScreen() {
  const { t, lang } = useI18n();
  const { navigate } = useRouter();
  const session = useSession();
  const me = session.user;
  const { state, reload, set } = useLoad(
    (signal) => api<{ sessions: DeviceSession[] }>('GET', '/sessions', { signal }).then((b) => b.sessions),
    [],
    me ? { userId: me.id, name: 'devices' } : undefined,
  );
  const [error, setError] = useState<string[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const run = async (key: string, work: () => Promise<void>) => {
    if (busy) return;
    setBusy(key);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError([messageOf(err, t)]);
    } finally {
      setBusy(null);
    }
  };

  const signOutDevice = (d: DeviceSession) =>
    run(`session-${d.id}`, async () => {
      if (d.current) {
        await session.signOut();
        navigate('/', { replace: true });
        return;
      }
      await api<void>('DELETE', `/sessions/${d.id}`);
      if (state.status === 'ready') set(state.data.filter((s) => s.id !== d.id));
    });

  const signOutEverywhere = () =>
    run('all', async () => {
      await session.signOut(true);
      navigate('/', { replace: true });
    });

  return (
    <Page title={t('devices.title')} intro={t('devices.intro')} testid="devices">
      <FormAlert messages={error} testid="devices-error" />
      <StaleNote state={state} testid="devices-stale" />
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <LoadFailed message={messageOf(state.error, t)} onRetry={reload} />}
      {state.status === 'ready' && (
        <ul class="list" data-testid="session-list">
          {state.data.map((d) => (
            <li key={d.id} class="list__item" data-testid="session" data-current={d.current ? 'true' : 'false'}>
              <span class="list__icon">
                <Icon name="phone" />
              </span>
              <div class="list__body">
                <p class="list__title">
                  {d.device || t('devices.unknown')}
                  {d.current && (
                    <span class="badge badge--active" data-testid="session-current">
                      {t('devices.this')}
                    </span>
                  )}
                </p>
                <p class="list__text">{t('devices.lastSeen', { when: formatDateTime(d.last_seen_at, lang) })}</p>
                <button
                  type="button"
                  class="button button--secondary"
                  data-testid="session-signout"
                  aria-disabled={busy ? true : undefined}
                  onClick={() => signOutDevice(d)}
                >
                  <Icon name="signOut" />
                  {d.current ? t('devices.signOutThis') : t('devices.signOut')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <div class="button-stack">
        <button
          type="button"
          class="button button--secondary button--wide"
          data-testid="logout-all"
          onClick={signOutEverywhere}
        >
          <Icon name="signOut" />
          {t('devices.signOutAll')}
        </button>
      </div>

      {(me?.role === 'worker' || me?.role === 'buddy') && <PushSettings userId={me.id} kind={me.role} />}

      {(me?.role === 'worker' || me?.role === 'buddy' || me?.role === 'poster') && <CalendarSection />}

      <section class="section" aria-labelledby="data-title">
        <h2 id="data-title">{t('devices.dataTitle')}</h2>
        <p class="section__intro">{t('devices.dataText')}</p>
        <Export />
      </section>

      <DeleteAccount />
    </Page>
  );
}

/** GET /me/export as a file: fetched (so errors show here), then saved through a blob link. */
function Export() {
  const { t } = useI18n();
  const [state, setState] = useState<'idle' | 'busy' | 'done'>('idle');
  const [error, setError] = useState<string[] | null>(null);
  const download = async () => {
    if (state === 'busy') return;
    setState('busy');
    setError(null);
    try {
      const res = await fetch(`${API_BASE}/me/export`, {
        credentials: 'same-origin',
        headers: { Accept: 'application/json', 'Accept-Language': document.documentElement.lang },
      }).catch(() => {
        throw new ApiError({ status: 0, code: 'network' });
      });
      if (!res.ok) throw await problemOf(res);
      const blob = await res.blob();
      const name = /filename="?([^";]+)"?/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? 'klusbuddy-export.json';
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState('done');
    } catch (err) {
      setState('idle');
      setError([messageOf(err, t)]);
    }
  };
  return (
    <>
      <FormAlert messages={error} />
      <button type="button" class="button button--wide" data-testid="export" onClick={download}>
        {state === 'busy' ? <span class="spinner spinner--on-dark" aria-hidden="true" /> : <Icon name="download" />}
        {t('devices.export')}
      </button>
      <p class="saved" role="status">
        {state === 'done' && (
          <>
            <Icon name="check" />
            {t('devices.exported')}
          </>
        )}
      </p>
    </>
  );
}

/** Deleting needs two taps: the first explains what happens, the second does it. */
function DeleteAccount() {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const session = useSession();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string[] | null>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const opened = useRef(false);

  // The question replaces the button: move focus to it, and back when it is cancelled.
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (opened.current) startRef.current?.focus();
    opened.current = asking;
  }, [asking]);

  const remove = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await api<void>('DELETE', '/me', { body: { confirm: true } });
      session.signedOut();
      navigate('/?deleted=1', { replace: true });
    } catch (err) {
      setError([messageOf(err, t)]);
      setBusy(false);
    }
  };

  return (
    <section class="section danger-zone" aria-labelledby="delete-title">
      <h2 id="delete-title">{t('devices.deleteTitle')}</h2>
      <p class="section__intro">{t('devices.deleteText')}</p>
      {!asking ? (
        <button
          type="button"
          class="button button--danger-outline button--wide"
          data-testid="delete-account"
          ref={startRef}
          onClick={() => setAsking(true)}
        >
          <Icon name="trash" />
          {t('devices.delete')}
        </button>
      ) : (
        <div class="confirm" role="group" aria-labelledby="delete-confirm-text" tabIndex={-1} ref={confirmRef}>
          <p id="delete-confirm-text" class="confirm__text">
            <Icon name="alert" />
            <span>{t('devices.deleteConfirm')}</span>
          </p>
          <FormAlert messages={error} />
          <div class="button-stack">
            <button type="button" class="button button--danger button--wide" data-testid="delete-confirm" onClick={remove}>
              {busy ? <span class="spinner spinner--on-dark" aria-hidden="true" /> : <Icon name="trash" />}
              {t('devices.deleteYes')}
            </button>
            <button type="button" class="button button--secondary button--wide" onClick={() => setAsking(false)}>
              <Icon name="close" />
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
