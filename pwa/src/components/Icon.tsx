import { DIRECTIONAL_ICONS, ICON_PATHS, type IconName } from './icon-paths';

export { ICON_NAMES, type IconName, isIconName } from './icon-paths';

// Line icons on a 24×24 grid, drawn for Klusbuddy (the drawings are in icon-paths.ts). They are
// always shown next to words and are hidden from screen readers (the words say it all).
export function Icon({ name, class: className }: { name: IconName; class?: string }) {
  // A directional icon gets a class that styles.css mirrors under [dir="rtl"].
  const classes = ['icon', DIRECTIONAL_ICONS.has(name) ? 'icon--directional' : '', className ?? ''];
  return (
    <svg
      class={classes.filter(Boolean).join(' ')}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {ICON_PATHS[name].map((d, i) => (
        <path key={i} d={d} />
      ))}
    </svg>
  );
}
