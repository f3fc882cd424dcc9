// "Mijn agenda" on the devices screen, for workers, buddies and posters: one button puts their
// jobs in their phone's calendar (a private webcal:// feed); the link to copy for Google
// Calendar's "From URL"; renewing (the old link stops working) and revoking. The server shows a
// feed's address only in the answer that makes it, so the link is shown right after that, once.
// Nothing is asked of the server before the person taps: the state of an existing link loads
// when they open "Mijn agendalink beheren".
import { useEffect, useRef, useState } from 'preact/hooks';
import { type CalendarFeed, calendarApp, copyToClipboard, createCalendarFeed, getCalendarFeed, revokeCalendarFeed } from '../calendar';
import { formatDateTime } from '../format';
import { FormAlert, messageOf } from '../forms/form';
import { useI18n } from '../i18n/context';
import { Icon } from './Icon';

type Done = 'copied' | 'copyFailed' | 'revoked' | null;

export function CalendarSection() {
  const { t, lang } = useI18n();
  const [feed, setFeed] = useState<CalendarFeed | null>(null); // as last known; null: not asked yet
  const [made, setMade] = useState<CalendarFeed | null>(null); // just made: with its address
  const [managing, setManaging] = useState(false);
  const [asking, setAsking] = useState<'add' | 'renew' | null>(null); // "the old link stops working": confirm first
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string[] | null>(null);
  const [done, setDone] = useState<Done>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const linkRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  useEffect(() => {
    if (made) linkRef.current?.focus();
  }, [made]);

  const run = async (key: string, work: () => Promise<void>) => {
    if (busy) return;
    setBusy(key);
    setError(null);
    setDone(null);
    try {
      await work();
    } catch (err) {
      setError([messageOf(err, t)]);
    } finally {
      setBusy(null);
    }
  };

  const make = async () => {
    const f = await createCalendarFeed();
    setFeed(f);
    setMade(f);
    setAsking(null);
    if (f.webcal_url) calendarApp.open(f.webcal_url);
  };

  // A second "Toevoegen" must not silently break the calendar that uses the first link.
  const add = () =>
    run('add', async () => {
      const current = feed ?? (await getCalendarFeed());
      setFeed(current);
      if (current.exists) {
        setManaging(true);
        setAsking('add');
        return;
      }
      await make();
    });

  const manage = () => {
    const open = !managing;
    setManaging(open);
    if (!open) setAsking(null);
    if (open && !feed) void run('load', async () => setFeed(await getCalendarFeed()));
  };

  const revoke = () =>
    run('revoke', async () => {
      await revokeCalendarFeed();
      setFeed({ exists: false, created_at: null });
      setMade(null);
      setAsking(null);
      setDone('revoked');
    });

  const copy = async () => {
    if (!made?.url) return;
    setDone((await copyToClipboard(made.url)) ? 'copied' : 'copyFailed');
  };

  const spinner = (key: string, dark = true) =>
    busy === key ? <span class={dark ? 'spinner spinner--on-dark' : 'spinner'} aria-hidden="true" /> : null;

  return (
    <section class="section calendar-feed" aria-labelledby="calendar-title" data-testid="calendar">
      <h2 id="calendar-title">{t('calendar.title')}</h2>
      <p class="section__intro">{t('calendar.intro')}</p>
      <FormAlert messages={error} testid="calendar-error" />

      {made?.url && made.webcal_url ? (
        <div data-testid="calendar-link">
          <p class="notice notice--ok" tabIndex={-1} ref={linkRef}>
            <Icon name="check" />
            <span>{t('calendar.added')}</span>
          </p>
          <div class="button-stack">
            <a class="button button--wide" href={made.webcal_url} data-testid="calendar-open">
              <Icon name="calendar" />
              {t('calendar.open')}
            </a>
          </div>
          <div class="field">
            <label class="field__label" for="calendar-url">
              {t('calendar.urlLabel')}
            </label>
            <input
              id="calendar-url"
              class="input"
              type="text"
              readOnly
              value={made.url}
              data-testid="calendar-url"
              onFocus={(e) => e.currentTarget.select()}
            />
          </div>
          <div class="button-stack">
            <button type="button" class="button button--secondary button--wide" data-testid="calendar-copy" onClick={copy}>
              <Icon name="copy" />
              {t('calendar.copy')}
            </button>
          </div>
          <p class="section__intro">
            <Icon name="key" /> {t('calendar.once')}
          </p>
        </div>
      ) : (
        <div class="button-stack">
          <button
            type="button"
            class="button button--wide"
            data-testid="calendar-add"
            aria-disabled={busy ? true : undefined}
            onClick={add}
          >
            {spinner('add') ?? <Icon name="calendar" />}
            {t('calendar.add')}
          </button>
        </div>
      )}

      <div class="button-stack">
        <button
          type="button"
          class="button button--secondary button--wide"
          data-testid="calendar-manage"
          aria-expanded={managing}
          aria-controls={managing ? 'calendar-manage-panel' : undefined}
          onClick={manage}
        >
          {spinner('load', false) ?? <Icon name="key" />}
          {t('calendar.manage')}
        </button>
      </div>
      {managing && feed && (
        <div id="calendar-manage-panel" data-testid="calendar-manage-panel">
          <p class="notice" data-testid="calendar-status">
            <Icon name={feed.exists ? 'calendar' : 'ban'} />
            <span>
              {feed.exists && feed.created_at ? t('calendar.since', { when: formatDateTime(feed.created_at, lang) }) : t('calendar.none')}
            </span>
          </p>
          {feed.exists && !asking && (
            <div class="button-stack">
              <button type="button" class="button button--secondary button--wide" data-testid="calendar-renew" onClick={() => setAsking('renew')}>
                <Icon name="refresh" />
                {t('calendar.renew')}
              </button>
              <button
                type="button"
                class="button button--danger-outline button--wide"
                data-testid="calendar-revoke"
                aria-disabled={busy ? true : undefined}
                onClick={revoke}
              >
                {spinner('revoke', false) ?? <Icon name="ban" />}
                {t('calendar.revoke')}
              </button>
            </div>
          )}
          {feed.exists && asking && (
            <div class="confirm" role="group" aria-labelledby="calendar-confirm-text" tabIndex={-1} ref={confirmRef} data-testid="calendar-confirm">
              <p id="calendar-confirm-text" class="confirm__text">
                <Icon name="alert" />
                <span>
                  {asking === 'add' && `${t('calendar.exists')} `}
                  {t('calendar.renewWarning')}
                </span>
              </p>
              <div class="button-stack">
                <button
                  type="button"
                  class="button button--wide"
                  data-testid="calendar-renew-yes"
                  aria-disabled={busy ? true : undefined}
                  onClick={() => run('renew', make)}
                >
                  {spinner('renew') ?? <Icon name="refresh" />}
                  {t('calendar.renewYes')}
                </button>
                <button type="button" class="button button--secondary button--wide" onClick={() => setAsking(null)}>
                  <Icon name="close" />
                  {t('common.cancel')}
                </button>
              </div>
            </div>
          )}
        </div>
      )}
      <p class="saved" role="status" data-testid="calendar-done">
        {done === 'copied' && (
          <>
            <Icon name="check" />
            {t('calendar.copied')}
          </>
        )}
        {done === 'copyFailed' && t('calendar.copyFailed')}
        {done === 'revoked' && (
          <>
            <Icon name="check" />
            {t('calendar.revoked')}
          </>
        )}
      </p>
    </section>
  );
}
