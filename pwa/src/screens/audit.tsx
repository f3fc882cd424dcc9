// The audit log (issue 13): what coordinators (/coach/audit, their organisation) and admins
// (/admin/audit, everything) did — who, when in Belgian time, what, on whom and what changed —
// with filters by date and action, older pages on demand, and the same rows as a CSV download.
import { useState } from 'preact/hooks';
import { api, API_BASE } from '../api';
import { Icon } from '../components/Icon';
import { Empty, LoadFailed, Loading, Page } from '../components/Page';
import { SelectField, TextField } from '../forms/fields';
import { messageOf } from '../forms/form';
import type { Lang, PlainKey } from '../i18n';
import { useI18n } from '../i18n/context';
import { useLoad } from '../load';
import type { AuditAction, AuditEntry, AuditPage } from '../types';

export const AUDIT_ACTIONS: readonly AuditAction[] = [
  'person.create',
  'person.update',
  'person.invite',
  'block.lift',
  'job.reoffer',
  'job.outcome',
  'safety.acknowledge',
  'hours.approve',
  'hours.confirm',
  'hours.decide',
  'org.settings',
  'organisation.create',
  'staff.invite',
  'category.create',
  'category.update',
  'audit.export',
  'impact.values',
  'impact.export',
  'job.assign',
  'job.offer',
  'job.cancel',
  'offer.accept_on_behalf',
  'offer.decline_on_behalf',
  'poster.create',
  'job.post_on_behalf',
  'export.jobs',
  'export.assignments',
];

type Filters = { from: string; to: string; action: string };

/** The query string of the filters (and the page), without the leading "?". */
export function auditQuery(f: Filters, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  if (f.from) q.set('from', f.from);
  if (f.to) q.set('to', f.to);
  if (f.action) q.set('action', f.action);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

const LOCALES: Record<Lang, string> = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-GB', tr: 'tr-BE', ar: 'ar-u-hc-h23-nu-latn' };

/** "2 dec. 2026, 16:05" in Belgian time, whatever the phone's zone. */
export function belgianTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Brussels',
  }).format(new Date(iso));
}

