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
} satisfies Record<string, () => JSX.Element>;

export type IconName = keyof typeof paths;

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
