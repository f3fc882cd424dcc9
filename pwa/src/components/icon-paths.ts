// The line icons' drawings: 24×24, stroked (2 px, round ends), never filled. Plain data, no
// Preact, so that the service worker can draw the same icons (a category's icon on a
// notification) as Icon.tsx does on screen. Circles and rectangles are written as paths too,
// so that every icon is a list of SVG path strings (Path2D takes them as they are).
export const ICON_PATHS = {
  // job categories (the API's `icon` names)
  broom: ['M12 2v9', 'M8.5 11h7a0.5 0.5 0 0 1 0.5 0.5v2a0.5 0.5 0 0 1 -0.5 0.5h-7a0.5 0.5 0 0 1 -0.5 -0.5v-2a0.5 0.5 0 0 1 0.5 -0.5z', 'M8 14l-2 7h12l-2-7', 'M10 17.5 9.5 21M14 17.5l.5 3.5M12 17.5V21'],
  toolbox: ['M5 8h14a2 2 0 0 1 2 2v8a2 2 0 0 1 -2 2h-14a2 2 0 0 1 -2 -2v-8a2 2 0 0 1 2 -2z', 'M9 8V6a1 1 0 0 1 1-1h4a1 1 0 0 1 1 1v2', 'M3 13h7m4 0h7', 'M10 12h4v2.5h-4z'],
  leaf: ['M5 19C5 10 10 5 20 4c0 10-5 15-13 15z', 'M5 19l8-8', 'M3 21l2-2'],
  truck: ['M2 5h11v11H2z', 'M13 9h4l4 4v3h-8', 'M4.5 18a2 2 0 1 0 4 0a2 2 0 1 0 -4 0z', 'M15 18a2 2 0 1 0 4 0a2 2 0 1 0 -4 0z'],
  iron: ['M3 18h18v-5a3 3 0 0 0-3-3H9c-3 0-5 3.5-6 8z', 'M11 10V7a1 1 0 0 1 1-1h6a1 1 0 0 1 1 1v3', 'M8 14h.01M12 14h.01M16 14h.01'],
  paintbrush: ['M4 3h12a1 1 0 0 1 1 1v4a1 1 0 0 1 -1 1h-12a1 1 0 0 1 -1 -1v-4a1 1 0 0 1 1 -1z', 'M17 6h3v5h-8v3', 'M11.5 14h1a1 1 0 0 1 1 1v5a1 1 0 0 1 -1 1h-1a1 1 0 0 1 -1 -1v-5a1 1 0 0 1 1 -1z'],
  window: ['M5 3h14a1 1 0 0 1 1 1v16a1 1 0 0 1 -1 1h-14a1 1 0 0 1 -1 -1v-16a1 1 0 0 1 1 -1z', 'M12 3v18M4 12h16'],
  bag: ['M5 8h14l-1 13H6z', 'M9 10V6a3 3 0 0 1 6 0v4'],
  generic: ['M3 12V4a1 1 0 0 1 1-1h8l9 9-9 9z', 'M6 7.5a1.5 1.5 0 1 0 3 0a1.5 1.5 0 1 0 -3 0z'],
  // roles
  house: ['M3 11l9-7 9 7', 'M5 9.5V20h14V9.5', 'M10 20v-5h4v5'],
  hardhat: ['M2 17.5a1 1 0 0 0 1 1h18a1 1 0 0 0 1-1V16a1 1 0 0 0-1-1H3a1 1 0 0 0-1 1z', 'M4 15v-2a8 8 0 0 1 6-7.7', 'M14 5.3a8 8 0 0 1 6 7.7v2', 'M10 11V5a1 1 0 0 1 1-1h2a1 1 0 0 1 1 1v6'],
  buddies: ['M5.5 8a3 3 0 1 0 6 0a3 3 0 1 0 -6 0z', 'M2.5 20a6 6 0 0 1 12 0', 'M14 9a2.5 2.5 0 1 0 5 0a2.5 2.5 0 1 0 -5 0z', 'M15 14.2a5 5 0 0 1 6.5 4.8'],
  clipboard: ['M8 3h8v3H8z', 'M16 4.5h2a1 1 0 0 1 1 1V20a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1V5.5a1 1 0 0 1 1-1h2', 'M9 13.5l2 2 4-4'],
  // interface
  offline: ['M3 3l18 18', 'M8.5 6.6A6 6 0 0 1 17.6 10H18a4 4 0 0 1 2.3 7.3M17 18H7a4.5 4.5 0 0 1-1.3-8.8'],
  refresh: ['M20 12a8 8 0 1 1-2.3-5.7', 'M20 4v5h-5'],
  alert: ['M12 3l10 18H2z', 'M12 10v4.5', 'M12 17.5v.01'],
  // real-time: the connection indicator and notifications
  readAloud: ['M11 5 6 9H2v6h4l5 4z', 'M15.5 8.5a5 5 0 0 1 0 7', 'M19 5a10 10 0 0 1 0 14'],
  bell: ['M18 16v-5a6 6 0 0 0-12 0v5l-2 2h16z', 'M10 21h4'],
  signal: ['M10.5 12a1.5 1.5 0 1 0 3 0a1.5 1.5 0 1 0 -3 0z', 'M8.5 8.5a5 5 0 0 0 0 7M15.5 8.5a5 5 0 0 1 0 7', 'M5.6 5.6a9 9 0 0 0 0 12.8M18.4 5.6a9 9 0 0 1 0 12.8'],
  // interface (accounts)
  signIn: ['M14 4h4a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-4', 'M4 12h11', 'M11 8l4 4-4 4'],
  signOut: ['M10 4H6a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h4', 'M9 12h11', 'M16 8l4 4-4 4'],
  user: ['M8 8a4 4 0 1 0 8 0a4 4 0 1 0 -8 0z', 'M4 21a8 8 0 0 1 16 0'],
  userPlus: ['M6 8a4 4 0 1 0 8 0a4 4 0 1 0 -8 0z', 'M3 21a7 7 0 0 1 11.5-5.4', 'M19 14v6M16 17h6'],
  menu: ['M4 6h16M4 12h16M4 18h16'],
  close: ['M6 6l12 12M18 6 6 18'],
  phone: ['M8 2.5h8a2 2 0 0 1 2 2v15a2 2 0 0 1 -2 2h-8a2 2 0 0 1 -2 -2v-15a2 2 0 0 1 2 -2z', 'M11 18.5h2'],
  download: ['M12 3v12', 'M7 10l5 5 5-5', 'M4 20h16'],
  printer: ['M7 9V3h10v6', 'M7 17H4v-7a1 1 0 0 1 1-1h14a1 1 0 0 1 1 1v7h-3', 'M7 14h10v7H7z'],
  trash: ['M4 7h16', 'M9 7V4h6v3', 'M6 7l1 13h10l1-13', 'M10 11v6M14 11v6'],
  plus: ['M12 5v14M5 12h14'],
  minus: ['M5 12h14'],
  pencil: ['M4 20l1-4.5L15.5 5a2.1 2.1 0 0 1 3 3L8 18.5z', 'M13.5 7l3 3', 'M4 20h5'],
  userMinus: ['M6 8a4 4 0 1 0 8 0a4 4 0 1 0 -8 0z', 'M3 21a7 7 0 0 1 11.5-5.4', 'M16 17h6'],
  // jobs
  euro: ['M18 6.5A7 7 0 1 0 18 17.5', 'M4 10h9M4 14h9'],
  play: ['M3 12a9 9 0 1 0 18 0a9 9 0 1 0 -18 0z', 'M10 8.5v7l5.5-3.5z'],
  hourglass: ['M6 3h12M6 21h12', 'M7 3c0 5 10 5 10 9s-10 4-10 9', 'M17 3c0 5-10 5-10 9s10 4 10 9'],
  ban: ['M3 12a9 9 0 1 0 18 0a9 9 0 1 0 -18 0z', 'M5.6 5.6l12.8 12.8'],
  star: ['M12 3l2.7 5.6 6.1.8-4.5 4.2 1.1 6.1L12 16.8l-5.4 2.9 1.1-6.1-4.5-4.2 6.1-.8z'],
  note: ['M5 3h10l4 4v14H5z', 'M9 11h6M9 15h6M9 7h3'],
  copy: ['M10 8h8a2 2 0 0 1 2 2v8a2 2 0 0 1 -2 2h-8a2 2 0 0 1 -2 -2v-8a2 2 0 0 1 2 -2z', 'M16 8V6a2 2 0 0 0-2-2H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h2'],
  share: ['M15.5 5a2.5 2.5 0 1 0 5 0a2.5 2.5 0 1 0 -5 0z', 'M3.5 12a2.5 2.5 0 1 0 5 0a2.5 2.5 0 1 0 -5 0z', 'M15.5 19a2.5 2.5 0 1 0 5 0a2.5 2.5 0 1 0 -5 0z', 'M8.2 10.8l7.6-4.4M8.2 13.2l7.6 4.4'],
  check: ['M4 12.5l5 5L20 6.5'],
  search: ['M4.5 11a6.5 6.5 0 1 0 13 0a6.5 6.5 0 1 0 -13 0z', 'M16 16l4.5 4.5'],
  pin: ['M12 21s-7-6.2-7-11.5a7 7 0 0 1 14 0C19 14.8 12 21 12 21z', 'M9.5 9.5a2.5 2.5 0 1 0 5 0a2.5 2.5 0 1 0 -5 0z'],
  locate: ['M5 12a7 7 0 1 0 14 0a7 7 0 1 0 -14 0z', 'M9.5 12a2.5 2.5 0 1 0 5 0a2.5 2.5 0 1 0 -5 0z', 'M12 2v3M12 19v3M2 12h3M19 12h3'],
  calendar: ['M5 5h14a2 2 0 0 1 2 2v12a2 2 0 0 1 -2 2h-14a2 2 0 0 1 -2 -2v-12a2 2 0 0 1 2 -2z', 'M3 10h18M8 3v4M16 3v4'],
  clock: ['M3 12a9 9 0 1 0 18 0a9 9 0 1 0 -18 0z', 'M12 7v5l3 2'],
  key: ['M4 15a4 4 0 1 0 8 0a4 4 0 1 0 -8 0z', 'M11 12l9-9M17 6l3 3M15 8l2 2'],
  shield: ['M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z', 'M9 12l2 2 4-4'],
  building: ['M4 21V4a1 1 0 0 1 1-1h9a1 1 0 0 1 1 1v17', 'M15 9h4a1 1 0 0 1 1 1v11', 'M2 21h20M8 7h3M8 11h3M8 15h3'],
  mail: ['M5 5h14a2 2 0 0 1 2 2v10a2 2 0 0 1 -2 2h-14a2 2 0 0 1 -2 -2v-10a2 2 0 0 1 2 -2z', 'M3 7l9 6 9-6'],
  back: ['M15 5l-7 7 7 7'],
  chevron: ['M9 5l7 7-7 7'],
  eye: ['M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12z', 'M9 12a3 3 0 1 0 6 0a3 3 0 1 0 -6 0z'],
  globe: ['M3 12a9 9 0 1 0 18 0a9 9 0 1 0 -18 0z', 'M3 12h18M12 3c2.5 2.5 3.5 5.5 3.5 9s-1 6.5-3.5 9c-2.5-2.5-3.5-5.5-3.5-9s1-6.5 3.5-9z'],
  inbox: ['M3 13l3-8h12l3 8v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1z', 'M3 13h5l1.5 2.5h5L16 13h5'],
  route: ['M4 19a2 2 0 1 0 4 0a2 2 0 1 0 -4 0z', 'M16 5a2 2 0 1 0 4 0a2 2 0 1 0 -4 0z', 'M8 19h8.5a3.5 3.5 0 0 0 0-7h-9a3.5 3.5 0 0 1 0-7H16'],
  // travel modes
  walk: ['M11 4a2 2 0 1 0 4 0a2 2 0 1 0 -4 0z', 'M10 21l2-6 3 3v3', 'M12 15l-1-6 4 1 3 3', 'M11 9l-3 2-1 4'],
  bike: ['M2 16.5a3.5 3.5 0 1 0 7 0a3.5 3.5 0 1 0 -7 0z', 'M15 16.5a3.5 3.5 0 1 0 7 0a3.5 3.5 0 1 0 -7 0z', 'M5.5 16.5l4-7h6l3 7', 'M9.5 9.5l3 7h-7M13 6h3l-.5 3.5'],
  ebike: ['M2 16.5a3.5 3.5 0 1 0 7 0a3.5 3.5 0 1 0 -7 0z', 'M15 16.5a3.5 3.5 0 1 0 7 0a3.5 3.5 0 1 0 -7 0z', 'M5.5 16.5l4-7h6l3 7', 'M13 2l-2 3h3l-2 3'],
  bus: ['M6 3h12a2 2 0 0 1 2 2v11a2 2 0 0 1 -2 2h-12a2 2 0 0 1 -2 -2v-11a2 2 0 0 1 2 -2z', 'M4 11h16M8 18v3M16 18v3', 'M8 14.5h.01M16 14.5h.01'],
  car: ['M3 16v-4l2.5-5.5A2 2 0 0 1 7.3 5h9.4a2 2 0 0 1 1.8 1.5L21 12v4a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1z', 'M3 12h18', 'M5 17a2 2 0 1 0 4 0a2 2 0 1 0 -4 0z', 'M15 17a2 2 0 1 0 4 0a2 2 0 1 0 -4 0z'],
} as const satisfies Record<string, readonly string[]>;

export type IconName = keyof typeof ICON_PATHS;

/** Every icon drawn here, in this file's order (the admin picks a category's icon from them). */
export const ICON_NAMES = Object.keys(ICON_PATHS) as IconName[];

/** Icons that point a way (back, forward, in, out): mirrored in a right-to-left page (Arabic). */
export const DIRECTIONAL_ICONS: ReadonlySet<IconName> = new Set<IconName>(['back', 'chevron', 'signIn', 'signOut']);

export function isIconName(name: string): name is IconName {
  return Object.hasOwn(ICON_PATHS, name);
}
