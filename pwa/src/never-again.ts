// "Never again with this person" (issue 9), apart from jobs.ts so that the worker's home loads
// none of the poster's job code.
import { api } from './api';

/** Who: the poster names a worker by `place` on their own job, a coordinator one of their own
 * people by `person_id`; a worker or buddy sends nothing (they mean themselves). */
export type NeverAgainWho = { place: number } | { person_id: number } | null;

/** POST /jobs/{id}/never-again: from then on matching never puts the poster and the person
 * together. 204 (also when it was already so); 404 when the person is not on the job. */
export async function neverAgain(jobId: number, who: NeverAgainWho): Promise<void> {
  await api<void>('POST', `/jobs/${jobId}/never-again`, who ? { body: who } : {});
}
