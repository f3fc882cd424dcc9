// The shapes of the API (docs/api-accounts.md). Only what the app reads or sends.
import type { Lang } from './i18n';

export type Role = 'worker' | 'buddy' | 'poster' | 'coordinator' | 'admin';

export type User = {
  id: number;
  role: Role;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  language: Lang;
  organisation: { id: number; name: string } | null;
};

export type Session = { user: User; csrf_token: string };

export type TravelMode = 'walk' | 'bike' | 'ebike' | 'public_transport' | 'car';
export const TRAVEL_MODES: readonly TravelMode[] = ['walk', 'bike', 'ebike', 'public_transport', 'car'];

export type BuddyNeed = 'never' | 'always' | 'new_category' | 'first_jobs';
export const BUDDY_NEEDS: readonly BuddyNeed[] = ['never', 'always', 'new_category', 'first_jobs'];

/** weekday 1 = Monday … 7 = Sunday; times "HH:MM". */
export type Slot = { weekday: number; start: string; end: string };
export type Exception = { date: string; available: boolean; start?: string; end?: string };

export type Skill = { category: string; level: 1 | 2 | 3; verified: boolean };

export type WorkerProfile = {
  postcode: string;
  municipality: string;
  home_point: { lat: number; lon: number } | null;
  travel_mode: TravelMode;
  max_travel_minutes: number;
  languages: Lang[];
  spoken_languages: string[];
  buddy_need: BuddyNeed;
  buddy_first_jobs: number;
  month_hour_cap: number | null;
  year_hour_cap: number | null;
  skills: Skill[];
  availability: Slot[];
  exceptions: Exception[];
};

export type BuddyProfile = {
  postcode: string;
  municipality: string;
  travel_mode: TravelMode;
  max_travel_minutes: number;
  spoken_languages: string[];
  categories: string[];
  availability: Slot[];
  exceptions: Exception[];
};

export type Address = {
  id: number;
  label: string;
  street: string;
  postcode: string;
  municipality: string;
  lat: number;
  lon: number;
};

export type PosterProfile = {
  kind: 'household' | 'company';
  company_name: string | null;
  vat_number: string | null;
  addresses: Address[];
};

export type Profile = {
  user: User;
  worker?: WorkerProfile;
  buddy?: BuddyProfile;
  poster?: PosterProfile;
};

export type PersonStatus = 'invited' | 'active';

export type PersonSummary = {
  id: number;
  role: 'worker' | 'buddy';
  first_name: string;
  last_name: string;
  phone: string | null;
  email: string | null;
  municipality: string | null;
  status: PersonStatus;
};

export type Person = User & {
  status: PersonStatus;
  worker: WorkerProfile | null;
  buddy: BuddyProfile | null;
};

export type Invite = { url: string; expires_at: string };

export type InviteLookup = {
  first_name: string;
  role: Role;
  organisation: string | null;
  secret_kinds: ('pin' | 'password')[];
  expires_at: string;
};

export type DeviceSession = {
  id: number;
  device: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  current: boolean;
};

export type Place = { postcode: string; municipality: string; lat: number; lon: number };

export type Organisation = {
  id: number;
  slug: string;
  name: string;
  municipality: string;
  month_hour_cap: number | null;
  year_hour_cap: number | null;
  shared_pool: boolean;
};

/** Who asked for a block ("never again") between a person and a poster. */
export type BlockBy = 'worker' | 'buddy' | 'poster' | 'coordinator';

/** One block of a worker or buddy, as GET /org/people/{id}/blocks lists it. */
export type PersonBlock = {
  poster: { id: number; name: string; municipality: string };
  by: BlockBy;
  created_at: string;
  job_id: number | null;
};
