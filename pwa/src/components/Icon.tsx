import type { JSX } from 'preact';

// Line icons on a 24×24 grid, drawn for Klusbuddy. They are always shown next to words and
// are hidden from screen readers (the words say it all). Functions, not shared elements:
// Preact must not see one element object in two places.
const paths = {
  // job categories (the API's `icon` names)
  broom: () => (
    <>
      <path d="M12 2v9" />
      <rect x="8" y="11" width="8" height="3" rx="0.5" />
      <path d="M8 14l-2 7h12l-2-7" />
      <path d="M10 17.5 9.5 21M14 17.5l.5 3.5M12 17.5V21" />
    </>
  ),
  toolbox: () => (
    <>
      <rect x="3" y="8" width="18" height="12" rx="2" />
      <path d="M9 8V6a1 1 0 0 1 1-1h4a1 1 0 0 1 1 1v2" />
      <path d="M3 13h7m4 0h7" />
      <path d="M10 12h4v2.5h-4z" />
    </>
  ),
  leaf: () => (
    <>
      <path d="M5 19C5 10 10 5 20 4c0 10-5 15-13 15z" />
      <path d="M5 19l8-8" />
      <path d="M3 21l2-2" />
    </>
  ),
  truck: () => (
    <>
      <path d="M2 5h11v11H2z" />
      <path d="M13 9h4l4 4v3h-8" />
      <circle cx="6.5" cy="18" r="2" />
      <circle cx="17" cy="18" r="2" />
    </>
  ),
  iron: () => (
    <>
      <path d="M3 18h18v-5a3 3 0 0 0-3-3H9c-3 0-5 3.5-6 8z" />
      <path d="M11 10V7a1 1 0 0 1 1-1h6a1 1 0 0 1 1 1v3" />
      <path d="M8 14h.01M12 14h.01M16 14h.01" />
    </>
  ),
  paintbrush: () => (
    <>
      <rect x="3" y="3" width="14" height="6" rx="1" />
      <path d="M17 6h3v5h-8v3" />
      <rect x="10.5" y="14" width="3" height="7" rx="1" />
    </>
  ),
  window: () => (
    <>
      <rect x="4" y="3" width="16" height="18" rx="1" />
      <path d="M12 3v18M4 12h16" />
    </>
  ),
  bag: () => (
    <>
      <path d="M5 8h14l-1 13H6z" />
      <path d="M9 10V6a3 3 0 0 1 6 0v4" />
    </>
  ),
  generic: () => (
    <>
      <path d="M3 12V4a1 1 0 0 1 1-1h8l9 9-9 9z" />
      <circle cx="7.5" cy="7.5" r="1.5" />
    </>
  ),
  // roles
  house: () => (
    <>
      <path d="M3 11l9-7 9 7" />
      <path d="M5 9.5V20h14V9.5" />
      <path d="M10 20v-5h4v5" />
    </>
  ),
  hardhat: () => (
    <>
      <path d="M2 17.5a1 1 0 0 0 1 1h18a1 1 0 0 0 1-1V16a1 1 0 0 0-1-1H3a1 1 0 0 0-1 1z" />
      <path d="M4 15v-2a8 8 0 0 1 6-7.7" />
      <path d="M14 5.3a8 8 0 0 1 6 7.7v2" />
      <path d="M10 11V5a1 1 0 0 1 1-1h2a1 1 0 0 1 1 1v6" />
    </>
  ),
  buddies: () => (
    <>
      <circle cx="8.5" cy="8" r="3" />
      <path d="M2.5 20a6 6 0 0 1 12 0" />
      <circle cx="16.5" cy="9" r="2.5" />
      <path d="M15 14.2a5 5 0 0 1 6.5 4.8" />
    </>
  ),
  clipboard: () => (
    <>
      <path d="M8 3h8v3H8z" />
      <path d="M16 4.5h2a1 1 0 0 1 1 1V20a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1V5.5a1 1 0 0 1 1-1h2" />
      <path d="M9 13.5l2 2 4-4" />
    </>
  ),
  // interface
  offline: () => (
    <>
      <path d="M3 3l18 18" />
      <path d="M8.5 6.6A6 6 0 0 1 17.6 10H18a4 4 0 0 1 2.3 7.3M17 18H7a4.5 4.5 0 0 1-1.3-8.8" />
    </>
  ),
  refresh: () => (
    <>
      <path d="M20 12a8 8 0 1 1-2.3-5.7" />
      <path d="M20 4v5h-5" />
    </>
  ),
  alert: () => (
    <>
      <path d="M12 3l10 18H2z" />
      <path d="M12 10v4.5" />
      <path d="M12 17.5v.01" />
    </>
  ),
  // interface (accounts)
  signIn: () => (
    <>
      <path d="M14 4h4a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-4" />
      <path d="M4 12h11" />
      <path d="M11 8l4 4-4 4" />
    </>
  ),
  signOut: () => (
    <>
      <path d="M10 4H6a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h4" />
      <path d="M9 12h11" />
      <path d="M16 8l4 4-4 4" />
    </>
  ),
  user: () => (
    <>
      <circle cx="12" cy="8" r="4" />
      <path d="M4 21a8 8 0 0 1 16 0" />
    </>
  ),
  userPlus: () => (
    <>
      <circle cx="10" cy="8" r="4" />
      <path d="M3 21a7 7 0 0 1 11.5-5.4" />
      <path d="M19 14v6M16 17h6" />
    </>
  ),
  menu: () => <path d="M4 6h16M4 12h16M4 18h16" />,
  close: () => <path d="M6 6l12 12M18 6 6 18" />,
  phone: () => (
    <>
      <rect x="6" y="2.5" width="12" height="19" rx="2" />
      <path d="M11 18.5h2" />
    </>
  ),
  download: () => (
    <>
      <path d="M12 3v12" />
      <path d="M7 10l5 5 5-5" />
      <path d="M4 20h16" />
    </>
  ),
  trash: () => (
    <>
      <path d="M4 7h16" />
      <path d="M9 7V4h6v3" />
      <path d="M6 7l1 13h10l1-13" />
      <path d="M10 11v6M14 11v6" />
    </>
  ),
  plus: () => <path d="M12 5v14M5 12h14" />,
  minus: () => <path d="M5 12h14" />,
  pencil: () => (
    <>
      <path d="M4 20l1-4.5L15.5 5a2.1 2.1 0 0 1 3 3L8 18.5z" />
      <path d="M13.5 7l3 3" />
      <path d="M4 20h5" />
    </>
  ),
  userMinus: () => (
    <>
      <circle cx="10" cy="8" r="4" />
      <path d="M3 21a7 7 0 0 1 11.5-5.4" />
      <path d="M16 17h6" />
    </>
  ),
  // jobs
  euro: () => (
    <>
      <path d="M18 6.5A7 7 0 1 0 18 17.5" />
      <path d="M4 10h9M4 14h9" />
    </>
  ),
  play: () => (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M10 8.5v7l5.5-3.5z" />
    </>
  ),
  hourglass: () => (
    <>
      <path d="M6 3h12M6 21h12" />
      <path d="M7 3c0 5 10 5 10 9s-10 4-10 9" />
      <path d="M17 3c0 5-10 5-10 9s10 4 10 9" />
    </>
  ),
  ban: () => (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M5.6 5.6l12.8 12.8" />
    </>
  ),
  star: () => <path d="M12 3l2.7 5.6 6.1.8-4.5 4.2 1.1 6.1L12 16.8l-5.4 2.9 1.1-6.1-4.5-4.2 6.1-.8z" />,
  note: () => (
    <>
      <path d="M5 3h10l4 4v14H5z" />
      <path d="M9 11h6M9 15h6M9 7h3" />
    </>
  ),
  copy: () => (
    <>
      <rect x="8" y="8" width="12" height="12" rx="2" />
      <path d="M16 8V6a2 2 0 0 0-2-2H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h2" />
    </>
  ),
  share: () => (
    <>
      <circle cx="18" cy="5" r="2.5" />
      <circle cx="6" cy="12" r="2.5" />
      <circle cx="18" cy="19" r="2.5" />
      <path d="M8.2 10.8l7.6-4.4M8.2 13.2l7.6 4.4" />
    </>
  ),
  check: () => <path d="M4 12.5l5 5L20 6.5" />,
  search: () => (
    <>
      <circle cx="11" cy="11" r="6.5" />
      <path d="M16 16l4.5 4.5" />
    </>
  ),
  pin: () => (
    <>
      <path d="M12 21s-7-6.2-7-11.5a7 7 0 0 1 14 0C19 14.8 12 21 12 21z" />
      <circle cx="12" cy="9.5" r="2.5" />
    </>
  ),
  locate: () => (
    <>
      <circle cx="12" cy="12" r="7" />
      <circle cx="12" cy="12" r="2.5" />
      <path d="M12 2v3M12 19v3M2 12h3M19 12h3" />
    </>
  ),
  calendar: () => (
    <>
      <rect x="3" y="5" width="18" height="16" rx="2" />
      <path d="M3 10h18M8 3v4M16 3v4" />
    </>
  ),
  clock: () => (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v5l3 2" />
    </>
  ),
  key: () => (
    <>
      <circle cx="8" cy="15" r="4" />
      <path d="M11 12l9-9M17 6l3 3M15 8l2 2" />
    </>
  ),
  shield: () => (
    <>
      <path d="M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z" />
      <path d="M9 12l2 2 4-4" />
    </>
  ),
  building: () => (
    <>
      <path d="M4 21V4a1 1 0 0 1 1-1h9a1 1 0 0 1 1 1v17" />
      <path d="M15 9h4a1 1 0 0 1 1 1v11" />
      <path d="M2 21h20M8 7h3M8 11h3M8 15h3" />
    </>
  ),
  mail: () => (
    <>
      <rect x="3" y="5" width="18" height="14" rx="2" />
      <path d="M3 7l9 6 9-6" />
    </>
  ),
  back: () => <path d="M15 5l-7 7 7 7" />,
  chevron: () => <path d="M9 5l7 7-7 7" />,
  eye: () => (
    <>
      <path d="M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12z" />
      <circle cx="12" cy="12" r="3" />
    </>
  ),
  globe: () => (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M3 12h18M12 3c2.5 2.5 3.5 5.5 3.5 9s-1 6.5-3.5 9c-2.5-2.5-3.5-5.5-3.5-9s1-6.5 3.5-9z" />
    </>
  ),
  inbox: () => (
    <>
      <path d="M3 13l3-8h12l3 8v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1z" />
      <path d="M3 13h5l1.5 2.5h5L16 13h5" />
    </>
  ),
  route: () => (
    <>
      <circle cx="6" cy="19" r="2" />
      <circle cx="18" cy="5" r="2" />
      <path d="M8 19h8.5a3.5 3.5 0 0 0 0-7h-9a3.5 3.5 0 0 1 0-7H16" />
    </>
  ),
  // travel modes
  walk: () => (
    <>
      <circle cx="13" cy="4" r="2" />
      <path d="M10 21l2-6 3 3v3" />
      <path d="M12 15l-1-6 4 1 3 3" />
      <path d="M11 9l-3 2-1 4" />
    </>
  ),
  bike: () => (
    <>
      <circle cx="5.5" cy="16.5" r="3.5" />
      <circle cx="18.5" cy="16.5" r="3.5" />
      <path d="M5.5 16.5l4-7h6l3 7" />
      <path d="M9.5 9.5l3 7h-7M13 6h3l-.5 3.5" />
    </>
  ),
  ebike: () => (
    <>
      <circle cx="5.5" cy="16.5" r="3.5" />
      <circle cx="18.5" cy="16.5" r="3.5" />
      <path d="M5.5 16.5l4-7h6l3 7" />
      <path d="M13 2l-2 3h3l-2 3" />
    </>
  ),
  bus: () => (
    <>
      <rect x="4" y="3" width="16" height="15" rx="2" />
      <path d="M4 11h16M8 18v3M16 18v3" />
      <path d="M8 14.5h.01M16 14.5h.01" />
    </>
  ),
  car: () => (
    <>
      <path d="M3 16v-4l2.5-5.5A2 2 0 0 1 7.3 5h9.4a2 2 0 0 1 1.8 1.5L21 12v4a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1z" />
      <path d="M3 12h18" />
      <circle cx="7" cy="17" r="2" />
      <circle cx="17" cy="17" r="2" />
    </>
  ),
} satisfies Record<string, () => JSX.Element>;

export type IconName = keyof typeof paths;

/** Every icon drawn here, in this file's order (the admin picks a category's icon from them). */
export const ICON_NAMES = Object.keys(paths) as IconName[];

export function isIconName(name: string): name is IconName {
  return Object.hasOwn(paths, name);
}

export function Icon({ name, class: className }: { name: IconName; class?: string }) {
  return (
    <svg
      class={className ? `icon ${className}` : 'icon'}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {paths[name]()}
    </svg>
  );
}
