// "Berichten" (/berichten, every signed-in role): the person's latest events, newest first, in
// days ("Vandaag", "Gisteren", a date), each a line that is one big link to what it is about.
// New events come in at the top without a reload (live.ts); without a network the list kept on
// the phone shows, marked possibly out of date, and loads again when the connection is back.
// Rules and sentences: news.ts.
import { useEffect, useState } from 'preact/hooks';
import { Icon } from '../components/Icon';
import { Empty, LoadFailed, Loading, Page, StaleNote } from '../components/Page';
import { messageOf } from '../forms/form';
import { formatDay, formatTime } from '../format';
import type { Lang, Translate } from '../i18n';
import { useI18n } from '../i18n/context';
import { type Notification, useNews } from '../live';
import { byDay, daysAgo, fetchNews, markNewsSeen, mergeNews, newsLine, seenNewsId } from '../news';
import { saveCached } from '../offline-cache';
import { Link } from '../router';
import type { Role, User } from '../types';
import { useLive } from './answer-lists';

/** The name of the list kept on the phone (offline-cache.ts). */
const CACHE = 'news';

/** "om 18:00", "gisteren om 18:00", "za 28 november om 18:00" */
function whenText(iso: string, lang: Lang, t: Translate, now: number): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const time = formatTime(d, lang);
  const days = daysAgo(iso, now);
  if (days === 0) return t('news.at', { time });
  if (days === 1) return t('news.yesterdayAt', { time });
  return t('news.dayAt', { day: formatDay(d, lang), time });
}

function dayTitle(days: number, first: string, lang: Lang, t: Translate): string {
  if (days === 0) return t('news.today');
  if (days === 1) return t('news.yesterday');
  return formatDay(first, lang);
}

export function NewsScreen({ user }: { user: User }) {
  const { t, lang } = useI18n();
  const { state, refresh, set } = useLive(fetchNews, { userId: user.id, name: CACHE });
  // What was new when the screen opened stays marked "Nieuw" while it is open.
  const [seenBefore] = useState(() => seenNewsId(user.id));
  // What came live, said once to screen readers (the list itself is not a live region).
  const [said, setSaid] = useState('');

  // Live: what arrives goes on top at once; a page back in view loads the list again, quietly.
  useNews(user.id, (news) => {
    if (news.length === 0) return refresh();
    set((list) => mergeNews(list, news));
    const newest = [...news].sort((a, b) => b.id - a.id)[0];
    if (newest) setSaid(`${t('news.new')}: ${newsLine(newest, user.role, lang, t, Date.now()).text}`);
  });

  const data = state.status === 'ready' ? state.data : null;
  const stale = state.status === 'ready' ? state.stale : undefined;
  const newest = data?.[0]?.id;
  // Everything on screen has been seen: the header's count clears.
  useEffect(() => {
    if (newest !== undefined) markNewsSeen(user.id, newest);
  }, [newest, user.id]);
  // The list with what came live is the one to keep (not the copy it came from).
  useEffect(() => {
    if (data && stale === undefined) saveCached(user.id, CACHE, data);
  }, [data, stale, user.id]);

  const now = Date.now();
  return (
    <Page title={t('news.title')} intro={t('news.intro')} testid="news">
      <p class="visually-hidden" role="status" data-testid="news-said">
        {said}
      </p>
      <StaleNote state={state} testid="news-stale" />
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <LoadFailed message={messageOf(state.error, t)} onRetry={() => refresh(true)} />}
      {data && data.length === 0 && (
        <Empty icon="bell" testid="news-empty">
          {t('news.empty')}
        </Empty>
      )}
      {data && data.length > 0 && (
        <div class="news" data-testid="news-list">
          {byDay(data, now).map((day) => (
            <section key={day.key} class="news__day" aria-labelledby={`news-day-${day.key}`} data-testid="news-day">
              <h2 id={`news-day-${day.key}`} class="news__heading">
                {dayTitle(day.days, day.first, lang, t)}
              </h2>
              <ul class="news__list">
                {day.items.map((n) => (
                  <NewsItem key={n.id} n={n} role={user.role} unread={seenBefore === null || n.id > seenBefore} now={now} />
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </Page>
  );
}

function NewsItem({ n, role, unread, now }: { n: Notification; role: Role; unread: boolean; now: number }) {
  const { t, lang } = useI18n();
  const line = newsLine(n, role, lang, t, now);
  const cls = ['news-item', line.urgent ? 'news-item--urgent' : '', unread ? 'news-item--unread' : ''].filter(Boolean).join(' ');
  return (
    <li class={cls} data-testid="news-item" data-kind={n.kind} data-id={n.id} data-unread={unread ? 'true' : 'false'}>
      <Link class="news-item__link" href={line.href}>
        <span class="news-item__icon">
          <Icon name={line.icon} />
        </span>
        <span class="news-item__body">
          {unread && <span class="news-item__new">{t('news.new')}</span>}
          <span class="news-item__text" data-testid="news-text">
            {line.text}
          </span>
          <time class="news-item__when" dateTime={n.created_at} data-testid="news-when">
            {whenText(n.created_at, lang, t, now)}
          </time>
        </span>
        <Icon name="chevron" class="news-item__go" />
      </Link>
    </li>
  );
}