export function AuditScreen({ scope }: { scope: 'org' | 'admin' }) {
  const { t } = useI18n();
  const base = scope === 'org' ? '/org/audit' : '/admin/audit';
  const [draft, setDraft] = useState<Filters>({ from: '', to: '', action: '' });
  const [filters, setFilters] = useState<Filters>(draft);
  const [older, setOlder] = useState<{ entries: AuditEntry[]; next: number | null; busy: boolean; error: string }>({
    entries: [],
    next: null,
    busy: false,
    error: '',
  });
  const { state, reload } = useLoad(
    async (signal) => {
      const page = await api<AuditPage>('GET', `${base}?${auditQuery(filters)}`, { signal });
      setOlder({ entries: [], next: page.next_before, busy: false, error: '' });
      return page;
    },
    [base, filters.from, filters.to, filters.action],
  );
  const more = async () => {
    if (older.next === null) return;
    setOlder({ ...older, busy: true, error: '' });
    try {
      const page = await api<AuditPage>('GET', `${base}?${auditQuery(filters, { before: String(older.next) })}`);
      setOlder({ entries: [...older.entries, ...page.entries], next: page.next_before, busy: false, error: '' });
    } catch (err) {
      setOlder({ ...older, busy: false, error: messageOf(err, t) });
    }
  };
  const apply = (e: Event) => {
    e.preventDefault();
    setFilters(draft);
  };
  const entries = state.status === 'ready' ? [...state.data.entries, ...older.entries] : [];
  const csvHref = `${API_BASE}${base}?${auditQuery(filters, { format: 'csv' })}`;

  return (
    <Page title={t('audit.title')} intro={t('audit.intro')} back={{ href: scope === 'org' ? '/' : '/admin', label: t('nav.toHome') }} testid="audit">
      <form class="section" onSubmit={apply} aria-labelledby="audit-filters-title" data-testid="audit-filters">
        <h2 id="audit-filters-title">{t('audit.filters')}</h2>
        <TextField name="from" type="date" label={t('audit.from')} value={draft.from} onValue={(from) => setDraft({ ...draft, from })} optional />
        <TextField name="to" type="date" label={t('audit.to')} value={draft.to} onValue={(to) => setDraft({ ...draft, to })} optional />
        <SelectField
          name="action"
          label={t('audit.action')}
          value={draft.action}
          onValue={(action) => setDraft({ ...draft, action })}
          options={[{ value: '', label: t('audit.allActions') }, ...AUDIT_ACTIONS.map((a) => ({ value: a, label: t(`audit.action.${a}` as PlainKey) }))]}
          testid="audit-action"
        />
        <div class="button-stack">
          <button type="submit" class="button button--wide" data-testid="audit-apply">
            <Icon name="search" />
            {t('audit.apply')}
          </button>
          <a class="button button--secondary button--wide" href={csvHref} download="klusbuddy-audit.csv" data-testid="audit-csv">
            <Icon name="download" />
            {t('audit.csv')}
          </a>
        </div>
      </form>
      <section class="section" aria-label={t('audit.title')}>
        {state.status === 'loading' ? (
          <Loading />
        ) : state.status === 'error' ? (
          <LoadFailed message={messageOf(state.error, t)} onRetry={reload} />
        ) : entries.length === 0 ? (
          <Empty icon="note" testid="audit-none">
            {t('audit.none')}
          </Empty>
        ) : (
          <ul class="audit-list">
            {entries.map((e) => (
              <AuditItem key={e.id} entry={e} showOrganisation={scope === 'admin'} />
            ))}
          </ul>
        )}
        {older.error && (
          <p class="form-alert" role="alert">
            {older.error}
          </p>
        )}
        {state.status === 'ready' && older.next !== null && (
          <button type="button" class="button button--secondary button--wide" onClick={more} disabled={older.busy} data-testid="audit-more">
            <Icon name="chevron" />
            {t('audit.more')}
          </button>
        )}
      </section>
    </Page>
  );
}

type Change = { field: string; before?: unknown; after?: unknown };

function valueText(v: unknown, empty: string): string {
  if (v === undefined || v === null || v === '') return empty;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

function AuditItem({ entry: e, showOrganisation }: { entry: AuditEntry; showOrganisation: boolean }) {
  const { t, lang } = useI18n();
  const who = t('audit.who', {
    name: e.actor_name || t('audit.unknownPerson', { id: e.actor_id }),
    role: t(`audit.role.${e.actor_role}` as PlainKey),
  });
  const subject =
    e.subject_name ||
    (e.subject_id !== null ? t(`audit.subject.${e.subject_type}` as 'audit.subject.person', { id: e.subject_id }) : '');
  const details = e.details as { changes?: Change[] };
  const changes = Array.isArray(details.changes) ? details.changes : [];
  const empty = t('audit.empty');
  return (
    <li class="audit-item card" data-testid="audit-entry">
      <p class="audit-item__what">
        <strong>{t(`audit.action.${e.action}` as PlainKey)}</strong>
        {subject && <span data-testid="audit-subject"> {t('audit.on', { subject })}</span>}
      </p>
      <p class="audit-item__who">
        <Icon name="user" />
        <span data-testid="audit-who">{who}</span>
      </p>
      <p class="audit-item__when">
        <Icon name="clock" />
        <time dateTime={e.at} data-testid="audit-when">
          {belgianTime(e.at, lang)}
        </time>
      </p>
      {showOrganisation && e.organisation_name && (
        <p class="audit-item__org">
          <Icon name="building" />
          <span data-testid="audit-org">{e.organisation_name}</span>
        </p>
      )}
      {changes.length > 0 && (
        <ul class="audit-item__changes" data-testid="audit-changes">
          {changes.map((c) => (
            <li key={c.field}>
              {'before' in c || 'after' in c
                ? t('audit.changed', { field: c.field, before: valueText(c.before, empty), after: valueText(c.after, empty) })
                : t('audit.changedHidden', { field: c.field })}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
