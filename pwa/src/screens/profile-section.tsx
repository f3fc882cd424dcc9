// One part of /profile (profile.tsx): a titled section with its own form, and the "Opgeslagen"
// note after a save.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

export type Save = (body: Record<string, unknown>) => Promise<void>;

export function Section({
  id,
  title,
  intro,
  children,
  testid,
}: {
  id: string;
  title: string;
  intro?: string | undefined;
  children: ComponentChildren;
  testid?: string;
}) {
  return (
    <section class="section card" aria-labelledby={`${id}-title`} data-testid={testid}>
      <h2 id={`${id}-title`} class="card__title">
        {title}
      </h2>
      {intro && <p class="card__text">{intro}</p>}
      {children}
    </section>
  );
}

/** The "Opgeslagen" note shows after a save until the next edit. */
export function useSavedFlag() {
  const [saved, setSaved] = useState(false);
  return { saved, done: () => setSaved(true), edited: () => setSaved(false) };
}
