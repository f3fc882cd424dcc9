// The API's shapes that are not one module's own: people, sessions, profiles, organisations.
// Each is an alias of the type generated from docs/openapi.yaml (api/types.ts); what is written
// here by hand is only what the app adds (the lists in the order the screens show them).
import { allOf } from './api/all-of';
import type * as Api from './api/types';

export type Role = Api.Role;
export type User = Api.User;
export type Session = Api.Session;

export type TravelMode = Api.TravelMode;
export const TRAVEL_MODES = allOf<TravelMode>()(['walk', 'bike', 'ebike', 'public_transport', 'car']);

export type BuddyNeed = Api.BuddyNeed;
export const BUDDY_NEEDS = allOf<BuddyNeed>()(['never', 'always', 'new_category', 'first_jobs']);

/** weekday 1 = Monday … 7 = Sunday; times "HH:MM". */
export type Slot = Api.WeeklySlot;
export type Exception = Api.AvailabilityException;

export type Skill = Api.Skill;
export type WorkerProfile = Api.WorkerProfile;
export type BuddyProfile = Api.BuddyProfile;
export type Address = Api.Address;
export type PosterProfile = Api.PosterProfile;
export type Profile = Api.Profile;

export type PersonStatus = Api.PersonStatus;
export type PersonSummary = Api.PersonSummary;
export type Person = Api.Person;

export type Invite = Api.Invite;
export type InviteLookup = Api.InviteInfo;
export type DeviceSession = Api.SessionItem;
export type Place = Api.Place;
export type Organisation = Api.Organisation;
export type AuditEntry = Api.AuditEntry;
export type AuditAction = Api.AuditAction;
export type AuditPage = Api.AuditPage;

/** One block of a worker or buddy, as GET /org/people/{id}/blocks lists it. */
export type PersonBlock = Api.operations['personBlocks']['responses'][200]['content']['application/json']['blocks'][number];
/** Who asked for a block ("never again") between a person and a poster. */
export type BlockBy = PersonBlock['by'];
