// One part of /profile (profile.tsx): a titled section with its own form, and the "Opgeslagen"
// note after a save.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Icon } from '../components/Icon';

export type Save = (body: Record<string, unknown>) => Promise<void>;

export function Section({
  id,
  title,
  intro,
  children,
  testid,
  fold = false,
}: {
  id: string;
  title: string;
  intro?: string | undefined;
  children: ComponentChildren;
  testid?: string;
  /** Folded shut at first (a worker's or buddy's long profile): the titles are an overview on
   * a phone, and one tap on a title opens its part. */
  fold?: boolean;
}) {
  if (fold) {
    return (
      <details class="section card fold" aria-labelledby={`${id}-title`} data-testid={testid}>
        <summary class="fold__summary">
          <h2 id={`${id}-title`} class="card__title fold__title">
            {title}
          </h2>
          <span class="fold__mark" aria-hidden="true">
            <Icon name="chevron" />
          </span>
        </summary>
        {intro && <p class="card__text">{intro}</p>}
        {children}
      </details>
    );
  }
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
