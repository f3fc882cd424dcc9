// Names for the API's types, all generated from docs/openapi.yaml into ./schema.d.ts (`npm run
// api-types`): one home for each shape. The app's modules re-export the ones they own (jobs.ts
// Job, offers.ts Offer …); nothing here is written by hand except the names. Type-only, so the
// service worker (src/sw, WebWorker types) uses it too.
import type { components, operations, paths } from './schema';

type Schemas = components['schemas'];

export type { components, operations, paths };

// ---- people, sessions, profiles ----
export type Role = Schemas['Role'];
export type Language = Schemas['Language'];
export type User = Schemas['User'];
export type Session = Schemas['Session'];
export type SessionItem = Schemas['SessionItem'];
export type TravelMode = Schemas['TravelMode'];
export type BuddyNeed = Schemas['BuddyNeed'];
export type WeeklySlot = Schemas['WeeklySlot'];
export type AvailabilityException = Schemas['AvailabilityException'];
export type Skill = Schemas['Skill'];
export type WorkerProfile = Schemas['WorkerProfile'];
export type BuddyProfile = Schemas['BuddyProfile'];
export type PosterProfile = Schemas['PosterProfile'];
export type Profile = Schemas['Profile'];
export type Address = Schemas['Address'];
export type Point = Schemas['Point'];
export type Place = Schemas['Place'];
export type PersonStatus = Schemas['PersonStatus'];
export type PersonSummary = Schemas['PersonSummary'];
export type Person = Schemas['Person'];
export type Invite = Schemas['Invite'];
export type InviteInfo = Schemas['InviteInfo'];
export type Organisation = Schemas['Organisation'];
export type AuditEntry = Schemas['AuditEntry'];
export type AuditAction = Schemas['AuditAction'];
export type AuditPage = Schemas['AuditPage'];

// ---- the catalogue ----
export type Unit = Schemas['Unit'];
export type VATRate = Schemas['VATRate'];
export type Category = Schemas['Category'];
export type CategoryNames = Schemas['CategoryNames'];
export type AdminCategory = Schemas['AdminCategory'];
export type NewCategory = Schemas['NewCategory'];
export type CategoryPatch = Schemas['CategoryPatch'];

// ---- jobs, offers, buddies ----
export type JobState = Schemas['JobState'];
export type BuddyPolicy = Schemas['BuddyPolicy'];
export type BuddyState = Schemas['BuddyState'];
export type NewJob = Schemas['NewJob'];
export type Job = Schemas['Job'];
export type JobPatch = Schemas['JobPatch'];
export type JobPlace = Job['places'][number];
export type JobPrice = NonNullable<Job['price']>;
export type Offer = Schemas['Offer'];
export type Assignment = Schemas['Assignment'];
export type BuddyRequest = Schemas['BuddyRequest'];
export type Accompaniment = Schemas['Accompaniment'];
/** Why a worker turned an offer down (or a buddy a request): the body of both declines. */
export type DeclineReason = NonNullable<NonNullable<operations['declineOffer']['requestBody']>['content']['application/json']['reason']>;

// ---- the day of the job ----
export type Outcome = Schemas['Outcome'];
export type Position = Schemas['Position'];
export type Arrival = Schemas['Arrival'];
export type Attendance = Schemas['Attendance'];
export type Contact = Schemas['Contact'];
export type Meeting = Schemas['Meeting'];
export type MeetingInput = Schemas['MeetingInput'];
export type SafetyAnswer = Schemas['SafetyAnswer'];

// ---- the match board ----
export type BoardJob = Schemas['BoardJob'];
export type PersonRef = Schemas['PersonRef'];
export type JobReview = Schemas['JobReview'];

// ---- live updates and push ----
export type Notification = Schemas['Notification'];
/** Every kind of event the server sends, over the socket, in /notifications and as a push. */
export type NotificationKind = Notification['kind'];
export type PushSubscriptionBody = Schemas['PushSubscription'];

// ---- errors ----
export type Problem = Schemas['Problem'];
export type ProblemReason = NonNullable<Problem['reason']>;

// ---- repeat work: favourites, reposts, series ----
export type Repeat = NonNullable<Schemas['Repeat']>;
export type Series = Schemas['Series'];
export type Favourite = Schemas['Favourite'];

// ---- the follow-up list (under the radar) ----
export type FollowUpPerson = Schemas['FollowUpPerson'];
export type FollowUpReason = Schemas['FollowUpReason'];
export type FollowUpAction = Schemas['FollowUpAction'];
export type FollowUpKind = Schemas['FollowUpKind'];
