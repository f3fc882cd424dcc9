// Feedback after the job (issue 12): the poster's "Zou je deze persoon opnieuw vragen?" per
// worker (named by place), the worker's and the buddy's three faces about the job, and what a
// coordinator reads. Comments and "no" answers are for the coordinator only.
import { api } from './api';
import type { components } from './api/schema';

export type Feedback = components['schemas']['Feedback'];
export type PosterFeedbackInput = components['schemas']['PosterFeedbackInput'];
export type JobFeedbackInput = components['schemas']['JobFeedbackInput'];
export type Face = JobFeedbackInput['face'];
export type PosterTag = NonNullable<PosterFeedbackInput['tags']>[number];
export type JobTag = NonNullable<JobFeedbackInput['tags']>[number];
export type FeedbackRole = 'worker' | 'buddy';
export type FeedbackLists = { received: Feedback[]; given: Feedback[] };

export const FACES = ['bad', 'ok', 'good'] as const satisfies readonly Face[];
export const POSTER_TAGS = ['on_time', 'friendly', 'good_work'] as const satisfies readonly PosterTag[];
export const JOB_TAGS = ['friendly', 'safe', 'clear_instructions'] as const satisfies readonly JobTag[];
export const MAX_FEEDBACK_COMMENT = 500;

/** The worker's answer is under the job's id, the buddy's under the accompaniment's. */
const base = (role: FeedbackRole, target: number) =>
  role === 'worker' ? `/me/assignments/${target}/feedback` : `/me/accompaniments/${target}/feedback`;

export async function fetchMyFeedback(role: FeedbackRole, target: number, signal?: AbortSignal): Promise<Feedback | null> {
  return (await api<{ feedback: Feedback | null }>('GET', base(role, target), { signal })).feedback;
}

export async function giveJobFeedback(role: FeedbackRole, target: number, body: JobFeedbackInput): Promise<Feedback> {
  return (await api<{ feedback: Feedback }>('POST', base(role, target), { body })).feedback;
}

export async function fetchPosterFeedback(jobId: number, signal?: AbortSignal): Promise<Feedback[]> {
  return (await api<{ feedback: Feedback[] }>('GET', `/jobs/${jobId}/feedback`, { signal })).feedback;
}

export async function givePosterFeedback(jobId: number, body: PosterFeedbackInput): Promise<Feedback> {
  return (await api<{ feedback: Feedback }>('POST', `/jobs/${jobId}/feedback`, { body })).feedback;
}

export function fetchPersonFeedback(personId: number, signal?: AbortSignal): Promise<FeedbackLists> {
  return api<FeedbackLists>('GET', `/org/people/${personId}/feedback`, { signal });
}

export function fetchPosterFeedbackForCoach(posterId: number, signal?: AbortSignal): Promise<FeedbackLists> {
  return api<FeedbackLists>('GET', `/org/posters/${posterId}/feedback`, { signal });
}
