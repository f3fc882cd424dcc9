// Stepping in (issue 13, part 7): a coordinator chooses a worker of their organisation for a
// job (the server's verdict per worker: the hard rule that stops them, the soft rules choosing
// them overrides), answers an offer for a worker who phoned, or cancels the job.
import { api } from './api';
import type { BoardJob } from './board';

export type SoftRule = 'favourites_first' | 'ranking' | 'declined';

export type StepInCandidate = {
  worker_id: number;
  name: string;
  eligible: boolean;
  rule: string | null;
  message: string | null;
  travel_minutes: number;
  score: number;
  needs_buddy: boolean;
  warnings: SoftRule[];
  offer: { id: number; state: string } | null;
};

export async function fetchCandidates(jobId: number, signal?: AbortSignal): Promise<StepInCandidate[]> {
  const body = await api<{ candidates?: StepInCandidate[] }>('GET', `/org/jobs/${jobId}/candidates`, { signal });
  return Array.isArray(body.candidates) ? body.candidates : [];
}

/** Books the worker at once (assign) or sends them an offer; reason when a soft rule is overridden. */
export async function chooseWorker(jobId: number, how: 'assign' | 'offers', worker: number, reason: string): Promise<BoardJob> {
  const body = await api<{ job: BoardJob }>('POST', `/org/jobs/${jobId}/${how}`, {
    body: reason.trim() ? { worker, reason: reason.trim() } : { worker },
  });
  return body.job;
}

export async function answerFor(offerId: number, accept: boolean): Promise<void> {
  await api('POST', `/org/offers/${offerId}/${accept ? 'accept' : 'decline'}`, accept ? {} : { body: {} });
}

export async function cancelFor(jobId: number, reason: string): Promise<BoardJob> {
  const body = await api<{ job: BoardJob }>('POST', `/org/jobs/${jobId}/cancel`, { body: { reason } });
  return body.job;
}

/** Whether choosing someone for a job in this state can work at all. */
export const choosable = (job: BoardJob) => ['open', 'offering', 'unfilled'].includes(job.state) && job.booked < job.workers_needed;

/** Whether the job can still be cancelled by its coordinator. */
export const cancellable = (job: BoardJob) => ['open', 'offering', 'unfilled', 'filled'].includes(job.state);
