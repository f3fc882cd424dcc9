// Exports for funders (issue 13): the anonymised rows under the impact figures, per period, as
// CSV. Coordinators export their organisation's (/coach/exports), admins every organisation's
// or one's (/admin/exports). The download is read as a stream, so a long export shows how
// many of its rows are in, and can be cancelled; the file is saved once complete.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { Icon } from '../components/Icon';
import { Page } from '../components/Page';
import { formatNumber } from '../format';
import { SelectField, TextField } from '../forms/fields';
import { messageOf } from '../forms/form';
import { useI18n } from '../i18n/context';
import { countText } from '../i18n/plural';
import { downloadExport, EXPORT_KINDS, exportPath, percentOf, saveBlob, type ExportKind, type ExportProgress } from '../exports';

type Organisation = { id: number; name: string };

/** yyyy-mm-dd of a local date. */
function isoDay(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

type Running = { kind: ExportKind; progress: ExportProgress; controller: AbortController };
type Done = { kind: ExportKind; rows: number };

export function ExportsScreen({ scope }: { scope: 'org' | 'admin' }) {
  const { t, lang } = useI18n();
  const today = new Date();
  const [from, setFrom] = useState(isoDay(new Date(today.getFullYear(), 0, 1)));
  const [to, setTo] = useState(isoDay(today));
  const [organisation, setOrganisation] = useState('');
  const [organisations, setOrganisations] = useState<Organisation[]>([]);
  const [running, setRunning] = useState<Running | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const [error, setError] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );
  useEffect(() => {
    if (scope !== 'admin') return;
    const c = new AbortController();
    api<{ organisations: Organisation[] }>('GET', '/admin/organisations', { signal: c.signal })
      .then((r) => setOrganisations(r.organisations))
      .catch(() => setOrganisations([])); // the export of every organisation still works
    return () => c.abort();
  }, [scope]);
  // Leaving the screen stops a download that is under way. Only leaving: `running` changes
  // with every progress report, and a cleanup keyed on it would abort the download it shows.
  const current = useRef<AbortController | null>(null);
  useEffect(() => () => current.current?.abort(), []);

  const start = async (kind: ExportKind) => {
    if (running) return;
    const controller = new AbortController();
    current.current = controller;
    setError('');
    setFields({});
    setDone(null);
    setRunning({ kind, progress: { rows: 0, total: null }, controller });
    try {
      const file = await downloadExport(
        exportPath(scope, kind, from, to, organisation),
        lang,
        (progress) => alive.current && setRunning((r) => (r && r.kind === kind ? { ...r, progress } : r)),
        controller.signal,
      );
      if (!alive.current) return;
      saveBlob(file.blob, file.fileName);
      setDone({ kind, rows: file.rows });
    } catch (err) {
      if (!alive.current) return;
      if (err instanceof DOMException && err.name === 'AbortError') {
        setError(t('exports.cancelled'));
      } else if (err instanceof ApiError && err.code === 'incomplete') {
        setError(t('exports.incomplete'));
      } else {
        if (err instanceof ApiError) setFields(err.fieldErrors);
        setError(messageOf(err, t));
      }
    } finally {
      if (current.current === controller) current.current = null;
      if (alive.current) setRunning(null);
    }
  };

  const back = scope === 'org' ? '/' : '/admin';
  return (
    <Page title={t('exports.title')} intro={t('exports.intro')} back={{ href: back, label: t('nav.toHome') }} testid="exports">
      <form class="section" aria-labelledby="exports-period-title" onSubmit={(e) => e.preventDefault()}>
        <h2 id="exports-period-title">{t('exports.period')}</h2>
        <TextField name="from" type="date" label={t('exports.from')} value={from} onValue={setFrom} error={fields['from']} required />
        <TextField name="to" type="date" label={t('exports.to')} value={to} onValue={setTo} error={fields['to']} required />
        {scope === 'admin' && (
          <SelectField
            name="organisation"
            label={t('exports.organisation')}
            value={organisation}
            onValue={setOrganisation}
            error={fields['organisation']}
            options={[{ value: '', label: t('exports.allOrganisations') }, ...organisations.map((o) => ({ value: String(o.id), label: o.name }))]}
            testid="exports-organisation"
          />
        )}
      </form>
      {EXPORT_KINDS.map((kind) => {
        const mine = running?.kind === kind ? running : null;
        const pct = mine ? percentOf(mine.progress) : null;
        return (
          <section key={kind} class="section" aria-labelledby={`export-${kind}-title`} data-testid={`export-${kind}`}>
            <h2 id={`export-${kind}-title`}>{t(kind === 'jobs' ? 'exports.jobs' : 'exports.assignments')}</h2>
            <p class="section__intro">{t(kind === 'jobs' ? 'exports.jobsIntro' : 'exports.assignmentsIntro')}</p>
            {mine && (
              <div class="export-progress">
                <progress
                  id={`export-${kind}-progress`}
                  class="export-progress__bar"
                  max={100}
                  {...(pct === null ? {} : { value: pct })}
                  aria-label={t('exports.progressLabel')}
                  data-testid="export-progress"
                />
                <p aria-live="polite" data-testid="export-status">
                  {mine.progress.total === null
                    ? t('exports.rowsSoFar', { rows: formatNumber(mine.progress.rows, lang) })
                    : t('exports.rowsOf', {
                        rows: formatNumber(mine.progress.rows, lang),
                        total: formatNumber(mine.progress.total, lang),
                        pct: String(pct ?? 0),
                      })}
                </p>
              </div>
            )}
            {done?.kind === kind && (
              <p class="saved" role="status" data-testid="export-done">
                <Icon name="check" />
                {countText(
                  done.rows,
                  () => t('exports.savedOne'),
                  () => t('exports.saved', { rows: formatNumber(done.rows, lang) }),
                )}
              </p>
            )}
            <div class="button-stack">
              {mine ? (
                <button type="button" class="button button--secondary button--wide" onClick={() => mine.controller.abort()} data-testid="export-cancel">
                  <Icon name="close" />
                  {t('exports.cancel')}
                </button>
              ) : (
                <button
                  type="button"
                  class="button button--wide"
                  onClick={() => void start(kind)}
                  disabled={running !== null}
                  data-testid={`export-${kind}-download`}
                >
                  <Icon name="download" />
                  {t('exports.download')}
                </button>
              )}
            </div>
          </section>
        );
      })}
      {error && (
        <p class="form-alert" role="alert" data-testid="export-error">
          {error}
        </p>
      )}
    </Page>
  );
}
