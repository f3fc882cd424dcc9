// "Ingrijpen" on the coordinator's job page (issue 13, part 7): choose a worker of the
// organisation (the server says who may and why not), book them at once or send an offer, with a
// reason when matching's preference is overridden; answer an open offer for a worker who
// phoned; cancel the job with a reason. The candidates load only when asked for.
import { useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import type { BoardJob } from '../board';
import { Icon } from '../components/Icon';
import { TextArea, TextField } from '../forms/fields';
import { messageOf } from '../forms/form';
import { useI18n } from '../i18n/context';
import { answerFor, cancellable, cancelFor, choosable, chooseWorker, fetchCandidates, type StepInCandidate } from '../stepin';

type Said = { ok: boolean; text: string; n: number };

export function StepIn({ job, onChanged }: { job: BoardJob; onChanged: () => void }) {
  const { t } = useI18n();
  const [cands, setCands] = useState<StepInCandidate[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<StepInCandidate | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<Said | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [cancelReason, setCancelReason] = useState('');
  const [cancelError, setCancelError] = useState<string | undefined>();
  const saidRef = useRef<HTMLParagraphElement>(null);

  const say = (ok: boolean, text: string) => {
    setSaid((s) => ({ ok, text, n: (s?.n ?? 0) + 1 }));
    setTimeout(() => saidRef.current?.focus(), 0);
  };
  const load = async () => {
    setLoading(true);
    try {
      setCands(await fetchCandidates(job.id));
    } catch (err) {
      say(false, messageOf(err, t));
    } finally {
      setLoading(false);
    }
  };
  const act = async (what: () => Promise<string>) => {
    if (busy) return;
    setBusy(true);
    try {
      say(true, await what());
      setChosen(null);
      setReason('');
      onChanged();
      if (cands) await load();
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.reason) setReasonError(err.fieldErrors.reason);
      else say(false, messageOf(err, t));
    } finally {
      setBusy(false);
    }
  };
  const choose = (how: 'assign' | 'offers') => {
    if (!chosen) return;
    setReasonError(undefined);
    if (chosen.warnings.length > 0 && !reason.trim()) {
      setReasonError(t('stepIn.reason'));
      return;
    }
    const c = chosen;
    void act(async () => {
      await chooseWorker(job.id, how, c.worker_id, reason);
      return t(how === 'assign' ? 'stepIn.assigned' : 'stepIn.offered', { name: c.name });
    });
  };
  const answer = (c: StepInCandidate, accept: boolean) =>
    void act(async () => {
      await answerFor(c.offer!.id, accept);
      return t(accept ? 'stepIn.accepted' : 'stepIn.declined', { name: c.name });
    });
  const cancel = () => {
    setCancelError(undefined);
    if (!cancelReason.trim()) {
      setCancelError(t('stepIn.cancelReason'));
      return;
    }
    void act(async () => {
      await cancelFor(job.id, cancelReason.trim());
      setCancelling(false);
      return t('stepIn.cancelled');
    });
  };

  const shown = (cands ?? []).filter((c) => c.name.toLowerCase().includes(query.trim().toLowerCase()));
  return (
    <section class="section card stepin" aria-labelledby="stepin-title" data-testid="coach-stepin">
      <h2 id="stepin-title" class="card__title">
        <Icon name="hardhat" />
        {t('stepIn.title')}
      </h2>
      <p class="card__text">{t('stepIn.intro')}</p>
      {said && (
        <p
          class={said.ok ? 'notice notice--ok' : 'notice notice--error'}
          role={said.ok ? 'status' : 'alert'}
          tabIndex={-1}
          ref={saidRef}
          data-testid="stepin-said"
          key={said.n}
        >
          <Icon name={said.ok ? 'check' : 'alert'} />
          {said.text}
        </p>
      )}
      {cands === null ? (
        <button type="button" class="button button--wide" data-testid="stepin-load" aria-disabled={loading ? true : undefined} onClick={() => void load()}>
          {loading ? <span class="spinner" aria-hidden="true" /> : <Icon name="search" />}
          {loading ? t('form.busy') : t('stepIn.choose')}
        </button>
      ) : (
        <>
          <TextField name="stepin-search" label={t('stepIn.search')} value={query} onValue={setQuery} type="search" />
          {shown.length === 0 ? (
            <p class="card__text">{t('stepIn.none')}</p>
          ) : (
            <ul class="list" data-testid="stepin-candidates">
              {shown.map((c) => (
                <li key={c.worker_id} class="list__item" data-testid="stepin-candidate" data-worker={c.worker_id} data-eligible={c.eligible}>
                  <span class="list__icon">
                    <Icon name={c.eligible ? 'check' : 'ban'} />
                  </span>
                  <div class="list__body">
                    <p class="list__title">{c.name}</p>
                    <p class="list__text" data-testid="stepin-verdict">
                      {c.eligible ? t('stepIn.canDo', { minutes: Math.round(c.travel_minutes) }) : (c.message ?? c.rule)}
                    </p>
                    {c.warnings.map((w) => (
                      <p key={w} class="attention" data-testid="stepin-warning">
                        <Icon name="alert" />
                        <span>{t(`stepIn.warn.${w}` as const)}</span>
                      </p>
                    ))}
                    {c.offer?.state === 'pending' && (
                      <>
                        <p class="job-line">
                          <Icon name="hourglass" />
                          <span>{t('stepIn.openOffer')}</span>
                        </p>
                        <div class="actions">
                          <button type="button" class="button" data-testid="stepin-accept-for" onClick={() => answer(c, true)}>
                            <Icon name="check" />
                            {t('stepIn.acceptFor', { name: c.name })}
                          </button>
                          <button type="button" class="button" data-testid="stepin-decline-for" onClick={() => answer(c, false)}>
                            <Icon name="close" />
                            {t('stepIn.declineFor', { name: c.name })}
                          </button>
                        </div>
                      </>
                    )}
                    {c.eligible && choosable(job) && chosen?.worker_id !== c.worker_id && (
                      <button
                        type="button"
                        class="button"
                        data-testid="stepin-pick"
                        onClick={() => {
                          setChosen(c);
                          setReason('');
                          setReasonError(undefined);
                        }}
                      >
                        <Icon name="user" />
                        {t('stepIn.pick', { name: c.name })}
                      </button>
                    )}
                    {chosen?.worker_id === c.worker_id && (
                      <div class="stepin__chosen" data-testid="stepin-chosen">
                        <p class="list__title">{t('stepIn.chosen', { name: c.name })}</p>
                        {c.warnings.length > 0 && (
                          <TextArea
                            name="stepin-reason"
                            label={t('stepIn.reason')}
                            hint={t('stepIn.reasonHint')}
                            value={reason}
                            onValue={setReason}
                            error={reasonError}
                            maxLength={500}
                            rows={3}
                          />
                        )}
                        <div class="actions">
                          <button type="button" class="button button--accent" data-testid="stepin-assign" onClick={() => choose('assign')}>
                            <Icon name="check" />
                            {t('stepIn.assign')}
                          </button>
                          <button
                            type="button"
                            class="button"
                            data-testid="stepin-offer"
                            disabled={c.offer?.state === 'pending'}
                            onClick={() => choose('offers')}
                          >
                            <Icon name="bell" />
                            {t('stepIn.offer')}
                          </button>
                        </div>
                      </div>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {cancellable(job) &&
        (cancelling ? (
          <div class="stepin__cancel" data-testid="stepin-cancel-form">
            <p class="card__text">{t('stepIn.cancelText')}</p>
            <TextArea
              name="stepin-cancel-reason"
              label={t('stepIn.cancelReason')}
              value={cancelReason}
              onValue={setCancelReason}
              error={cancelError}
              maxLength={500}
              rows={3}
            />
            <div class="actions">
              <button type="button" class="button button--danger" data-testid="stepin-cancel-confirm" onClick={cancel}>
                <Icon name="trash" />
                {t('stepIn.cancelConfirm')}
              </button>
              <button type="button" class="button" onClick={() => setCancelling(false)}>
                <Icon name="back" />
                {t('stepIn.keep')}
              </button>
            </div>
          </div>
        ) : (
          <button type="button" class="button button--wide" data-testid="stepin-cancel" onClick={() => setCancelling(true)}>
            <Icon name="trash" />
            {t('stepIn.cancel')}
          </button>
        ))}
    </section>
  );
}
