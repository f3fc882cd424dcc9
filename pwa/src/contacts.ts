// Someone to call about a job (docs/openapi.yaml: Contact): a worker, buddy, poster or
// coordinator with their phone. Phones come only within a day of the job (coordinators always
// see their own people); every list of them is a one-tap tel: link (components/ContactList.tsx).
import { allOf } from './api/all-of';
import type * as Api from './api/types';

export type Contact = Api.components['schemas']['Contact'];
export type ContactRole = Contact['role'];
export const CONTACT_ROLES = allOf<ContactRole>()(['worker', 'buddy', 'poster', 'coordinator']);

/** A phone number as a tel: link (spaces, dots, slashes and dashes dropped, a leading + kept). */
export function telLink(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}
