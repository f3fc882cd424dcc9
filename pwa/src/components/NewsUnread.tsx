// The unread count of "Berichten" in the header: events newer than the newest one seen on the
// list (news.ts, per user on this device). On start it asks GET /notifications?after=<seen>
// (only once the list was seen on this device); then it counts what arrives live, without
// acking it (glanceNews: a number in the menu is not the offer, the push must still come).
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/context';
import { glanceNews } from '../live';
import { fetchUnread, NEWS_SEEN_EVENT, seenNewsId, unreadText } from '../news-unread';
import { useFollowUpCount } from '../follow-up-count';

export function useUnreadNews(userId: number): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    let seen = seenNewsId(userId);
    let unread = new Set<number>();
    const publish = () => setCount(unread.size);
    const load = () => {
      if (seen === null) return;
      const after = seen;
      fetchUnread(after, abort.signal).then(
        (ids) => {
          if (abort.signal.aborted || seen !== after) return;
          unread = new Set([...unread, ...ids].filter((id) => id > after));
          publish();
        },
        () => {},
      );
    };
    load();
    const stop = glanceNews(userId, (news) => {
      if (news.length === 0) return load();
      for (const n of news) if (seen === null || n.id > seen) unread.add(n.id);
      publish();
    });
    const onSeen = (e: Event) => {
      const d = (e as CustomEvent<{ userId: number; id: number }>).detail;
      if (d.userId !== userId) return;
      seen = d.id;
      unread = new Set([...unread].filter((id) => id > d.id));
      publish();
    };
    window.addEventListener(NEWS_SEEN_EVENT, onSeen);
    return () => {
      abort.abort();
      stop();
      window.removeEventListener(NEWS_SEEN_EVENT, onSeen);
    };
  }, [userId]);
  return count;
}

/** "3" in a small round badge; screen readers hear "3 nieuwe berichten". */
export function UnreadBadge({ count, testid }: { count: number; testid: string }) {
  const { t } = useI18n();
  if (count <= 0) return null;
  return (
    <span class="unread-badge" data-testid={testid} data-count={count}>
      <span aria-hidden="true">{unreadText(count)}</span>
      <span class="visually-hidden">{`, ${t('news.unread', { count: String(count) })}`}</span>
    </span>
  );
}

/** The number of people to follow up (the list as last loaded), in the same round badge;
 * screen readers hear "3 mensen op te volgen". */
export function FollowUpBadge({ testid }: { testid: string }) {
  const { t } = useI18n();
  const count = useFollowUpCount();
  if (!count || count <= 0) return null;
  return (
    <span class="unread-badge" data-testid={testid} data-count={count}>
      <span aria-hidden="true">{unreadText(count)}</span>
      <span class="visually-hidden">{`, ${t('followUp.badge', { n: String(count) })}`}</span>
    </span>
  );
}
